/** Latency samples and their summary. */

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Milliseconds, kept in one preallocated array: hundreds of thousands of samples a run, recorded
 * on the load generator's hot path. Samples past the capacity are counted but not kept.
 */
export class LatencyRecorder {
  private readonly values: Float64Array;
  private count = 0;
  private overflow = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }

  record(ms: number): void {
    if (this.count < this.values.length) this.values[this.count++] = ms;
    else this.overflow += 1;
  }

  /** Samples that did not fit; a summary with any is of the first `capacity` only. */
  get dropped(): number {
    return this.overflow;
  }

  summarise(): LatencySummary {
    const sorted = this.values.slice(0, this.count).sort();
    return {
      samples: this.count,
      p50Ms: nearestRank(sorted, 0.5),
      p99Ms: nearestRank(sorted, 0.99),
      maxMs: sorted[sorted.length - 1] ?? 0,
    };
  }
}

/** The nearest-rank percentile of sorted values: the smallest with at least `q` at or below it. */
function nearestRank(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] ?? 0;
}
