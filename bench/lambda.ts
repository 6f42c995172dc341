import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { startLocalStore } from '../functions/local-store.js';
import { BUNDLING } from '../infra/bundling.js';
import { FUNCTION_ENTRIES } from '../infra/constructs/service-function.js';
import { writeLambdaData } from '../infra/lambda-data.js';
import { bundle } from './lib/bundle.js';
import { percentile, round } from './lib/stats.js';

// Each Lambda handler bundled the way the CDK bundles it (entries and options
// are infra/'s own data, not restated), its size, and a cold-start proxy: wall
// time for a fresh Node process to import the bundle and answer one event,
// against a hello-world handler bundled the same way. Local Node is not the
// Lambda runtime (and may be another major version), so the ratio is the
// figure to read, not the milliseconds.

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_LIMIT_BYTES = 1024 * 1024;
export const COLD_START_LIMIT_RATIO = 1.5;

export interface BundleFigure {
  entry: string;
  /** All JavaScript in the asset (entry and chunks): what the 1 MB target is on. */
  bytes: number;
  /** The entry and the chunks it imports statically: what a cold start reads before the handler runs. */
  startupBytes: number;
  sourceMapBytes: number;
  underLimit: boolean;
  /** What the bytes are: packages (or `project`) by bytes in all the JavaScript, largest first. */
  largestParts: { part: string; bytes: number }[];
}

function partOf(input: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return m?.[1] ?? 'project';
}

function largestParts(metafile: Metafile, top = 8): BundleFigure['largestParts'] {
  const byPart = new Map<string, number>();
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (path.endsWith('.map')) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
      byPart.set(partOf(input), (byPart.get(partOf(input)) ?? 0) + bytesInOutput);
  }
  return [...byPart.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([part, bytes]) => ({ part, bytes }));
}

export interface ColdStartFigure {
  entry: string;
  event: string;
  runs: number;
  /** Median wall time from spawning `node` to its exit after answering the event. */
  medianMs: number;
  p90Ms: number;
  /** Inside the process: importing the bundle, then answering the first event. */
  importMs: number;
  firstEventMs: number;
  statusCode: number | string | null;
  helloWorldMedianMs: number;
  ratio: number;
  underLimit: boolean;
}

export interface LambdaBench {
  bundling: typeof BUNDLING;
  bundles: BundleFigure[];
  helloWorldBytes: number;
  coldStarts: ColdStartFigure[];
  /** What the handlers were given to run: a dynalite for DynamoDB, a local endpoint for CloudFormation's answer. */
  environment: string[];
}

// Imports the bundle, answers one event, prints what it measured, exits (a
// DynamoDB client's keep-alive sockets would otherwise keep the process up).
const MARK = 'bench-result:';
const RUNNER = `
const MARK = '${MARK}';
import { readFileSync } from 'node:fs';
const t0 = performance.now();
const { handler } = await import(process.argv[2]);
const t1 = performance.now();
const event = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 10000, callbackWaitsForEmptyEventLoop: true };
const res = await handler(event, context);
const t2 = performance.now();
process.stdout.write('\\n' + MARK + JSON.stringify({ importMs: t1 - t0, firstEventMs: t2 - t1, statusCode: res?.statusCode ?? null }));
process.exit(0);
`;

const HELLO_WORLD = `
export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ hello: 'world', path: event.rawPath ?? null }),
});
`;

interface RunResult {
  wallMs: number;
  importMs: number;
  firstEventMs: number;
  statusCode: number | string | null;
}

function runOnce(
  runner: string,
  bundleFile: string,
  eventFile: string,
  env: Record<string, string>,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [runner, pathToFileURL(bundleFile).href, eventFile], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0)
        return reject(new Error(`cold-start run of ${bundleFile} exited ${code}: ${err.slice(-2000)}`));
      try {
        // The handler logs to stdout too; the result is the marked line.
        const line = out.split('\n').find((l) => l.startsWith(MARK)) ?? '';
        resolve({ wallMs, ...(JSON.parse(line.slice(MARK.length)) as Omit<RunResult, 'wallMs'>) });
      } catch {
        reject(
          new Error(
            `cold-start run of ${bundleFile} printed no result: ${out.slice(0, 500)} ${err.slice(-1000)}`,
          ),
        );
      }
    });
  });
}

/** A CloudFormation Create event for the catalog publisher, answered at `responseUrl`. */
function publicationEvent(responseUrl: string, tableName: string, catalogVersion: string) {
  return {
    RequestType: 'Create',
    ServiceToken: 'arn:aws:lambda:ap-east-1:123456789012:function:bench',
    ResponseURL: responseUrl,
    StackId:
      'arn:aws:cloudformation:ap-east-1:123456789012:stack/LuohuIncentives-bench/00000000-0000-0000-0000-000000000000',
    RequestId: 'bench-request',
    LogicalResourceId: 'CatalogPublication',
    ResourceType: 'Custom::CatalogPublication',
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:ap-east-1:123456789012:function:bench',
      tableName,
      catalogVersion,
    },
  };
}

