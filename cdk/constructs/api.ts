import type { RemovalPolicy } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

/** A route the API serves without a token (the app declares it `open`: sign-in, health, the OpenAPI document …). */
export interface PublicRoute {
  readonly method: string;
  /** OpenAPI-style path, e.g. `/api/certificates/{number}/verify`. */
  readonly path: string;
}

export interface CpApiProps {
  /** The api Lambda (lambdas/api/handler.ts). */
  readonly handler: lambda.IFunction;
  /** JWT issuer (the user pool) and accepted audiences (its app client). */
  readonly jwtIssuer: string;
  readonly jwtAudience: readonly string[];
  readonly publicRoutes: readonly PublicRoute[];
  /** Steady requests per second and burst for the whole stage. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The HTTP API: `/api/{proxy+}` behind a JWT authoriser on Cognito ID tokens (the api Lambda verifies them again),
 * the app's public routes without one, stage throttling, and JSON access logs.
 */
export class CpApi extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: CpApiProps) {
    super(scope, id);
    const integration = new HttpLambdaIntegration('Api', props.handler, {
      payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
    });
    this.httpApi = new apigw.HttpApi(this, 'Http', {
      description: 'cpflow API',
      createDefaultStage: false,
    });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.stage = new apigw.HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            path: '$context.path',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            user: '$context.authorizer.claims.sub',
            ip: '$context.identity.sourceIp',
          }),
        ),
      },
    });

    const authorizer = new HttpJwtAuthorizer('Cognito', props.jwtIssuer, {
      jwtAudience: [...props.jwtAudience],
      identitySource: ['$request.header.Authorization'],
    });
    this.httpApi.addRoutes({
      path: '/api/{proxy+}',
      methods: [apigw.HttpMethod.ANY],
      integration,
      authorizer,
    });
    for (const route of props.publicRoutes) {
      this.httpApi.addRoutes({
        path: route.path,
        methods: [route.method.toUpperCase() as apigw.HttpMethod],
        integration,
      });
    }
    for (const child of this.httpApi.node.findAll()) {
      if (child instanceof apigw.HttpRoute && !child.node.id.includes('proxy')) {
        acknowledge(
          child,
          'AwsSolutions-APIG4',
          'A public route of the app (sign-in, health, OpenAPI document, certificate check): it needs no token.',
        );
      }
    }
  }

  /** The execute-api host, for CloudFront's origin. */
  get domainName(): string {
    return `${this.httpApi.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;
  }
}
