import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogFromSeeds } from '../shared/catalog/load-seeds.js';
import { type CompiledCatalog, compileCatalog } from '../shared/engine/index.js';
import { benchBatch } from './batch.js';
import { benchDeployedEngine, benchDeployedGrowth } from './deployed-engine.js';
import { benchEngine } from './engine.js';
import { benchHttp, MATCH_TO_HEALTH_TARGET, type RouteLoad } from './http.js';
import { BUNDLE_LIMIT_BYTES, benchLambda, COLD_START_LIMIT_RATIO } from './lambda.js';
import { completeProfiles } from './lib/profiles.js';
import { round } from './lib/stats.js';
import { benchSoak } from './soak.js';

// `npm run bench` (`-- --quick` for a smoke run): every benchmark in sequence,
// a summary on stdout, bench/results/latest.json for machines and the generated
// section of BENCHMARKS.md for people. A benchmark that fails is recorded as
// failed and the others still run.

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_FILE = join(REPO, 'bench/results/latest.json');
const DOC_FILE = join(REPO, 'BENCHMARKS.md');
export const GENERATED_START =
  '<!-- bench:generated:start (written by `npm run bench`; edits below are replaced) -->';
export const GENERATED_END = '<!-- bench:generated:end -->';

type Op = '<' | '<=' | '>=' | '==';

interface Figure {
  benchmark: string;
  figure: string;
  value: number | string | boolean | null;
  unit: string;
  target?: { op: Op; value: number | boolean; text: string };
  /** null: no target (context only), or the benchmark did not run. */
  pass: boolean | null;
  note?: string;
}

interface Section {
  name: string;
  seconds: number;
  loadAverage: { before: number[]; after: number[] };
  error?: string;
  details?: unknown;
}

function check(value: unknown, op: Op, target: number | boolean): boolean | null {
  if (typeof value === 'boolean' || typeof target === 'boolean') return op === '==' ? value === target : null;
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  switch (op) {
    case '<':
      return value < target;
    case '<=':
      return value <= target;
    case '>=':
      return value >= target;
    case '==':
      return value === target;
  }
}

function figure(
  benchmark: string,
  name: string,
  value: Figure['value'],
  unit: string,
  target?: Figure['target'],
  note?: string,
): Figure {
  return {
    benchmark,
    figure: name,
    value,
    unit,
    ...(target ? { target } : {}),
    pass: target ? check(value, target.op, target.value) : null,
    ...(note ? { note } : {}),
  };
}

const load = () => loadavg().map((n) => round(n, 2));

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, {
      cwd: REPO,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return '';
  }
}

