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

export function report(rows: { name: string; ms: number; baselineMs: number; note?: string }[]): void {
  for (const r of rows)
    console.log(
      `${r.name.padEnd(48)} ${r.ms.toFixed(1).padStart(9)} ms   baseline ${r.baselineMs.toFixed(1).padStart(9)} ms   ratio ${(r.ms / r.baselineMs).toFixed(2).padStart(6)}×${r.note ? `   ${r.note}` : ''}`,
    );
}

export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
