import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStore } from '../../functions/local-store.js';
import { BUNDLING } from '../../infra/bundling.js';
import { STORE_OPERATIONS } from '../../infra/constructs/main-table.js';
import { REPO_ROOT } from '../../infra/constructs/service-function.js';
import { AwsSolutionsChecks } from '../../infra/nag.js';
import { AUTHORIZER_CLAIMS, STAFF_ROLES, StaffClaimsSchema } from '../../shared/auth/principal.js';
import { loadCatalogFromSeeds } from '../../shared/catalog/load-seeds.js';
import { readLexicon } from '../../shared/chat/load-lexicon.js';
import { MAIN_TABLE } from '../../shared/store/tables.js';
import { type Resource, resourcesOf, type Synthesized, synthesize } from './synth.js';

// What the deployed API must look like, read from the synthesized template.
// The route lists below are written from the API contract on purpose, not
// imported from infra/routes.ts: a route moved to the wrong access class there
// must fail here.
const STAFF_ROUTES = ['GET /v1/cases', 'PATCH /v1/cases/{id}'];
const CHATBOT_ROUTES = ['POST /v1/chat'];
const PUBLIC_ROUTES = [
  'GET /',
  'GET /docs',
  'GET /openapi.json',
  'GET /health',
  'GET /v1/tracks',
  'GET /v1/buildings',
  'GET /v1/policies',
  'GET /v1/policies/{id}',
  'POST /v1/match',
  'POST /v1/cases',
  'GET /v1/cases/{id}',
  'GET /v1/cases/{id}/replay',
  '$default',
];

let s: Synthesized;
beforeAll(() => {
  s = synthesize();
});
afterAll(() => s?.cleanup());

const resources = (type: string) => resourcesOf(s.template, type);
const only = (type: string): [string, Resource] => {
  const found = Object.entries(resources(type));
  expect(found, type).toHaveLength(1);
  return found[0] as [string, Resource];
};
const functionAt = (path: string) =>
  Object.entries(resources('AWS::Lambda::Function')).find(
    ([, fn]) => (fn.Metadata as Record<string, string>)['aws:cdk:path'] === `${s.stack.stackName}/${path}`,
  ) as [string, Resource];
/** The folder a function's code asset was bundled into (what Lambda unpacks at /var/task). */
const assetDir = (fn: Resource) =>
  join(s.outdir, (fn.Metadata as Record<string, string>)['aws:asset:path'] as string);
/** Every JavaScript file in an asset: the entry and its chunks. */
const javaScriptIn = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.mjs'))
    .map((file) => join(dir, file));
