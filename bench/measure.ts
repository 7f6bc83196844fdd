/** Timing and memory helpers shared by the suites. */
export async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Median of `runs` timings after one warm-up run. */
export async function median(runs: number, fn: () => unknown): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await time(fn)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Medians of `fn` and of its baseline, measured in turns (baseline, fn, baseline, fn, …) after one
 * warm-up of each: on a shared machine whose speed drifts during a run, both see the same
 * conditions, so their ratio drifts less than when the baseline is measured once at the start.
 */
export async function pairedMedians(runs: number, baseline: () => unknown, fn: () => unknown): Promise<{ ms: number; baselineMs: number; ratios: number[] }> {
  await baseline();
  await fn();
  const pairs: [number, number][] = [];
  // Each timed call starts from a collected heap (with --expose-gc), so that none pays for the
  // garbage the previous one left.
  const timed = async (f: () => unknown) => {
    globalThis.gc?.();
    return (await time(f)).ms;
  };
  for (let i = 0; i < runs; i++) pairs.push([await timed(baseline), await timed(fn)]);
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { baselineMs: mid(pairs.map((p) => p[0])), ms: mid(pairs.map((p) => p[1])), ratios: pairs.map(([b, f]) => f / b) };
}

export function report(rows: { name: string; ms: number; baselineMs: number; note?: string }[]): void {
  for (const r of rows)
    console.log(
      `${r.name.padEnd(48)} ${r.ms.toFixed(1).padStart(9)} ms   baseline ${r.baselineMs.toFixed(1).padStart(9)} ms   ratio ${(r.ms / r.baselineMs).toFixed(2).padStart(6)}×${r.note ? `   ${r.note}` : ''}`,
    );
}

export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
