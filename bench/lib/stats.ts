/** Small statistics for the bench: nearest-rank percentiles and a seeded random source. */

export interface Summary {
  n: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

/** Nearest-rank percentile of already sorted values; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = sorted.length;
  return {
    n,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: n ? sorted[n - 1]! : null,
    mean: n ? sorted.reduce((s, v) => s + v, 0) / n : null,
  };
}

/** Rounds for display and JSON: whole numbers past 100, one decimal below. */
export function round(value: number | null, digits?: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : 1);
  const f = 10 ** d;
  return Math.round(value * f) / f;
}

/** mulberry32: the same ring phases on every run, so two runs are comparable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Polls `check` every `everyMs` until it is true; false when `timeoutMs` passes first. */
export async function until(check: () => boolean, timeoutMs: number, everyMs = 2): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
  return true;
}
