import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { acceptFinding } from '../nag.js';
import { STORE_OPERATIONS } from './main-table.js';

export interface ServiceAlarmsProps {
  stage: string;
  httpApi: HttpApi;
  apiFunction: IFunction;
  table: Table;
  alarmEmail?: string;
}

const PERIOD = Duration.minutes(5);

/**
 * The alarms an on-call person needs for this service, all to one SNS topic:
 * the API failing (5xx rate), slow (p99), refusing (throttles, 4xx share), and
 * the table failing (system errors, user errors, throttled requests).
 * Every alarm also notifies when it returns to OK.
 */
export class ServiceAlarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const { httpApi, apiFunction, table } = props;

    this.topic = new Topic(this, 'Topic', {
      displayName: `Luohu incentives ${props.stage} alarms`,
      enforceSSL: true,
    });
    acceptFinding(
      this.topic,
      'AwsSolutions-SNS2',
      'The topic carries only alarm names, metric values and thresholds, no company or case data. CloudWatch cannot publish to a topic under the AWS-managed SNS key, and a customer-managed key would add a monthly charge for no protected content.',
    );
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const name = (suffix: string) => `luohu-incentives-${props.stage}-${suffix}`;
    const add = (
      id: string,
      metric: IMetric,
      options: {
        threshold: number;
        description: string;
        evaluationPeriods?: number;
        datapointsToAlarm?: number;
      },
    ) => {
      const alarm = new Alarm(this, id, {
        // Api5xxRate → luohu-incentives-<stage>-api-5xx-rate
        alarmName: name(id.replace(/([a-z0-9])([A-Z])|([a-z])([0-9])/g, '$1$3-$2$4').toLowerCase()),
        alarmDescription: options.description,
        metric,
        threshold: options.threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        datapointsToAlarm: options.datapointsToAlarm ?? options.evaluationPeriods ?? 1,
        // No traffic is not an outage of this API; /health checks belong to
        // an external monitor.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new SnsAction(this.topic));
      alarm.addOkAction(new SnsAction(this.topic));
    };

    const requests = httpApi.metricCount({ period: PERIOD, statistic: 'Sum' });

    // A share, not a count, so a busy campaign day does not page anyone for a
    // handful of errors. Below 20 requests in 5 minutes a share is noise, so
    // there five 5xx count as an outage (100%) and fewer as none.
    add(
      'Api5xxRate',
      new MathExpression({
        expression: 'IF(requests >= 20, 100 * errors / requests, IF(errors >= 5, 100, 0))',
        usingMetrics: { errors: httpApi.metricServerError({ period: PERIOD, statistic: 'Sum' }), requests },
        period: PERIOD,
        label: 'API 5xx (% of requests)',
      }),
      {
        threshold: 1,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        description:
          'At least 1% of API requests (or, under 20 requests in 5 minutes, at least five) answered 5xx in 2 of the last 3 five-minute periods. Look at the API function logs (level ERROR) and the DynamoDB alarms.',
      },
    );

    // Cold starts (catalog load) are ~1 s; a p99 above 3 s for 15 minutes is
    // users waiting, not one cold start.
    add('ApiLatencyP99', httpApi.metricLatency({ period: PERIOD, statistic: 'p99' }), {
      threshold: 3000,
      evaluationPeriods: 3,
      description:
        'API p99 latency at or above 3 s for 15 minutes. Compare IntegrationLatency (the function) with Latency (the gateway) and check DynamoDB latency.',
    });

    // HTTP APIs report a throttled request (429) as a 4xx; there is no
    // separate throttle metric. A sudden high share of 4xx means throttling,
    // an authorizer problem, or a client sending broken requests.
    add(
      'Api4xxRate',
      new MathExpression({
        expression: 'IF(requests >= 50, 100 * clientErrors / requests, 0)',
        usingMetrics: {
          clientErrors: httpApi.metricClientError({ period: PERIOD, statistic: 'Sum' }),
          requests,
        },
        period: PERIOD,
        label: 'API 4xx incl. 429 throttles (% of requests)',
      }),
      {
        threshold: 25,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        description:
          'A quarter or more of API requests answered 4xx (including 429 throttling). Check the access logs: status 429 means the stage/route throttles in infra/routes.ts are hit; 401 means token problems.',
      },
    );

    add('FunctionThrottles', apiFunction.metricThrottles({ period: PERIOD, statistic: 'Sum' }), {
      threshold: 1,
      description:
        'Lambda refused invocations of the API function (concurrency limit). Check the account concurrency quota and other functions in the account.',
    });

    add('FunctionErrors', apiFunction.metricErrors({ period: PERIOD, statistic: 'Sum' }), {
      threshold: 1,
      description:
        'The API function crashed or timed out (the app turns handled errors into problem responses, so any count here is unexpected). Read the function log group.',
    });

    // SystemErrors and ThrottledRequests are published per operation and every
    // metric in an alarm is billed, so these alarms watch the operations the
    // stores issue rather than all of DynamoDB's.
    add(
      'TableSystemErrors',
      table.metricSystemErrorsForOperations({ operations: [...STORE_OPERATIONS], period: PERIOD }),
      {
        threshold: 1,
        description:
          'DynamoDB answered 500 to the service. Usually transient; if it persists, check the AWS Health Dashboard.',
      },
    );

    // UserErrors is an account-and-region metric (DynamoDB publishes it
    // without a table dimension): it counts 400s such as validation errors
    // or missing permissions, which mean a deploy broke a request shape or a
    // policy. Conditional-check failures (stale If-Match, duplicate
    // idempotency keys) are expected and not counted here.
    add('TableUserErrors', table.metricUserErrors({ period: PERIOD, statistic: 'Sum' }), {
      threshold: 5,
      evaluationPeriods: 2,
      description:
        'DynamoDB rejected requests as invalid (account-wide UserErrors). Check the function logs for ValidationException or AccessDeniedException after the last deploy.',
    });

    add(
      'TableThrottledRequests',
      table.metricThrottledRequestsForOperations({ operations: [...STORE_OPERATIONS], period: PERIOD }),
      {
        threshold: 1,
        description:
          'DynamoDB throttled requests (on-demand tables throttle when traffic doubles its previous peak within 30 minutes, or a partition is hot).',
      },
    );
  }
}