/** The source files of everything bundled into an asset, from its source maps. */
const sourcesIn = (dir: string): string[] =>
  javaScriptIn(dir).flatMap(
    (file) => (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources,
  );
const refOf = (value: unknown) => (value as { Ref?: string } | undefined)?.Ref;
const getAttOf = (value: unknown) =>
  (value as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt'];

describe('Lambda functions', () => {
  it('every function runs nodejs22.x on arm64', () => {
    const functions = Object.values(resources('AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThanOrEqual(2);
    for (const fn of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
    }
  });

  it('every function logs JSON with source maps and a service name', () => {
    for (const fn of Object.values(resources('AWS::Lambda::Function'))) {
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.NODE_OPTIONS).toContain('--enable-source-maps');
      expect(env.POWERTOOLS_SERVICE_NAME).toMatch(/^luohu-incentives-/);
      expect(env.LOG_LEVEL).toBe('INFO');
      expect(fn.Properties.LoggingConfig).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'INFO' });
    }
  });

  it('the API function has the memory and timeout chosen, below API Gateway’s 30 s limit', () => {
    const api = Object.values(resources('AWS::Lambda::Function')).find(
      (fn) =>
        (fn.Metadata as Record<string, string>)['aws:cdk:path'] ===
        `${s.stack.stackName}/Api/Function/Resource`,
    );
    expect(api?.Properties.MemorySize).toBe(1024);
    expect(api?.Properties.Timeout).toBeLessThan(30);
  });

  it('bundles are self-contained minified ESM with a source map beside every file', () => {
    for (const fn of Object.values(resources('AWS::Lambda::Function'))) {
      const dir = assetDir(fn);
      expect(fn.Properties.Handler).toBe('index.handler');
      const entry = join(dir, 'index.mjs');
      for (const file of javaScriptIn(dir)) {
        expect(existsSync(`${file}.map`), file).toBe(true);
        const code = readFileSync(file, 'utf8');
        // Minified: far fewer lines than formatted code of that size would have.
        expect(code.split('\n').length < code.length / 500 + 5, file).toBe(true);
      }
      // Loaded by a bare Node from the asset folder, which has no node_modules
      // anywhere above it: any import left for the runtime to satisfy (the AWS
      // SDK included) would fail here as it would in Lambda.
      const loaded = spawnSync(
        process.execPath,
        [
          '-e',
          `import(${JSON.stringify(pathToFileURL(entry).href)}).then((m) => process.exit(typeof m.handler === 'function' ? 0 : 3))`,
        ],
        { cwd: dir, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 60_000 },
      );
      expect(loaded.stderr.slice(0, 2000)).toBe('');
      expect(loaded.status).toBe(0);
    }
  });
});

describe('Lambda bundles', () => {
  it('keep Chinese text as UTF-8 rather than \\u escapes (half the bytes for the OpenCC tables and texts)', () => {
    for (const fn of Object.values(resources('AWS::Lambda::Function'))) {
      const code = javaScriptIn(assetDir(fn))
        .map((file) => readFileSync(file, 'utf8'))
        .join('\n');
      expect(/[\u4e00-\u9fff]{2}/.test(code), 'literal Chinese text in the bundle').toBe(true);
    }
  });

  it('each hold under 1 MiB of JavaScript, chunks included (issue 7)', () => {
    for (const fn of Object.values(resources('AWS::Lambda::Function'))) {
      const bytes = javaScriptIn(assetDir(fn)).reduce((sum, file) => sum + statSync(file).size, 0);
      expect(bytes, assetDir(fn)).toBeLessThan(1024 * 1024);
    }
  });

  it('carry only the zod locales the bundling keeps', () => {
    const [, api] = functionAt('Api/Function/Resource');
    const locales = sourcesIn(assetDir(api))
      .map((source) => /node_modules\/zod\/v4\/locales\/([^/]+)\.js$/.exec(source)?.[1])
      .filter((name) => name !== undefined);
    expect(new Set(locales)).toEqual(new Set([...BUNDLING.zodLocales, 'index']));
  });

  it('the API loads the AWS SDK only from chunks its cases routes import on first use', () => {
    const [, api] = functionAt('Api/Function/Resource');
    const dir = assetDir(api);
    // The entry and what it imports statically (`import … from "./…"`, not `import("./…")`), transitively.
    const loaded = new Set<string>();
    const pending = [join(dir, 'index.mjs')];
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
      if (loaded.has(file)) continue;
      loaded.add(file);
      for (const [, path] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*"(\.\.?\/[^"]+)"/g))
        pending.push(join(dirname(file), path as string));
    }
    expect(loaded.size).toBeGreaterThan(1);
    const atStart = [...loaded].flatMap(
      (file) => (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources,
    );
    expect(atStart.some((source) => source.includes('functions/lambda.ts'))).toBe(true);
    expect(atStart.filter((source) => /node_modules\/@(aws-sdk|smithy)\//.test(source))).toEqual([]);
    expect(sourcesIn(dir).some((source) => source.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(
      true,
    );
  });
});

describe('DynamoDB table', () => {
  it('is built from MAIN_TABLE: keys, indexes and TTL', () => {
    const [, table] = only('AWS::DynamoDB::Table');
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: MAIN_TABLE.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: MAIN_TABLE.sortKey?.name, KeyType: 'RANGE' },
    ]);
    const indexes = table.Properties.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown }[];
    expect(indexes.map((i) => i.IndexName)).toEqual(
      MAIN_TABLE.globalSecondaryIndexes.map((i) => i.indexName),
    );
    for (const def of MAIN_TABLE.globalSecondaryIndexes) {
      const index = indexes.find((i) => i.IndexName === def.indexName);
      expect(index?.KeySchema).toEqual([
        { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
        ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' }] : []),
      ]);
    }
    expect(table.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: MAIN_TABLE.timeToLiveAttribute,
      Enabled: true,
    });
    expect(MAIN_TABLE.timeToLiveAttribute).toBe('expiresAt');
  });

  it('is on-demand with point-in-time recovery, deletion protection and Retain policies', () => {
    const [, table] = only('AWS::DynamoDB::Table');
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('functions get exactly the operations the stores issue, and no Scan or Delete', () => {
    const rolesChecked: unknown[] = [];
    for (const policy of Object.values(resources('AWS::IAM::Policy'))) {
      const statements = (policy.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] })
        .Statement;
      const dynamoActions = statements
        .flatMap((st) => [st.Action].flat())
        .filter((a) => a.startsWith('dynamodb:'));
      if (!dynamoActions.length) continue;
      expect(dynamoActions.sort()).toEqual(STORE_OPERATIONS.map((o) => `dynamodb:${o}`).sort());
      rolesChecked.push(...(policy.Properties.Roles as unknown[]).map(refOf));
    }
    // The functions that use the table: the API and the catalog publisher.
    const roleOf = (path: string) => getAttOf(functionAt(path)?.[1].Properties.Role)?.[0];
    const expected = [roleOf('Api/Function/Resource'), roleOf('Catalog/Publisher/Function/Resource')];
    expect(expected).not.toContain(undefined);
    expect(rolesChecked.sort()).toEqual(expected.sort());
  });

  it('STORE_OPERATIONS covers every DynamoDB command the stores send', () => {
    // Commands only the local bootstrap uses (dynalite / DynamoDB Local).
    const localOnly = new Set(['CreateTable', 'UpdateTimeToLive', 'DescribeTable', 'ListTables']);
    const toOperation: Record<string, string> = {
      Get: 'GetItem',
      Put: 'PutItem',
      Update: 'UpdateItem',
      Delete: 'DeleteItem',
    };
    const storeDir = join(REPO_ROOT, 'shared/store');
    const used = new Set<string>();
    for (const file of readdirSync(storeDir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(storeDir, file), 'utf8');
      for (const [, name] of source.matchAll(/new (\w+)Command\b/g)) {
        const operation = toOperation[name as string] ?? (name as string);
        if (!localOnly.has(operation)) used.add(operation);
      }
    }
    expect(used.size).toBeGreaterThan(0);
    for (const operation of used) expect(STORE_OPERATIONS, operation).toContain(operation);
  });
});

