import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The local service as `npm start` runs it (functions/local.ts, dynalite in
// memory in the same process), started as a child process on a free loopback
// port, so load generators measure a real server over real sockets.

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface LocalService {
  url: string;
  pid: number;
  /** Resident set size of the server process, in MB. */
  rssMb(): number;
  /** CPU time (user + system) the server process has used so far, in ms; undefined off Linux. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export function rssMbOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (kb) return Math.round(Number(kb) / 1024);
  } catch {
    // Not Linux: ask ps.
  }
  return Math.round(
    Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024,
  );
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s on Linux). */
export function cpuMsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after it are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

export async function startLocalService({ readyTimeoutMs = 120_000 } = {}): Promise<LocalService> {
  const port = await freeLoopbackPort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NODE_ENV: 'production' };
  // In-memory dynalite, whatever the caller's shell points at; a throwaway staff secret, so .data/ is untouched.
  delete env.DYNAMODB_ENDPOINT;
  delete env.DYNAMODB_DATA_DIR;
  env.STAFF_TOKEN_SECRET = randomBytes(32).toString('base64url');
  // node itself (tsx as a loader), not npm → sh → node: the pid is the server's, for RSS and for stopping it.
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'functions/local.ts')], {
    cwd: REPO,
    env,
    // Access logs (one line per request) go nowhere rather than filling a pipe nobody reads.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited(child);
    clearTimeout(timer);
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`local service exited with ${child.exitCode} before it was ready: ${stderr}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`local service not ready on ${url} after ${readyTimeoutMs} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = child.pid as number;
  return { url, pid, rssMb: () => rssMbOf(pid), cpuMs: () => cpuMsOf(pid), stop };
}
