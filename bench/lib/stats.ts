// Small timing helpers: per-iteration wall time with process.hrtime, reported as percentiles.

export interface Timing {
  iterations: number;
  p50Us: number;
  p99Us: number;
  meanUs: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function summarise(samplesNs: number[]): Timing {
  const us = samplesNs.map((n) => n / 1000).sort((a, b) => a - b);
  const mean = us.reduce((a, b) => a + b, 0) / us.length;
  return {
    iterations: us.length,
    p50Us: round(percentile(us, 50)),
    p99Us: round(percentile(us, 99)),
    meanUs: round(mean),
  };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Times `fn` per call after a warm-up, cycling through inputs. */
export function timeSync<T>(
  inputs: readonly T[],
  fn: (x: T) => unknown,
  opts: { warmup: number; iterations: number },
): Timing {
  for (let i = 0; i < opts.warmup; i++) fn(inputs[i % inputs.length] as T);
  const samples = new Array<number>(opts.iterations);
  for (let i = 0; i < opts.iterations; i++) {
    const x = inputs[i % inputs.length] as T;
    const t0 = process.hrtime.bigint();
    fn(x);
    samples[i] = Number(process.hrtime.bigint() - t0);
  }
  return summarise(samples);
}

export async function timeAsync<T>(
  inputs: readonly T[],
  fn: (x: T) => Promise<unknown>,
  opts: { warmup: number; iterations: number },
): Promise<Timing> {
  for (let i = 0; i < opts.warmup; i++) await fn(inputs[i % inputs.length] as T);
  const samples = new Array<number>(opts.iterations);
  for (let i = 0; i < opts.iterations; i++) {
    const x = inputs[i % inputs.length] as T;
    const t0 = process.hrtime.bigint();
    await fn(x);
    samples[i] = Number(process.hrtime.bigint() - t0);
  }
  return summarise(samples);
}
