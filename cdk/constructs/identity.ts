import type { RemovalPolicy } from 'aws-cdk-lib';
import { Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

export interface CpIdentityProps {
  /** Roles become groups, one each (lambdas/core/identity/roles.ts). */
  readonly roles: readonly string[];
  /** OPTIONAL lets each user turn on a TOTP app; REQUIRED makes every user enrol. */
  readonly mfa: cognito.Mfa;
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
}

/**
 * Sign-in on AWS (ARCHITECTURE §9): a Cognito user pool whose ID tokens carry the claims the local issuer signs —
 * `cognito:groups` (the role), `custom:orgId`, `custom:region` — plus `custom:userId`, the cpflow user id. Users
 * are created by administrators through the API (no self sign-up); custom attributes are not writable by users.
 */
export class CpIdentity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly groups: ReadonlyMap<string, cognito.UserPoolGroup>;

  constructor(scope: Construct, id: string, props: CpIdentityProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      signInCaseSensitive: false,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      mfa: props.mfa,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 10,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      standardAttributes: {
        fullname: { required: false, mutable: true },
        email: { required: false, mutable: true },
      },
      customAttributes: {
        userId: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
        orgId: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
        // An organisation can move to another region; its users' attribute follows at the next change.
        region: new cognito.StringAttribute({ minLen: 1, maxLen: 256, mutable: true }),
      },
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
    });

    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'Essentials plan: Plus (threat protection) is billed per active user; sign-in lockout is in every plan.',
    );
    if (props.mfa !== cognito.Mfa.REQUIRED) {
      acknowledge(
        this.userPool,
        'AwsSolutions-COG2',
        'MFA is optional per the deployment config (context mfa=REQUIRED makes every user enrol a TOTP app).',
      );
    }

    const custom = ['userId', 'orgId', 'region'];
    this.client = this.userPool.addClient('Web', {
      // USER_PASSWORD_AUTH: /api/auth/login signs in for the web app, as the local runtime does; SRP for clients
      // that talk to Cognito directly.
      authFlows: { userPassword: true, userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(8),
      accessTokenValidity: Duration.hours(8),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ fullname: true, email: true, emailVerified: true })
        .withCustomAttributes(...custom),
      // Users may change their display name; organisation, region and id only administrators (Admin* APIs).
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    this.groups = new Map(
      props.roles.map((role, precedence) => [
        role,
        new cognito.UserPoolGroup(this, `Group-${role}`, {
          userPool: this.userPool,
          groupName: role,
          precedence,
          description: `cpflow role ${role}`,
        }),
      ]),
    );
  }

  /** The issuer API Gateway and aws-jwt-verify expect in ID tokens. */
  get issuer(): string {
    return `https://cognito-idp.${Stack.of(this).region}.${Stack.of(this).urlSuffix}/${this.userPool.userPoolId}`;
  }

  /** What the identity directory (lambdas/adapters/cognito-directory.ts) calls on this pool. */
  grantUserAdministration(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: [
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDeleteUser',
        'cognito-idp:AdminGetUser',
        'cognito-idp:AdminSetUserPassword',
        'cognito-idp:AdminAddUserToGroup',
        'cognito-idp:AdminUpdateUserAttributes',
        'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminEnableUser',
        'cognito-idp:AdminUserGlobalSignOut',
      ],
      resourceArns: [this.userPool.userPoolArn],
    });
  }
}
