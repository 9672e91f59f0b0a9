// Latency samples of one load run, in milliseconds.

/** Collects response times and summarises them as percentiles. */
export class LatencyRecorder {
  #samples = [];

  /** Adds one response time in milliseconds. */
  record(milliseconds) {
    this.#samples.push(milliseconds);
  }

  /** Number of recorded samples. */
  get count() {
    return this.#samples.length;
  }

  /** Returns the p50 and p99 in milliseconds, or null for no samples. */
  summary() {
    const sorted = Float64Array.from(this.#samples).sort();
    return {
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
    };
  }
}

// Nearest-rank percentile of an ascending array.
function percentile(sorted, fraction) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