describe('API routes and authorizers', () => {
  const routes = () =>
    Object.values(resources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties as Record<string, unknown>);
  const authorizer = (name: string) => {
    const found = Object.entries(resources('AWS::ApiGatewayV2::Authorizer')).find(
      ([, a]) => a.Properties.Name === name,
    );
    expect(found, name).toBeDefined();
    return found as [string, Resource];
  };
  const clientLogicalId = (pathSuffix: string) => {
    const found = Object.entries(resources('AWS::Cognito::UserPoolClient')).find(([, c]) =>
      ((c.Metadata as Record<string, string>)['aws:cdk:path'] ?? '').endsWith(pathSuffix),
    );
    expect(found, pathSuffix).toBeDefined();
    return (found as [string, Resource])[0];
  };

  it('every route is classified, and every contract route exists', () => {
    const keys = routes().map((r) => r.RouteKey as string);
    expect(keys.sort()).toEqual([...STAFF_ROUTES, ...CHATBOT_ROUTES, ...PUBLIC_ROUTES].sort());
  });

  it('the staff JWT authorizer is on every staff route, accepting the staff client’s tokens from the user pool', () => {
    const [staffId, staff] = authorizer('StaffJwt');
    expect(staff.Properties.AuthorizerType).toBe('JWT');
    const jwt = staff.Properties.JwtConfiguration as { Audience: unknown[]; Issuer: unknown };
    expect(jwt.Audience.map(refOf)).toEqual([clientLogicalId('/StaffClient/Resource')]);
    expect(getAttOf(jwt.Issuer)?.[1]).toBe('ProviderURL');
    for (const key of STAFF_ROUTES) {
      const route = routes().find((r) => r.RouteKey === key);
      expect(route?.AuthorizationType, key).toBe('JWT');
      expect(refOf(route?.AuthorizerId), key).toBe(staffId);
    }
  });

  it('no public route has an authorizer', () => {
    for (const key of PUBLIC_ROUTES) {
      const route = routes().find((r) => r.RouteKey === key);
      expect(route, key).toBeDefined();
      expect(route?.AuthorizationType ?? 'NONE', key).toBe('NONE');
      expect(route?.AuthorizerId, key).toBeUndefined();
    }
  });

  it('the chatbot route needs a chatbot-client token with the luohu-api/chat scope', () => {
    const [chatbotId, chatbot] = authorizer('ChatbotJwt');
    const jwt = chatbot.Properties.JwtConfiguration as { Audience: unknown[] };
    expect(jwt.Audience.map(refOf)).toEqual([clientLogicalId('/ChatbotClient/Resource')]);
    for (const key of CHATBOT_ROUTES) {
      const route = routes().find((r) => r.RouteKey === key);
      expect(route?.AuthorizationType, key).toBe('JWT');
      expect(refOf(route?.AuthorizerId), key).toBe(chatbotId);
      expect(route?.AuthorizationScopes, key).toEqual(['luohu-api/chat']);
    }
  });

  it('every route goes to the one Lambda integration', () => {
    const [integrationId, integration] = only('AWS::ApiGatewayV2::Integration');
    expect(integration.Properties).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
    for (const route of routes())
      expect(route.Target).toEqual({ 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] });
  });
});

