import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

// How every Lambda function is bundled: one esbuild run, used by the CDK
// (infra/constructs/service-function.ts, through bundleFunctionSync) and by
// bench/ (bundleFunction), so that what is measured is what is deployed. Its
// own script rather than NodejsFunction's because NodejsFunction runs the
// esbuild CLI, which can neither run a plugin (zodWithLocales below) nor split
// code (it writes one --outfile).

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The options every function is bundled with, as data (bench/ reports them with its figures). */
export const BUNDLING = {
  minify: true,
  sourceMap: true,
  // File and line in stack traces are enough; the sources themselves would
  // triple the map that Node parses at cold start.
  sourcesContent: false,
  target: 'node22',
  format: 'esm',
  mainFields: ['module', 'main'],
  // The runtime's SDK version changes under us without a deploy; the
  // bundled one is the one the tests ran against.
  bundleAwsSDK: true,
  // esbuild writes every non-ASCII character as a \uXXXX escape by default:
  // 6 bytes where UTF-8 takes 3. The OpenCC tables and the Chinese texts made
  // that ~170 KB of the API bundle. Node reads the file as UTF-8 either way.
  charset: 'utf8',
  // Modules reached only through import() go into chunks beside the entry,
  // read when that import() first runs: the API loads the AWS SDK on its
  // first cases request (functions/lambda-cases.ts), so a cold start that
  // only matches neither parses nor evaluates it (bench/lambda.ts measures
  // both the entry's static closure and the whole asset).
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // zod exports all its ~50 locales' error messages (≈190 KB minified) on
  // the namespace object that `import { z } from 'zod'` hands out, and
  // @hono/zod-openapi passes that object to extendZodWithOpenApi, so esbuild
  // must keep every one. We only ever use zod's English default (our own
  // texts are in shared/i18n), so the bundle carries these only.
  zodLocales: ['en'],
  // Left out although imported: only the SDK's browser user-agent provider
  // imports bowser, with import(), and Node never runs it. esbuild drops that
  // code, but with splitting still writes a chunk (34 KB) for every import()
  // it saw. tests/infra checks that nothing in a bundle still imports it.
  external: ['bowser'],
  // Bundled CommonJS dependencies call require(); ESM output has none.
  banner:
    "import { createRequire as __luohuCreateRequire } from 'node:module'; const require = __luohuCreateRequire(import.meta.url);",
} as const;

/**
 * zod's locale index (zod/v4/locales/index.js) as only the locales in
 * BUNDLING.zodLocales. tests/infra checks on the API bundle's source map that
 * it took effect.
 */
const zodWithLocales: Plugin = {
  name: 'zod-locales',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, ({ path }) => ({
      contents: BUNDLING.zodLocales.map((l) => `export { default as ${l} } from './${l}.js';`).join('\n'),
      loader: 'js',
      resolveDir: dirname(path),
    }));
  },
};

export interface FunctionBundle {
  /** The module Lambda loads (`<outdir>/<name>.mjs`); its handler is `<name>.handler`. */
  entryFile: string;
  /** esbuild's account of every file written (chunks and source maps included) and what went into each. */
  metafile: Metafile;
}

/** Bundles `entry` into `outdir` (`<name>.mjs` and `chunks/`), as every deployed function is bundled. */
export async function bundleFunction(entry: string, outdir: string, name = 'index'): Promise<FunctionBundle> {
  const result = await build({
    entryPoints: { [name]: entry },
    bundle: true,
    platform: 'node',
    target: BUNDLING.target,
    format: BUNDLING.format,
    outdir,
    entryNames: '[name]',
    chunkNames: BUNDLING.chunkNames,
    outExtension: { '.js': '.mjs' },
    splitting: BUNDLING.splitting,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    mainFields: [...BUNDLING.mainFields],
    charset: BUNDLING.charset,
    external: [...BUNDLING.external, ...(BUNDLING.bundleAwsSDK ? [] : ['@aws-sdk/*'])],
    banner: { js: BUNDLING.banner },
    plugins: [zodWithLocales],
    // Resolved against the repository whoever calls, as the CDK's bundling would.
    absWorkingDir: REPO_ROOT,
    metafile: true,
    logLevel: 'warning',
  });
  return { entryFile: resolve(outdir, `${name}.mjs`), metafile: result.metafile };
}

/**
 * bundleFunction for the CDK, whose local bundling hook is synchronous (and
 * esbuild runs plugins only asynchronously): the same function in a child
 * Node, which throws here when it fails.
 */
export function bundleFunctionSync(entry: string, outdir: string): void {
  execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), entry, outdir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [entry, outdir] = process.argv.slice(2);
  if (!entry || !outdir) throw new Error('usage: node --import tsx infra/bundling.ts <entry> <outdir>');
  await bundleFunction(resolve(entry), resolve(outdir));
}