function machine() {
  const changed = git('status', '--porcelain').split('\n').filter(Boolean).length;
  return {
    date: new Date().toISOString(),
    node: process.version,
    os: `${platform()} ${release()}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: round(totalmem() / 1024 ** 3, 1),
    gitCommit: git('rev-parse', 'HEAD') || 'unknown',
    // Uncommitted changes in the tree when the figures were taken (a shared tree is rarely clean).
    gitUncommittedPaths: changed,
  };
}

async function runAll(quick: boolean) {
  const sections: Section[] = [];
  const figures: Figure[] = [];
  const step = async <T>(name: string, run: () => Promise<T>, toFigures: (r: T) => Figure[]) => {
    const before = load();
    const t0 = Date.now();
    process.stdout.write(`bench: ${name} … `);
    try {
      const result = await run();
      const section: Section = {
        name,
        seconds: round((Date.now() - t0) / 1000, 1),
        loadAverage: { before, after: load() },
        details: result,
      };
      sections.push(section);
      figures.push(...toFigures(result));
      console.log(`${section.seconds} s`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      sections.push({
        name,
        seconds: round((Date.now() - t0) / 1000, 1),
        loadAverage: { before, after: load() },
        error: message,
      });
      figures.push(
        figure(
          name,
          'benchmark ran',
          false,
          '',
          { op: '==', value: true, text: 'runs' },
          message.split('\n')[0],
        ),
      );
      console.log(`FAILED: ${message.split('\n')[0]}`);
    }
  };

  /** What a route cost the server, from its own CPU counters (the client may be what saturates). */
  const serverLoad = (load: RouteLoad) =>
    load.serverCpuMsPerRequest === undefined
      ? 'server CPU not measured (not Linux)'
      : `server CPU ${load.serverCpuMsPerRequest} ms per request, busy ${Math.round((load.serverBusy ?? 0) * 100)}% of one core`;

  // Loaded after the deployed engine is timed (see the engine step).
  let cc: CompiledCatalog | undefined;
  const catalog = () => {
    cc ??= compileCatalog(loadCatalogFromSeeds());
    return cc;
  };

  await step(
    'engine',
    async () => {
      const iterations = quick ? 3_000 : 20_000;
      // The deployed engine first, while this process is idle: after loading
      // the YAML seeds or running json-rules-engine, its garbage collector
      // keeps working in the background and takes CPU from the child on a
      // 2-core machine (p50 read 120-190 µs that way, 87-98 µs alone).
      const deployed = await benchDeployedEngine({ iterations, rounds: quick ? 1 : 3 });
      return { ...(await benchEngine(catalog(), { iterations })), deployed };
    },
    (r) => [
      figure(
        'engine',
        `full catalog (${r.clauses} clauses), complete profile, every criterion explained, bundled as deployed: p50`,
        r.deployed.full.p50Us,
        'µs',
        { op: '<', value: 100, text: '< 100 µs' },
        `${round(r.deployed.full.p50Us / r.clauses, 2)} µs per clause; median of ${r.deployed.rounds.length} runs (p50s ${r.deployed.rounds
          .map((x) => x.full.p50Us)
          .join(', ')} µs)`,
      ),
      figure('engine', 'same: p99', r.deployed.full.p99Us, 'µs'),
      figure(
        'engine',
        'same, decisions only (detail: outcomes): p50',
        r.deployed.outcomes.p50Us,
        'µs',
        undefined,
        `p99 ${r.deployed.outcomes.p99Us} µs; median of ${r.deployed.rounds.length} runs (p50s ${r.deployed.rounds
          .map((x) => x.outcomes.p50Us)
          .join(', ')} µs)`,
      ),
      figure(
        'engine',
        'same code under tsx, every criterion explained: p50',
        r.ours.p50Us,
        'µs',
        undefined,
        `p99 ${r.ours.p99Us} µs; tsx adds keepNames wrappers the bundle has none of`,
      ),
      figure('engine', 'json-rules-engine, same rules and profiles: p50', r.jsonRulesEngine.p50Us, 'µs'),
      figure('engine', 'json-rules-engine, same: p99', r.jsonRulesEngine.p99Us, 'µs'),
      figure(
        'engine',
        'speed ratio, decisions against decisions (json-rules-engine p50 / ours, outcomes, p50)',
        round(r.jsonRulesEngine.p50Us / r.deployed.outcomes.p50Us, 1),
        '×',
        { op: '>=', value: 50, text: '≥ 50×' },
        `${round(r.jsonRulesEngine.p50Us / r.deployed.full.p50Us, 1)}× against ours with every criterion explained`,
      ),
      figure(
        'engine',
        `same eligible/ineligible decisions (${r.decisionsCompared.toLocaleString('en')} compared)`,
        r.decisionsAgree,
        '',
        { op: '==', value: true, text: 'all agree' },
        r.disagreements[0],
      ),
    ],
  );

  await step(
    'growth',
    async () => benchDeployedGrowth([100, 1_000, 10_000]),
    (points) =>
      points.map((p) =>
        figure(
          'growth',
          `synthetic catalog of ${p.clauses.toLocaleString('en')} clauses: p50 per profile`,
          p.p50Us,
          'µs',
          p.clauses === 10_000 ? { op: '<', value: 5_000, text: '< 5 ms' } : undefined,
          `every criterion explained; ${p.usPerClause} µs per clause; p99 ${p.p99Us} µs; decisions only: p50 ${p.outcomesP50Us} µs; bundled as deployed`,
        ),
      ),
  );

  const batchSize = quick ? 20_000 : 100_000;
  await step(
    'batch',
    async () => ({
      outcomes: await benchBatch(batchSize, 'outcomes'),
      full: await benchBatch(batchSize, 'full'),
    }),
    (r) => [
      figure(
        'batch',
        `${r.outcomes.profiles.toLocaleString('en')} profiles on ${r.outcomes.workers} worker threads, decisions only (batch screening)`,
        r.outcomes.profilesPerSecond,
        'profiles/s',
        { op: '>=', value: 20_000, text: '≥ 20,000/s' },
        `${r.outcomes.seconds} s wall, including each worker parsing, checking and compiling the catalog JSON${
          quick ? '; in a quick run that start-up dominates, so only the full run speaks to the target' : ''
        }`,
      ),
      figure(
        'batch',
        'same, every criterion explained',
        r.full.profilesPerSecond,
        'profiles/s',
        undefined,
        `${r.full.seconds} s wall`,
      ),
    ],
  );

  await step(
    'http',
    () => benchHttp({ seconds: quick ? 3 : 10, profile: completeProfiles(catalog(), 1)[0] }),
    (r) => [
      figure(
        'http',
        'GET /health: requests/s',
        r.health.requestsPerSecond,
        'req/s',
        undefined,
        `p50 ${r.health.latencyP50Ms} ms; ${serverLoad(r.health)}`,
      ),
      figure('http', 'GET /health: p99', r.health.latencyP99Ms, 'ms'),
      figure(
        'http',
        'POST /v1/match (complete profile): requests/s',
        r.match.requestsPerSecond,
        'req/s',
        undefined,
        `p50 ${r.match.latencyP50Ms} ms; answer ${round(r.matchResponseBytes / 1024, 0)} KB (${round(r.matchResponseBrotliBytes / 1024, 0)} KB to a client that accepts br; autocannon does not); ${serverLoad(r.match)}`,
      ),
      figure('http', 'POST /v1/match: p99', r.match.latencyP99Ms, 'ms'),
      figure(
        'http',
        'POST /v1/match with detail: outcomes: requests/s',
        r.matchOutcomes.requestsPerSecond,
        'req/s',
        undefined,
        `p50 ${r.matchOutcomes.latencyP50Ms} ms, p99 ${r.matchOutcomes.latencyP99Ms} ms; ${serverLoad(r.matchOutcomes)}; ${round(
          r.matchOutcomes.requestsPerSecond / Math.max(1, r.health.requestsPerSecond),
          3,
        )} of health's rate`,
      ),
      figure('http', 'match rate / health rate', r.ratio, '', {
        op: '>=',
        value: MATCH_TO_HEALTH_TARGET,
        text: `≥ ${MATCH_TO_HEALTH_TARGET}`,
      }),
      figure(
        'http',
        'non-2xx answers and socket errors',
        [r.health, r.match, r.matchOutcomes].reduce((sum, load) => sum + load.non2xx + load.errors, 0),
        '',
        {
          op: '==',
          value: 0,
          text: '0',
        },
      ),
    ],
  );

  await step(
    'lambda',
    () => benchLambda({ runs: quick ? 3 : 9 }),
    (r) => [
      ...r.bundles.map((b) =>
        figure(
          'lambda',
          `bundle ${b.entry}`,
          round(b.bytes / 1024, 0),
          'KB',
          { op: '<', value: BUNDLE_LIMIT_BYTES / 1024, text: '< 1 MB (1,024 KB)' },
          `all chunks; ${round(b.startupBytes / 1024, 0)} KB read at cold start; largest: ${b.largestParts
            .slice(0, 3)
            .map((p) => `${p.part} ${round(p.bytes / 1024, 0)} KB`)
            .join(', ')}`,
        ),
      ),
      ...r.coldStarts.map((c) => {
        const onRequestPath = !c.entry.includes('publish-catalog');
        return figure(
          'lambda',
          `cold-start proxy ${c.entry} / hello-world`,
          c.ratio,
          '×',
          onRequestPath
            ? { op: '<', value: COLD_START_LIMIT_RATIO, text: `< ${COLD_START_LIMIT_RATIO}×` }
            : undefined,
          `${c.medianMs} ms vs ${c.helloWorldMedianMs} ms (import ${c.importMs} ms, first event ${c.firstEventMs} ms, answered ${c.statusCode})${
            onRequestPath
              ? ''
              : '; runs once per deploy and writes the catalog to DynamoDB (dynalite here), so no target'
          }`,
        );
      }),
    ],
  );

  await step(
    'soak',
    () => benchSoak(quick ? { seconds: 10, sampleEverySeconds: 2 } : { seconds: 60, sampleEverySeconds: 5 }),
    (r) => [
      figure(
        'soak',
        `RSS at start (${r.seconds} s of mixed load at up to ${r.ratePerSecond} req/s)`,
        r.rss.startMb,
        'MB',
      ),
      figure(
        'soak',
        'RSS at end',
        r.rss.endMb,
        'MB',
        undefined,
        `${r.casesCreated} cases created and kept by the in-process dynalite`,
      ),
      figure('soak', 'RSS peak', r.rss.peakMb, 'MB'),
      figure(
        'soak',
        'requests/s achieved',
        r.requestsPerSecond,
        'req/s',
        undefined,
        `p99 ${r.latencyP99Ms} ms`,
      ),
      figure('soak', 'non-2xx answers and socket errors', r.non2xx + r.errors, '', {
        op: '==',
        value: 0,
        text: '0',
      }),
    ],
  );

  return { sections, figures };
}