describe('throttling', () => {
  it('the stage has a default rate and burst limit', () => {
    const [, stage] = only('AWS::ApiGatewayV2::Stage');
    const limits = stage.Properties.DefaultRouteSettings as Record<string, number>;
    expect(limits.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(limits.ThrottlingBurstLimit).toBeGreaterThanOrEqual(limits.ThrottlingRateLimit as number);
  });

  it('case creation and chat have tighter limits of their own, on routes that exist', () => {
    const [, stage] = only('AWS::ApiGatewayV2::Stage');
    const defaults = stage.Properties.DefaultRouteSettings as Record<string, number>;
    const perRoute = stage.Properties.RouteSettings as Record<string, Record<string, number>>;
    const keys = Object.values(resources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    for (const key of ['POST /v1/cases', 'POST /v1/chat']) {
      const limits = perRoute[key];
      expect(limits, key).toBeDefined();
      expect(limits?.ThrottlingRateLimit).toBeLessThan(defaults.ThrottlingRateLimit as number);
      expect(limits?.ThrottlingBurstLimit).toBeLessThan(defaults.ThrottlingBurstLimit as number);
    }
    for (const key of Object.keys(perRoute)) expect(keys).toContain(key);
  });

  it('the stage is created after the routes its settings name', () => {
    const [, stage] = only('AWS::ApiGatewayV2::Stage');
    for (const id of Object.keys(resources('AWS::ApiGatewayV2::Route')))
      if (!id.includes('DefaultRoute')) expect(stage.DependsOn).toContain(id);
  });
});

describe('alarms', () => {
  const alarms = () => Object.values(resources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
  const metricsOf = (alarm: Record<string, unknown>) => {
    if (alarm.MetricName) return [{ namespace: alarm.Namespace, name: alarm.MetricName, alarm }];
    return ((alarm.Metrics as { MetricStat?: { Metric: { Namespace: string; MetricName: string } } }[]) ?? [])
      .filter((m) => m.MetricStat)
      .map((m) => ({
        namespace: m.MetricStat?.Metric.Namespace,
        name: m.MetricStat?.Metric.MetricName,
        alarm,
      }));
  };
  const watching = (namespace: string, name: string) =>
    alarms().filter((a) => metricsOf(a).some((m) => m.namespace === namespace && m.name === name));

  it.each([
    ['AWS/ApiGateway', '5xx'],
    ['AWS/ApiGateway', '4xx'],
    ['AWS/ApiGateway', 'Latency'],
    ['AWS/Lambda', 'Throttles'],
    ['AWS/Lambda', 'Errors'],
    ['AWS/DynamoDB', 'SystemErrors'],
    ['AWS/DynamoDB', 'UserErrors'],
    ['AWS/DynamoDB', 'ThrottledRequests'],
  ])('an alarm watches %s %s', (namespace, name) => {
    expect(watching(namespace, name)).not.toHaveLength(0);
  });

  it('the 5xx alarm is a rate: 5xx over request count', () => {
    const [alarm] = watching('AWS/ApiGateway', '5xx');
    const metrics = (alarm?.Metrics ?? []) as { Expression?: string }[];
    const expression = metrics.find((m) => m.Expression)?.Expression;
    expect(expression).toMatch(/100 \* errors \/ requests/);
    expect(metricsOf(alarm as Record<string, unknown>).map((m) => m.name)).toContain('Count');
  });

  it('the latency alarm is on p99', () => {
    const [alarm] = watching('AWS/ApiGateway', 'Latency');
    expect(alarm?.ExtendedStatistic).toBe('p99');
  });

  it('every alarm notifies the alarm topic, on alarm and on recovery', () => {
    const [topicId] = only('AWS::SNS::Topic');
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions).toEqual([{ Ref: topicId }]);
    }
  });

  it('the alarm topic refuses unencrypted transport', () => {
    s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('logs', () => {
  it('every log group has a retention', () => {
    const groups = Object.values(resources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThanOrEqual(3);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('every function and the API stage log into a log group of the stack', () => {
    const groupIds = Object.keys(resources('AWS::Logs::LogGroup'));
    for (const fn of Object.values(resources('AWS::Lambda::Function')))
      expect(groupIds).toContain(refOf((fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup));
    const [, stage] = only('AWS::ApiGatewayV2::Stage');
    const access = stage.Properties.AccessLogSettings as { DestinationArn: unknown; Format: string };
    expect(groupIds).toContain(getAttOf(access.DestinationArn)?.[0]);
  });

  it('access logs are one JSON object per request without bodies or headers', () => {
    const [, stage] = only('AWS::ApiGatewayV2::Stage');
    const format = JSON.parse((stage.Properties.AccessLogSettings as { Format: string }).Format) as Record<
      string,
      string
    >;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
    expect(Object.values(format).join(' ')).not.toMatch(/\$request\.|\$input\.|authorization/i);
  });
});

describe('staff identity', () => {
  it('the user pool is admin-created only, with MFA, a strong password policy and the department attribute', () => {
    const [, pool] = only('AWS::Cognito::UserPool');
    expect(pool.Properties.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    expect(pool.Properties.MfaConfiguration).toBe('ON');
    expect(pool.Properties.Policies).toMatchObject({
      PasswordPolicy: {
        RequireUppercase: true,
        RequireLowercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
      },
    });
    const policy = (pool.Properties.Policies as { PasswordPolicy: { MinimumLength: number } }).PasswordPolicy;
    expect(policy.MinimumLength).toBeGreaterThanOrEqual(12);
    // Cognito cannot change a custom attribute later: its bounds must already be the ones the app accepts.
    const department = StaffClaimsSchema.shape.department.unwrap();
    expect(pool.Properties.Schema).toEqual(
      expect.arrayContaining([
        {
          Name: 'department',
          AttributeDataType: 'String',
          Mutable: true,
          StringAttributeConstraints: {
            MinLength: String(department.minLength),
            MaxLength: String(department.maxLength),
          },
        },
      ]),
    );
    expect(pool.DeletionPolicy).toBe('Retain');
  });

  it('has the staff and admin groups the app reads from cognito:groups', () => {
    const names = Object.values(resources('AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName);
    expect(names.sort()).toEqual(['admin', 'staff']);
    expect([...STAFF_ROLES].sort()).toEqual(names);
    // Cognito's own claim for group membership; the app reads exactly that claim.
    expect(AUTHORIZER_CLAIMS.groups).toBe('cognito:groups');
  });

  it('the pool’s custom attributes, as Cognito names their claims (custom:<name>), include the one the app reads', () => {
    const [, pool] = only('AWS::Cognito::UserPool');
    const claims = (pool.Properties.Schema as { Name: string }[]).map(
      (attribute) => `custom:${attribute.Name}`,
    );
    expect(claims).toContain(AUTHORIZER_CLAIMS.department);
  });

  it('staff can read but not write their own department', () => {
    const staff = Object.values(resources('AWS::Cognito::UserPoolClient')).find((c) =>
      ((c.Metadata as Record<string, string>)['aws:cdk:path'] ?? '').endsWith('/StaffClient/Resource'),
    );
    expect(staff?.Properties.ReadAttributes).toContain('custom:department');
    expect(staff?.Properties.WriteAttributes).toBeDefined();
    expect(staff?.Properties.WriteAttributes).not.toContain('custom:department');
    expect(staff?.Properties.GenerateSecret).toBe(false);
  });

  it('the chatbot client uses client credentials with a secret and only the chat scope', () => {
    const chatbot = Object.values(resources('AWS::Cognito::UserPoolClient')).find((c) =>
      ((c.Metadata as Record<string, string>)['aws:cdk:path'] ?? '').endsWith('/ChatbotClient/Resource'),
    );
    expect(chatbot?.Properties).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
    });
    s.template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'luohu-api',
      Scopes: [Match.objectLike({ ScopeName: 'chat' })],
    });
    expect(chatbot?.Properties.AllowedOAuthScopes).toHaveLength(1);
  });
});

describe('catalog publication', () => {
  const catalog = loadCatalogFromSeeds();

  it('a custom resource publishes the seeds’ catalog version to the table', () => {
    const [, publication] = only('Custom::CatalogPublication');
    const [publisherId] = functionAt('Catalog/Publisher/Function/Resource');
    const [tableId] = only('AWS::DynamoDB::Table');
    expect(publication.Properties).toEqual({
      ServiceToken: { 'Fn::GetAtt': [publisherId, 'Arn'] },
      tableName: { Ref: tableId },
      catalogVersion: catalog.version,
    });
  });

  it('the publisher bundle carries exactly that catalog', () => {
    const [, publisher] = functionAt('Catalog/Publisher/Function/Resource');
    const dir = assetDir(publisher);
    const bundled = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8')) as { version: string };
    expect(bundled.version).toBe(catalog.version);
  });

  it('the API function is created after the publication and runs the same version, bundled beside it', () => {
    const [publicationId] = only('Custom::CatalogPublication');
    const [, api] = functionAt('Api/Function/Resource');
    expect(api.DependsOn).toContain(publicationId);
    const env = (api.Properties.Environment as { Variables: Record<string, string> }).Variables;
    expect(env.CATALOG_VERSION).toBe(catalog.version);
    const dir = assetDir(api);
    expect(JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8')).version).toBe(catalog.version);
    expect(env.CATALOG_FILE).toBe('/var/task/catalog.json');
  });

  it('the API function is given the SHA-256 of the catalog file its asset carries', () => {
    const [, api] = functionAt('Api/Function/Resource');
    const env = (api.Properties.Environment as { Variables: Record<string, string> }).Variables;
    const bytes = readFileSync(join(assetDir(api), 'catalog.json'));
    expect(env.CATALOG_SHA256).toMatch(/^[0-9a-f]{64}$/);
    expect(env.CATALOG_SHA256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('the API function reads the validated lexicon as JSON: no YAML seeds or parser in its bundle', () => {
    const [, api] = functionAt('Api/Function/Resource');
    const env = (api.Properties.Environment as { Variables: Record<string, string> }).Variables;
    const dir = assetDir(api);
    expect(env.LEXICON_FILE).toBe('/var/task/lexicon.json');
    expect(JSON.parse(readFileSync(join(dir, 'lexicon.json'), 'utf8'))).toEqual(readLexicon());
    expect(existsSync(join(dir, 'seeds'))).toBe(false);
    const sources = sourcesIn(dir);
    expect(sources.some((source) => source.includes('functions/lambda.ts'))).toBe(true);
    expect(sources.filter((source) => /node_modules\/yaml\//.test(source))).toEqual([]);
  });

  it('the API bundle, run by a bare Node from its asset folder with the stack’s settings, answers', async () => {
    const [, api] = functionAt('Api/Function/Resource');
    const dir = assetDir(api);
    // The stack's plain settings, with the bundle's folder where Lambda has /var/task.
    const env = Object.fromEntries(
      Object.entries((api.Properties.Environment as { Variables: Record<string, unknown> }).Variables)
        .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
        .map(([name, value]) => [name, value.replace(/^\/var\/task(?=\/)/, dir)]),
    );
    // What the stack sets by reference (table, user pool), here a dynalite
    // table: a case is created through the chunks holding the AWS SDK.
    const store = await startLocalStore({ catalog, tablePrefix: 'infra-' });
    try {
      const answers = await runBundle(
        dir,
        {
          ...env,
          TABLE_NAME: store.tableName,
          DYNAMODB_ENDPOINT: store.endpoint,
          COGNITO_ISSUER: 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_infraTest',
          COGNITO_STAFF_CLIENT_ID: 'infra-test',
          AWS_REGION: 'ap-east-1',
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          // Node 20 here, 22 in Lambda: the SDK's notice about Node 20 is not a fault of the bundle.
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
        [
          apiEvent('health-get.json'),
          apiEvent('match-post.json'),
          apiEvent('match-post.json', {
            path: '/v1/chat',
            body: { message: '我们是做无人机配送的，在粤海城T1，去年营收3000万', lang: 'en' },
          }),
          apiEvent('match-post.json', {
            path: '/v1/cases',
            headers: { 'idempotency-key': '11111111-2222-4333-8444-555555555555' },
            body: {
              profile: { registeredInLuohu: true, industry: { tracks: ['ai'] } },
              contact: { name: '王经理' },
            },
          }),
        ],
      );
      const [health, match, chat, created] = answers.map((a) => ({ ...a, json: JSON.parse(a.body) }));
      expect(health?.statusCode).toBe(200);
      expect(health?.json).toMatchObject({ status: 'ok', catalogVersion: catalog.version });
      expect(match?.statusCode).toBe(200);
      expect(match?.json.results.length).toBeGreaterThan(0);
      expect(match?.json.profile.buildingId).toBe('yuehaicheng-t1');
      expect(chat?.statusCode).toBe(200);
      expect(chat?.json.extracted).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'industry.tracks', value: 'low_altitude' }),
          expect.objectContaining({ field: 'annualRevenueCny', value: 30_000_000 }),
        ]),
      );
      expect(created?.statusCode, created?.body).toBe(201);
      expect((await store.stores.cases.get(created?.json.id))?.case.id).toBe(created?.json.id);
    } finally {
      await store.stop();
    }
  });
});

/** An API Gateway HTTP API event from tests/api/fixtures, optionally sent to another path with another body. */
function apiEvent(
  name: string,
  change: { path?: string; headers?: Record<string, string>; body?: unknown } = {},
): unknown {
  const event = JSON.parse(readFileSync(join(REPO_ROOT, 'tests/api/fixtures', name), 'utf8'));
  if (change.path) {
    event.rawPath = change.path;
    event.requestContext.http.path = change.path;
  }
  if (change.headers) event.headers = { ...event.headers, ...change.headers };
  if (change.body !== undefined) event.body = JSON.stringify(change.body);
  return event;
}

/**
 * Imports a bundle's handler in a fresh `node` started in its folder (no
 * node_modules above it, nothing but the given environment) and answers the
 * events in turn, as one warm Lambda container would. Asynchronous, so that a
 * dynalite in this process can answer it.
 */
async function runBundle(dir: string, env: Record<string, string>, events: unknown[]) {
  const MARK = 'bundle-answers:';
  const script = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)});
    const events = JSON.parse(process.argv[1]);
    const context = { awsRequestId: 'infra-test', getRemainingTimeInMillis: () => 10000 };
    const answers = [];
    for (const event of events) answers.push(await handler(event, context));
    // Exits once written: the SDK's keep-alive sockets would hold the process open.
    process.stdout.write('\\n${MARK}' + JSON.stringify(answers) + '\\n', () => process.exit(0));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(events)], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  await new Promise((resolve, reject) => child.once('exit', resolve).once('error', reject));
  expect(stderr.slice(0, 2000)).toBe('');
  const line = stdout.split('\n').find((l) => l.startsWith(MARK));
  expect(line, stdout.slice(0, 2000)).toBeDefined();
  return JSON.parse((line as string).slice(MARK.length)) as { statusCode: number; body: string }[];
}

describe('cdk-nag AwsSolutions', () => {
  it('reports no finding that is not accepted', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(s.app);
    const findings = report.violations.map(
      (v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('every accepted finding carries a written reason', () => {
    const accepted = s.app.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    expect(accepted.length).toBeGreaterThan(0);
    for (const [id, reason] of accepted) {
      expect(id).toMatch(/AwsSolutions-/);
      expect(reason.length, id).toBeGreaterThan(40);
    }
  });
});

describe('synthesis', () => {
  it('leaves no CDK errors or warnings', () => {
    const annotations = Annotations.fromStack(s.stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });
});