export async function benchLambda({ runs = 7 }: { runs?: number } = {}): Promise<LambdaBench> {
  const entries = Object.values(FUNCTION_ENTRIES).sort();
  const work = mkdtempSync(join(tmpdir(), 'luohu-bench-lambda-'));
  // The catalog and lexicon JSON a synth writes (infra/app.ts) and bundles beside each handler.
  const data = writeLambdaData(join(work, 'data'));
  const { catalog } = data;
  // DynamoDB for handlers that touch it (the publisher writes the catalog; the
  // API gets the same table in case it reads one); nothing else leaves the machine.
  const store = await startLocalStore({ catalog: null, tablePrefix: 'bench-' });
  // CloudFormation's pre-signed answer URL, as a local endpoint that accepts the PUT.
  let lastAnswer: string | null = null;
  const answers = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      lastAnswer = (JSON.parse(body) as { Status?: string }).Status ?? 'unreadable';
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => answers.listen(0, '127.0.0.1', resolve));
  const answerUrl = `http://127.0.0.1:${(answers.address() as AddressInfo).port}/answer`;

  try {
    const runner = join(work, 'runner.mjs');
    writeFileSync(runner, RUNNER);
    const helloSrc = join(work, 'hello-world.mjs');
    writeFileSync(helloSrc, HELLO_WORLD);
    const hello = await bundle(helloSrc, join(work, 'hello-world'));

    const bundles: BundleFigure[] = [];
    const built = new Map<string, string>();
    for (const entry of entries) {
      const outdir = join(work, entry.replace(/[/.]/g, '_'));
      const b = await bundle(join(REPO, entry), outdir);
      // What the asset carries besides the code (infra's bundledFiles): the
      // catalog and chat lexicon JSON built at synth.
      copyFileSync(data.catalogFile, join(outdir, 'catalog.json'));
      copyFileSync(data.lexiconFile, join(outdir, 'lexicon.json'));
      built.set(entry, b.outfile);
      bundles.push({
        entry,
        bytes: b.bytes,
        startupBytes: b.startupBytes,
        sourceMapBytes: b.sourceMapBytes,
        underLimit: b.bytes < BUNDLE_LIMIT_BYTES,
        largestParts: largestParts(b.metafile),
      });
    }

    const apiEvent = join(REPO, 'tests/api/fixtures/match-post.json');
    const publisherEvent = join(work, 'publication-create.json');
    writeFileSync(
      publisherEvent,
      JSON.stringify(publicationEvent(answerUrl, store.tableName, catalog.version)),
    );
    const eventFor = (entry: string) => (entry.includes('publish-catalog') ? publisherEvent : apiEvent);

    const envFor = (outfile: string): Record<string, string> => {
      const dir = dirname(outfile);
      return {
        // As the stack sets them (infra/stacks, infra/constructs/service-function.ts).
        NODE_OPTIONS: '--enable-source-maps',
        LOG_LEVEL: 'INFO',
        STAGE: 'bench',
        TABLE_NAME: store.tableName,
        CATALOG_VERSION: catalog.version,
        CATALOG_FILE: join(dir, 'catalog.json'),
        CATALOG_SHA256: data.catalogSha256,
        LEXICON_FILE: join(dir, 'lexicon.json'),
        DYNAMODB_ENDPOINT: store.endpoint,
        AWS_REGION: 'ap-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        TZ: 'UTC',
      };
    };

    // Interleaved, so load that comes and goes on a shared machine hits every bundle alike.
    const samples = new Map<string, RunResult[]>([
      ['hello', []],
      ...entries.map((e) => [e, []] as [string, RunResult[]]),
    ]);
    for (let i = 0; i < runs + 1; i++) {
      const round_: [string, RunResult][] = [];
      round_.push(['hello', await runOnce(runner, hello.outfile, apiEvent, envFor(hello.outfile))]);
      for (const entry of entries) {
        const outfile = built.get(entry) as string;
        lastAnswer = null;
        const r = await runOnce(runner, outfile, eventFor(entry), envFor(outfile));
        // The publisher returns nothing: its answer is the Status it PUT to CloudFormation.
        round_.push([
          entry,
          r.statusCode === null && lastAnswer !== null ? { ...r, statusCode: lastAnswer } : r,
        ]);
      }
      // The first round warms the OS file cache; it is not counted.
      if (i > 0) for (const [key, r] of round_) samples.get(key)?.push(r);
    }
    const median = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      );
    const helloMs = median((samples.get('hello') ?? []).map((r) => r.wallMs));
    const coldStarts = entries.map((entry): ColdStartFigure => {
      const rs = samples.get(entry) ?? [];
      const walls = rs.map((r) => r.wallMs).sort((a, b) => a - b);
      const medianMs = median(walls);
      return {
        entry,
        event: relative(REPO, eventFor(entry)).startsWith('..')
          ? 'CloudFormation Create (Custom::CatalogPublication)'
          : relative(REPO, eventFor(entry)),
        runs: rs.length,
        medianMs: round(medianMs, 1),
        p90Ms: round(percentile(walls, 90), 1),
        importMs: round(median(rs.map((r) => r.importMs)), 1),
        firstEventMs: round(median(rs.map((r) => r.firstEventMs)), 1),
        statusCode: rs[0]?.statusCode ?? null,
        helloWorldMedianMs: round(helloMs, 1),
        ratio: round(medianMs / helloMs, 2),
        underLimit: medianMs / helloMs < COLD_START_LIMIT_RATIO,
      };
    });
    return {
      bundling: BUNDLING,
      bundles,
      helloWorldBytes: hello.bytes,
      coldStarts,
      environment: [
        `dynalite at ${store.endpoint} (table ${store.tableName}) as DYNAMODB_ENDPOINT for every handler; the publisher writes the catalog to it`,
        'a local HTTP endpoint as the CloudFormation ResponseURL the publisher answers',
        `NODE_OPTIONS=--enable-source-maps as the stack sets it; local Node ${process.version}, not the Lambda runtime`,
      ],
    };
  } finally {
    answers.close();
    await store.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchLambda({ runs: 3 }), null, 2));
}
