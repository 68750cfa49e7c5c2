import type { RemovalPolicy } from 'aws-cdk-lib';
import { Aws, Duration, Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge, nagString } from '../nag';
import { tableShape } from '../../lambdas/core/db/table';

/** The logical id cdk-nag prints for a resource's attributes, e.g. `DataTable2C2F3B6F`. */
export const logicalId = (c: Construct) => Stack.of(c).getLogicalId(c.node.defaultChild as CfnElement);

export interface CpDataProps {
  /** RETAIN for real data; DESTROY only for throw-away stages. Deletion protection follows it. */
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  /** Where S3 writes the files bucket's server access logs. */
  readonly accessLogs: s3.IBucket;
  /**
   * The files bucket's name. Explicit so the api Lambda's environment, its grant and the web app's CSP can name
   * the bucket without depending on it — the bucket's CORS rule depends on the web distribution, which depends on
   * the API, which depends on the api Lambda: a reference back to the bucket would close a cycle.
   */
  readonly filesBucketName: string;
}

/**
 * cpflow's data: the one DynamoDB table, built from the shape lambdas/core/db/table.ts declares (the local runtime
 * creates its table from the same shape), and the S3 bucket that holds uploaded files.
 */
export class CpData extends Construct {
  readonly table: dynamodb.TableV2;
  readonly files: s3.Bucket;
  readonly filesBucketName: string;

  constructor(scope: Construct, id: string, props: CpDataProps) {
    super(scope, id);
    const string = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: string(tableShape.partitionKey),
      sortKey: string(tableShape.sortKey),
      billing: dynamodb.Billing.onDemand(),
      globalSecondaryIndexes: tableShape.indexes.map((i) => ({
        indexName: i.name,
        partitionKey: string(i.partitionKey),
        sortKey: string(i.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
      timeToLiveAttribute: tableShape.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
    });

    this.filesBucketName = props.filesBucketName;
    this.files = new s3.Bucket(this, 'Files', {
      bucketName: props.filesBucketName,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Objects are written once under a fresh id; versions guard against deletion by mistake.
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'files/',
      removalPolicy: props.removalPolicy,
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          id: 'tier-after-30-days',
          transitions: [
            { storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(30) },
          ],
        },
        { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(90) },
      ],
    });
  }

  /** The files bucket's regional host, which pre-signed URLs name (the web app's CSP allows it). */
  get filesDomainName(): string {
    const stack = Stack.of(this);
    return `${this.filesBucketName}.s3.${stack.region}.${stack.urlSuffix}`;
  }

  /** Lets pages from `origins` PUT declared files to pre-signed URLs and GET them back. */
  allowBrowserOrigins(origins: readonly string[]): void {
    this.files.addCorsRule({
      allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET],
      allowedOrigins: [...origins],
      allowedHeaders: ['content-type', 'x-amz-checksum-sha256'],
      exposedHeaders: ['ETag'],
      maxAge: 3600,
    });
  }

  /** Items and indexes: read and write (conditional writes, queries on every GSI). */
  grantReadWriteData(grantee: iam.IGrantable): iam.Grant {
    const grant = this.table.grantReadWriteData(grantee);
    this.acknowledgeIndexes(grantee);
    return grant;
  }

  /** Items and indexes, read only (the dry run). */
  grantReadData(grantee: iam.IGrantable): iam.Grant {
    const grant = this.table.grantReadData(grantee);
    this.acknowledgeIndexes(grantee);
    return grant;
  }

  /**
   * What pre-signing needs, and no more: PutObject and GetObject (which covers HEAD) on objects under files/. The
   * ARN is built from the bucket's name, not taken from the bucket (see `filesBucketName`).
   */
  grantFiles(grantee: iam.IGrantable): iam.Grant {
    const objects = `arn:${Aws.PARTITION}:s3:::${this.filesBucketName}/files/*`;
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:PutObject', 's3:GetObject'],
      resourceArns: [objects],
    });
    acknowledge(
      grantee,
      `AwsSolutions-IAM5[Resource::${nagString(objects)}]`,
      'Uploads are keyed files/<orgId>/<fileId> with ids made at run time; the grant is the files/ prefix.',
    );
    return grant;
  }

  private acknowledgeIndexes(grantee: iam.IGrantable): void {
    acknowledge(
      grantee,
      `AwsSolutions-IAM5[Resource::<${logicalId(this.table)}.Arn>/index/*]`,
      'Queries use every GSI of the single table (GSI1–GSI3); the wildcard covers exactly its indexes.',
    );
  }
}
