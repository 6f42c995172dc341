import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
} from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acceptFinding } from '../nag.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The entry file, relative to the repository root, of every function the stack builds. */
export const FUNCTION_ENTRIES = {
  api: 'functions/lambda.ts',
  catalogPublisher: 'functions/publish-catalog.ts',
} as const;
export type FunctionEntry = (typeof FUNCTION_ENTRIES)[keyof typeof FUNCTION_ENTRIES];

/**
 * How every function is bundled by esbuild, as data: ServiceFunction passes it
 * to NodejsFunction, and bench/ bundles with the same values.
 */
export const BUNDLING = {
  minify: true,
  sourceMap: true,
  // File and line in stack traces are enough; the sources themselves would
  // triple the map that Node parses at cold start.
  sourcesContent: false,
  target: 'node22',
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  // The runtime's SDK version changes under us without a deploy; the
  // bundled one is the one the tests ran against.
  bundleAwsSDK: true,
  // esbuild writes every non-ASCII character as a \uXXXX escape by
  // default: 6 bytes where UTF-8 takes 3. The OpenCC tables, zod's locale
  // messages and the Chinese texts made that ~170 KB of the API bundle
  // (1.27 MB -> 1.10 MB). Node reads the file as UTF-8 either way.
  charset: 'utf8',
  // Bundled CommonJS dependencies call require(); ESM output has none.
  banner:
    "import { createRequire as __luohuCreateRequire } from 'node:module'; const require = __luohuCreateRequire(import.meta.url);",
} as const;

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
 * same work), bundled by the local esbuild into one minified ESM file with the
 * AWS SDK inside it, source maps on, JSON logs into a log group with a
 * retention.
 */
export class ServiceFunction extends Construct {
  readonly function: NodejsFunction;
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

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(REPO_ROOT, props.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
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
      bundling: {
        // esbuild from node_modules; CDK only falls back to Docker when it is
        // missing, and `npm ci` always installs it.
        forceDockerBundling: false,
        minify: BUNDLING.minify,
        sourceMap: BUNDLING.sourceMap,
        sourcesContent: BUNDLING.sourcesContent,
        target: BUNDLING.target,
        format: BUNDLING.format,
        mainFields: [...BUNDLING.mainFields],
        bundleAwsSDK: BUNDLING.bundleAwsSDK,
        // An argument because this CDK version ignores `charset:
        // Charset.UTF8` (aws/aws-cdk#32649); tests/infra checks the output.
        esbuildArgs: { '--charset': BUNDLING.charset },
        banner: BUNDLING.banner,
        ...(props.bundledFiles?.length ? { commandHooks: copyInto(props.bundledFiles) } : {}),
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

// Local bundling runs hook commands in a shell on the synthesizing machine
// (Linux or macOS; Windows users synthesize under WSL).
function copyInto(files: { source: string; target: string }[]): ICommandHooks {
  const quote = (path: string) => `'${path.replaceAll("'", "'\\''")}'`;
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir: string, outputDir: string) =>
      files.map(({ source, target }) => {
        const destination = join(outputDir, target);
        return `mkdir -p ${quote(dirname(destination))} && cp -R ${quote(source)} ${quote(destination)}`;
      }),
  };
}