function formatValue(f: Figure): string {
  if (f.value === null) return '—';
  if (typeof f.value === 'boolean') return f.value ? 'yes' : 'no';
  const v =
    typeof f.value === 'number' ? f.value.toLocaleString('en', { maximumFractionDigits: 3 }) : f.value;
  return f.unit ? `${v} ${f.unit}` : String(v);
}

const verdict = (f: Figure) => (f.pass === null ? '' : f.pass ? 'pass' : '**FAIL**');

function generatedSection(report: Report): string {
  const m = report.machine;
  const lines = [
    GENERATED_START,
    '',
    `## Latest run${report.mode === 'quick' ? ' (quick smoke run: fewer iterations, shorter loads)' : ''}`,
    '',
    `${m.date} · Node ${m.node} · ${m.os} · ${m.cpu} · ${m.cores} cores · ${m.memoryGb} GB · commit \`${m.gitCommit.slice(0, 12)}\`${
      m.gitUncommittedPaths ? ` (+${m.gitUncommittedPaths} uncommitted paths)` : ''
    }`,
    '',
    `Load average (1 min) at start ${report.loadAverage.start[0]}, at end ${report.loadAverage.end[0]}, on ${m.cores} cores.${
      report.underLoad ? ' **Taken under load: the figures are pessimistic.**' : ''
    }`,
    '',
    `Targets met: ${report.summary.passed} of ${report.summary.withTarget}.`,
    '',
    '| benchmark | figure | value | target | result | note |',
    '|---|---|---|---|---|---|',
    ...report.figures.map(
      (f) =>
        `| ${f.benchmark} | ${f.figure} | ${formatValue(f)} | ${f.target?.text ?? ''} | ${verdict(f)} | ${(f.note ?? '').replace(/\|/g, '\\|')} |`,
    ),
    '',
    '| benchmark | seconds | load average before → after (1, 5, 15 min) |',
    '|---|---|---|',
    ...report.sections.map(
      (s) =>
        `| ${s.name}${s.error ? ' (failed)' : ''} | ${s.seconds} | ${s.loadAverage.before.join(', ')} → ${s.loadAverage.after.join(', ')} |`,
    ),
    '',
    'Machine-readable: `bench/results/latest.json`.',
    '',
    GENERATED_END,
  ];
  return lines.join('\n');
}

