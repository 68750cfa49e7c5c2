import type { RemovalPolicy } from 'aws-cdk-lib';
import { Aws, DefaultStackSynthesizer, Duration, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledge, nagString } from '../nag';
import { logicalId } from './data';

export interface CpWebProps {
  /** Host of the HTTP API (`<id>.execute-api.<region>.amazonaws.com`), served under /api/*. */
  readonly apiDomainName: string;
  /** Host the browser PUTs files to and GETs them from (the files bucket's regional name), for the CSP. */
  readonly filesDomainName: string;
  /** The built web app (web/dist); absent: the bucket is left as it is (deploy the app later). */
  readonly assetsPath?: string;
  /** A custom domain and its ACM certificate (us-east-1); absent: the CloudFront domain. */
  readonly domain?: { readonly name: string; readonly certificateArn: string };
  /** An AWS WAF web ACL (global) to attach, when the agency has one. */
  readonly webAclArn?: string;
  readonly accessLogs: s3.IBucket;
  readonly removalPolicy: RemovalPolicy;
}

/** Paths without a file extension are the app's own routes: serve index.html and let the router take over. */
const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  if (request.uri.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * The web app: a private bucket behind CloudFront (origin access control), security headers on every response, the
 * SPA fallback as a CloudFront Function (so API 404s stay API 404s), and /api/* routed to the HTTP API, which
 * makes the API same-origin — the web app calls `/api/…` on AWS exactly as it does on `npm start`.
 */
export class CpWeb extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly headers: cloudfront.ResponseHeadersPolicy;
  private readonly domainName?: string;

  constructor(scope: Construct, id: string, props: CpWebProps) {
    super(scope, id);
    this.domainName = props.domain?.name;
    this.bucket = new s3.Bucket(this, 'Assets', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'web/',
      removalPolicy: props.removalPolicy,
    });

    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'cpflow security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            // MUI (emotion) injects its styles at run time.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            `connect-src 'self' https://${props.filesDomainName}`,
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
          ].join('; '),
        },
        strictTransportSecurity: {
          override: true,
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { override: true, frameOption: cloudfront.HeadersFrameOption.DENY },
        referrerPolicy: {
          override: true,
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()', override: true },
        ],
      },
    });

    const api = new origins.HttpOrigin(props.apiDomainName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `cpflow ${Stack.of(this).stackName}`,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
          }
        : {}),
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        functionAssociations: [
          {
            eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
            function: new cloudfront.Function(this, 'SpaFallback', {
              code: cloudfront.FunctionCode.fromInline(SPA_REWRITE),
              runtime: cloudfront.FunctionRuntime.JS_2_0,
              comment: 'Serve index.html for the web app routes',
            }),
          },
        ],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: api,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.headers,
        },
      },
    });

    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'The agencies, enterprises, experts and banks cpflow serves may sign in from anywhere; no geo restriction.',
    );
    if (!props.webAclArn) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR2',
        'WAF is optional (config webAclArn): the API throttles per stage and Cognito locks out repeated sign-ins.',
      );
    }
    if (!props.domain) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'Without a custom domain CloudFront serves its default certificate, whose TLS floor cannot be raised.',
      );
    }

    if (props.assetsPath) {
      new s3deploy.BucketDeployment(this, 'Deploy', {
        sources: [s3deploy.Source.asset(props.assetsPath)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 512,
      });
      this.acknowledgeDeploymentHandler();
    }
  }

  /** The CDK's BucketDeployment handler (a stack-level singleton the CDK owns): its findings, each with why. */
  private acknowledgeDeploymentHandler(): void {
    const stack = Stack.of(this);
    const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) return;
    const why = (what: string) => `CDK BucketDeployment handler (runs at deploy time only): ${what}`;
    // The function's own CfnFunction: acknowledgements on this singleton land on its first child, the role.
    acknowledge(
      handler.node.findChild('Resource'),
      'AwsSolutions-L1',
      why('its Python runtime is pinned by the CDK release.'),
    );
    acknowledge(
      handler,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      why('the managed policy only lets it write its own logs.'),
    );
    for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']) {
      acknowledge(
        handler,
        `AwsSolutions-IAM5[Action::${action}]`,
        why('copies the built app into the web bucket.'),
      );
    }
    acknowledge(
      handler,
      `AwsSolutions-IAM5[Resource::<${logicalId(this.bucket)}.Arn>/*]`,
      why('replaces every object of the web bucket.'),
    );
    acknowledge(
      handler,
      `AwsSolutions-IAM5[Resource::${nagString(`arn:${Aws.PARTITION}:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${stack.account}-${stack.region}`)}/*]`,
      why('reads the staged web build from the CDK asset bucket.'),
    );
    acknowledge(
      handler,
      'AwsSolutions-IAM5[Resource::*]',
      why('creates the CloudFront invalidation, an action without resource-level permissions.'),
    );
  }

  /** The origins the browser runs on: the CloudFront domain, and the custom domain when there is one. */
  get origins(): string[] {
    return [
      `https://${this.distribution.distributionDomainName}`,
      ...(this.domainName ? [`https://${this.domainName}`] : []),
    ];
  }
}
