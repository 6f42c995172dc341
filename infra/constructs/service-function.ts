import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { AssetHashType, DockerImage, type Duration, type ILocalBundling, RemovalPolicy } from 'aws-cdk-lib';
import {
  ApplicationLogLevel,
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundleFunctionSync, REPO_ROOT } from '../bundling.js';
import { acceptFinding } from '../nag.js';

export { REPO_ROOT };

/** The entry file, relative to the repository root, of every function the stack builds. */
export const FUNCTION_ENTRIES = {
  api: 'functions/lambda.ts',
  catalogPublisher: 'functions/publish-catalog.ts',
} as const;
export type FunctionEntry = (typeof FUNCTION_ENTRIES)[keyof typeof FUNCTION_ENTRIES];

export interface ServiceFunctionProps {
  entry: FunctionEntry;
  description: string;
  /** Lambda gives CPU in proportion to memory (1 vCPU at 1,769 MB). */
  memorySize: number;
  timeout: Duration;
  serviceName: string;
  logRetention: RetentionDays;
  environment?: Record<string, string>;
  /**
   * Files or folders copied into the bundle after esbuild, as `target`
   * (relative to the bundle root, i.e. /var/task): data the code reads at
   * run time, such as the catalog generated at synth. They become part of the
   * asset, so the function is redeployed whenever they change.
   */
  bundledFiles?: { source: string; target: string }[];
}

/** Where Lambda unpacks the bundle: what `target` in `bundledFiles` is relative to. */
export const LAMBDA_TASK_ROOT = '/var/task';

/**
 * A Lambda function built from functions/ the way every function here is built:
 * Node.js 22 on Graviton (arm64: ~20% cheaper per GB-second than x86 for the
 * same work), bundled by infra/bundling.ts (minified ESM, the AWS SDK inside,
 * code reached only by import() in chunks beside the entry), source maps on,
 * JSON logs into a log group with a retention.
 */
export class ServiceFunction extends Construct {
  readonly function: LambdaFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);

    // Created explicitly (not by Lambda on first invocation) so it has a
    // retention from day one and is part of the stack.
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      // Logs outlive a torn-down stack for the retention period: they may be
      // needed to answer "what happened to this case".
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.function = new LambdaFunction(this, 'Function', {
      code: Code.fromAsset(REPO_ROOT, {
        // Hashed by what was built, as NodejsFunction does: hashing the source
        // would mean the whole repository, node_modules included.
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          local: new LocalBundling(props.entry, props.bundledFiles ?? []),
          // Required by the API, never run: local bundling succeeds or throws.
          image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
        },
      }),
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      logGroup: this.logGroup,
      // Lambda wraps every console line in JSON with timestamp, level and
      // request id, and drops lines below LOG_LEVEL, so the app needs no
      // logging library to produce structured, queryable logs.
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        LOG_LEVEL: 'INFO',
        ...props.environment,
      },
    });

    acceptFinding(
      this,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs; it is the policy AWS maintains for exactly that.',
    );
    acceptFinding(
      this,
      'AwsSolutions-L1',
      'nodejs22.x is the runtime the project targets and tests (issue 6); moving to a newer runtime is a deliberate, tested upgrade, not an automatic one.',
    );
  }
}

/**
 * infra/bundling.ts's bundle of `entry` into the asset folder, then the data
 * files copied in. Its fields are data, not only a method, because the CDK
 * caches bundling by its options' JSON: two functions must not look alike.
 */
class LocalBundling implements ILocalBundling {
  constructor(
    readonly entry: FunctionEntry,
    readonly files: readonly { source: string; target: string }[],
  ) {}

  tryBundle(outputDir: string): boolean {
    bundleFunctionSync(join(REPO_ROOT, this.entry), outputDir);
    for (const { source, target } of this.files) cpSync(source, join(outputDir, target), { recursive: true });
    return true;
  }
}
