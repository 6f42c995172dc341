import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acceptFinding } from '../nag.js';
import { type ApiRoute, routeKey, STAGE_THROTTLE } from '../routes.js';
import type { ApiIdentity } from './api-identity.js';

export interface IncentivesApiProps {
  handler: IFunction;
  identity: ApiIdentity;
  routes: readonly ApiRoute[];
  logRetention: RetentionDays;
  allowedOrigins: string[];
}

// One JSON object per request. No headers, query strings or bodies: profiles
// and case tokens must not land in logs. `routeKey` tells which row of
// infra/routes.ts served the request ("$default" for everything else).
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  method: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  error: '$context.error.message',
};

/**
 * The HTTP API in front of the app's Lambda: one Lambda integration for every
 * route, the access model of infra/routes.ts, throttles on the stage and on
 * the expensive routes, and JSON access logs.
 */
export class IncentivesApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: IncentivesApiProps) {
    super(scope, id);
    const integration = new HttpLambdaIntegration('App', props.handler);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Luohu incentive matching API (罗湖区惠企政策匹配)',
      // `$default`: the portal's assets and the app's own problem+json 404/405.
      defaultIntegration: integration,
      createDefaultStage: false,
      ...(props.allowedOrigins.length
        ? {
            corsPreflight: {
              allowOrigins: props.allowedOrigins,
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PATCH],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-request-id'],
              exposeHeaders: ['etag', 'location', 'x-request-id'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    const staffAuthorizer = new HttpJwtAuthorizer('StaffJwt', props.identity.issuerUrl, {
      jwtAudience: [props.identity.staffClient.userPoolClientId],
    });
    const chatbotAuthorizer = new HttpJwtAuthorizer('ChatbotJwt', props.identity.issuerUrl, {
      jwtAudience: [props.identity.chatbotClient.userPoolClientId],
    });

    const created: HttpRoute[] = [];
    for (const route of props.routes) {
      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        ...(route.access === 'staff' ? { authorizer: staffAuthorizer } : {}),
        ...(route.access === 'chatbot'
          ? { authorizer: chatbotAuthorizer, authorizationScopes: [props.identity.chatbotScope] }
          : {}),
      });
      if (!httpRoute) throw new Error(`no route created for ${routeKey(route)}`);
      if (route.access === 'public') {
        acceptFinding(
          httpRoute,
          'AwsSolutions-APIG4',
          `${routeKey(route)} is public by design (companies self-check without an account; see infra/routes.ts) and is throttled on the stage${route.throttle ? ' and per route' : ''}.`,
        );
      }
      created.push(httpRoute);
    }
    const defaultRoute = this.httpApi.node.tryFindChild('DefaultRoute');
    if (defaultRoute)
      acceptFinding(
        defaultRoute,
        'AwsSolutions-APIG4',
        'The $default route serves the public portal assets and 404/405 problems; it never carries verified claims, so staff-only paths reaching it fail closed in the app.',
      );

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      // `$default` serves at the root of the invoke URL: /v1/... as in the contract.
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: STAGE_THROTTLE.rateLimit, burstLimit: STAGE_THROTTLE.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // Per-route throttles exist only on the CloudFormation stage (RouteSettings,
    // keyed by route key); the L2 stage exposes the default only.
    const routeSettings = Object.fromEntries(
      props.routes
        .filter((r) => r.throttle)
        .map((r) => [
          routeKey(r),
          { ThrottlingRateLimit: r.throttle?.rateLimit, ThrottlingBurstLimit: r.throttle?.burstLimit },
        ]),
    );
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.addPropertyOverride('RouteSettings', routeSettings);
    // CloudFormation rejects route settings for a route key that does not exist yet.
    for (const route of created) this.stage.node.addDependency(route);
  }

  get url(): string {
    return this.stage.url;
  }
}
