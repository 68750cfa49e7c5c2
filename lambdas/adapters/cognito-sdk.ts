/**
 * The part of @aws-sdk/client-cognito-identity-provider cpflow uses: the client and one command per action (the
 * IAM actions cdk/constructs/identity.ts grants, and InitiateAuth). cognito-idp.ts imports this module on its first
 * call; named imports let the bundler leave the other ~110 commands and their schemas out.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';

export { CognitoIdentityProviderClient };

export const COMMANDS = {
  AdminAddUserToGroup: AdminAddUserToGroupCommand,
  AdminCreateUser: AdminCreateUserCommand,
  AdminDeleteUser: AdminDeleteUserCommand,
  AdminDisableUser: AdminDisableUserCommand,
  AdminEnableUser: AdminEnableUserCommand,
  AdminGetUser: AdminGetUserCommand,
  AdminSetUserPassword: AdminSetUserPasswordCommand,
  AdminUpdateUserAttributes: AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOut: AdminUserGlobalSignOutCommand,
  InitiateAuth: InitiateAuthCommand,
} as const;

export type CognitoAction = keyof typeof COMMANDS;