const DOC_SKELETON = `# Benchmarks

Run \`npm run bench\` (or \`npm run bench -- --quick\`). The section below is generated.

`;

/** Replaces the generated section of BENCHMARKS.md, keeping everything written by hand around it. */
export function withGeneratedSection(doc: string, section: string): string {
  const start = doc.indexOf(GENERATED_START.slice(0, 30));
  const end = doc.indexOf(GENERATED_END);
  if (start === -1 || end === -1) return `${doc.trimEnd()}\n\n${section}\n`;
  return `${doc.slice(0, start)}${section}${doc.slice(end + GENERATED_END.length)}`;
}

interface Report {
  mode: 'full' | 'quick';
  machine: ReturnType<typeof machine>;
  loadAverage: { start: number[]; end: number[] };
  /** 1-minute load average above the core count at start or end. */
  underLoad: boolean;
  summary: { withTarget: number; passed: number; failed: string[] };
  figures: Figure[];
  sections: Section[];
}

function writeAtomically(file: string, text: string) {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

async function main() {
  const quick = process.argv.includes('--quick');
  const m = machine();
  const start = load();
  const { sections, figures } = await runAll(quick);
  const end = load();
  const withTarget = figures.filter((f) => f.target);
  const report: Report = {
    mode: quick ? 'quick' : 'full',
    machine: m,
    loadAverage: { start, end },
    underLoad: (start[0] ?? 0) > m.cores || (end[0] ?? 0) > m.cores,
    summary: {
      withTarget: withTarget.length,
      passed: withTarget.filter((f) => f.pass === true).length,
      failed: withTarget.filter((f) => f.pass !== true).map((f) => `${f.benchmark}: ${f.figure}`),
    },
    figures,
    sections,
  };
  writeAtomically(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
  const doc = existsSync(DOC_FILE) ? readFileSync(DOC_FILE, 'utf8') : DOC_SKELETON;
  writeAtomically(DOC_FILE, withGeneratedSection(doc, generatedSection(report)));

  console.log('');
  for (const f of figures)
    console.log(
      `${verdict(f).replace(/\*/g, '').padEnd(5)} ${f.benchmark.padEnd(7)} ${f.figure}: ${formatValue(f)}${f.target ? ` (target ${f.target.text})` : ''}`,
    );
  console.log(
    `\ntargets met: ${report.summary.passed} of ${report.summary.withTarget}${report.underLoad ? `; taken under load (load average ${start[0]} → ${end[0]} on ${m.cores} cores): pessimistic` : ''}`,
  );
  console.log(`written: ${RESULTS_FILE.slice(REPO.length + 1)}, ${DOC_FILE.slice(REPO.length + 1)}`);
  return sections.every((s) => !s.error);
}

// Worker threads, sockets and timers of the benchmarks must not keep the process
// alive. A missed target is a figure, not an error; a benchmark that crashed is.
process.exit((await main()) ? 0 : 1);
