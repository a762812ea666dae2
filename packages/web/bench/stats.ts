/** Percentiles and the benchmark's printed lines. */

/** The value below which `share` (0 to 1) of the samples lie, by nearest rank. */
export function percentile(samples: readonly number[], share: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return sorted[rank] as number;
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

export function writeLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}
