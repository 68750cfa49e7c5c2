import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { configFromContext } from '../../../cdk/config';

const config = (context: Record<string, string>) => configFromContext(new App({ context }).node);

describe('deployment settings from CDK context', () => {
  it('has defaults for everything but the account and region', () => {
    expect(config({})).toMatchObject({
      stage: 'dev',
      mfa: 'OPTIONAL',
      retainData: true,
      reminderHour: 8,
      reminderTimeZone: 'Asia/Shanghai',
      dashboardRefreshMinutes: 10,
    });
  });

  it('takes the dashboard refresh in whole minutes and refuses anything else', () => {
    expect(config({ dashboardRefreshMinutes: '30' }).dashboardRefreshMinutes).toBe(30);
    expect(() => config({ dashboardRefreshMinutes: '0' })).toThrow(/dashboardRefreshMinutes/);
    expect(() => config({ dashboardRefreshMinutes: '2.5' })).toThrow(/dashboardRefreshMinutes/);
    expect(() => config({ dashboardRefreshMinutes: 'often' })).toThrow(/dashboardRefreshMinutes/);
  });

  it('refuses a bad stage, a domain without its certificate and an unknown MFA mode', () => {
    expect(() => config({ stage: 'Prod!' })).toThrow(/stage/);
    expect(() => config({ domainName: 'cp.example.cn' })).toThrow(/certificateArn/);
    expect(() => config({ mfa: 'SOMETIMES' })).toThrow(/mfa/);
  });
});
