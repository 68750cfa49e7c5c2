/**
 * Deployment settings, from CDK context (`-c stage=prod`, or cdk.json / cdk.context.json): nothing about the
 * account or region is written here — the CLI's credentials and CDK_DEFAULT_ACCOUNT/REGION decide those.
 */
import type { Node } from 'constructs';

export interface DeployConfig {
  /** Names everything: stack `cpflow-<stage>`, functions and state machines `cpflow-<stage>-…`. */
  readonly stage: string;
  /** Custom domain for the web app and its ACM certificate ARN in us-east-1 (both, or neither). */
  readonly domain?: { readonly name: string; readonly certificateArn: string };
  /** Verified SES sender for notifications; absent: no e-mail. */
  readonly senderEmail?: string;
  /** Subscribed to the alarm topic. */
  readonly alarmEmail?: string;
  /** Stored on the first administrator. */
  readonly adminEmail?: string;
  /** Cognito MFA: OFF, OPTIONAL (default) or REQUIRED. */
  readonly mfa: 'OFF' | 'OPTIONAL' | 'REQUIRED';
  /** false only for throw-away stages: the table, files and user pool are then deleted with the stack. */
  readonly retainData: boolean;
  /** The built web app; absent when web/dist has not been built. */
  readonly webAssetsPath?: string;
  /** A global AWS WAF web ACL ARN for CloudFront. */
  readonly webAclArn?: string;
  /** When the daily reminder sweep runs (local time of `reminderTimeZone`). */
  readonly reminderHour: number;
  readonly reminderTimeZone: string;
  /** How often `cp-dashboard` recounts the administrators' dashboard, in minutes (DASHBOARD_REFRESH_MINUTES locally). */
  readonly dashboardRefreshMinutes: number;
  /** API stage throttling. */
  readonly apiRateLimit: number;
  readonly apiBurstLimit: number;
}

function pick(node: Node, key: string): string | undefined {
  const v = node.tryGetContext(key) as unknown;
  return v === undefined || v === null || v === '' ? undefined : String(v);
}

function num(node: Node, key: string, fallback: number): number {
  const raw = pick(node, key);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`context ${key} must be a non-negative number, got ${raw}`);
  return n;
}

function wholeMinutes(n: number): number {
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`context dashboardRefreshMinutes must be a whole number ≥ 1, got ${n}`);
  return n;
}

export function configFromContext(node: Node, defaults: { webAssetsPath?: string } = {}): DeployConfig {
  const stage = pick(node, 'stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) throw new Error(`stage must be 1–16 of a-z 0-9 -, got ${stage}`);
  const domainName = pick(node, 'domainName');
  const certificateArn = pick(node, 'certificateArn');
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new Error('domainName and certificateArn go together (the certificate in us-east-1)');
  }
  const mfa = (pick(node, 'mfa') ?? 'OPTIONAL').toUpperCase();
  if (mfa !== 'OFF' && mfa !== 'OPTIONAL' && mfa !== 'REQUIRED')
    throw new Error(`mfa must be OFF, OPTIONAL or REQUIRED`);
  const webAssetsPath = pick(node, 'webAssetsPath') ?? defaults.webAssetsPath;
  const optional = (key: string) => {
    const v = pick(node, key);
    return v ? { [key]: v } : {};
  };
  return {
    stage,
    ...(domainName && certificateArn ? { domain: { name: domainName, certificateArn } } : {}),
    ...optional('senderEmail'),
    ...optional('alarmEmail'),
    ...optional('adminEmail'),
    ...optional('webAclArn'),
    ...(webAssetsPath ? { webAssetsPath } : {}),
    mfa,
    retainData: pick(node, 'retainData') !== 'false',
    reminderHour: num(node, 'reminderHour', 8),
    reminderTimeZone: pick(node, 'reminderTimeZone') ?? 'Asia/Shanghai',
    dashboardRefreshMinutes: wholeMinutes(num(node, 'dashboardRefreshMinutes', 10)),
    apiRateLimit: num(node, 'apiRateLimit', 100),
    apiBurstLimit: num(node, 'apiBurstLimit', 200),
  };
}
