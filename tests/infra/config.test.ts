import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { readDeployConfig } from '../../infra/config.js';
import { cdkJsonContext } from './synth.js';

const from = (context: Record<string, unknown>) => readDeployConfig((key) => context[key]);

describe('deployment settings from CDK context', () => {
  it('defaults, from cdk.json, to the dev stage, 90-day logs, same-origin only and the local staff callback', () => {
    expect(from(cdkJsonContext())).toEqual({
      stage: 'dev',
      allowedOrigins: [],
      logRetentionDays: RetentionDays.THREE_MONTHS,
      staffCallbackUrls: ['http://localhost:3000/'],
    });
  });

  it.each(['stage', 'logRetentionDays', 'staffCallbackUrls'])(
    'refuses a context without %s, naming the key (cdk.json is where the defaults live)',
    (key) => {
      const context = { ...cdkJsonContext() };
      delete context[key];
      expect(() => from(context)).toThrow(`"${key}"`);
      expect(() => from({ ...context, [key]: '' })).toThrow(`"${key}"`);
    },
  );

  it('reads lists given on the command line as comma-separated strings', () => {
    const config = from({
      stage: 'prod',
      alarmEmail: 'ops@example.org',
      allowedOrigins: 'https://portal.example.org, https://www.example.org',
      logRetentionDays: '365',
      authDomainPrefix: 'luohu-incentives-prod',
      staffCallbackUrls: 'https://staff.example.org/',
    });
    expect(config).toEqual({
      stage: 'prod',
      alarmEmail: 'ops@example.org',
      allowedOrigins: ['https://portal.example.org', 'https://www.example.org'],
      logRetentionDays: RetentionDays.ONE_YEAR,
      authDomainPrefix: 'luohu-incentives-prod',
      staffCallbackUrls: ['https://staff.example.org/'],
    });
  });

  it.each([
    [{ stage: 'Prod' }, /"stage"/],
    [{ stage: 'a'.repeat(21) }, /"stage"/],
    [{ alarmEmail: 'ops' }, /"alarmEmail"/],
    [{ allowedOrigins: 'https://portal.example.org/path' }, /"allowedOrigins"/],
    [{ allowedOrigins: '*' }, /"allowedOrigins"/],
    [{ logRetentionDays: 100 }, /"logRetentionDays"/],
    [{ logRetentionDays: 'forever' }, /"logRetentionDays"/],
    [{ authDomainPrefix: 'my-cognito-login' }, /"authDomainPrefix"/],
    [{ authDomainPrefix: 'Upper' }, /"authDomainPrefix"/],
    [{ allowedOrigins: 42 }, /"allowedOrigins"/],
  ])('refuses %j, naming the key', (context, message) => {
    expect(() => from({ ...cdkJsonContext(), ...context })).toThrow(message);
  });
});
