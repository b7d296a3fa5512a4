/** One autocannon run against one URL, reduced to the figures the national bench reports. */
import { autocannon } from '../autocannon.ts';

export interface LoadFigures {
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  /** Answers other than the one expected (200, or 304 for a revalidation). */
  unexpected: number;
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  headers?: Record<string, string>;
  /** The status every answer must have; anything else counts as unexpected. */
  expectStatus?: number;
}

export async function measureLoad(url: string, options: LoadOptions): Promise<LoadFigures> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationSeconds,
    pipelining: 1,
    timeout: 10,
    headers: options.headers ?? {},
  });
  const expected = String(options.expectStatus ?? 200);
  const total = Object.values(result.statusCodeStats).reduce((n, s) => n + s.count, 0);
  const unexpected = total - (result.statusCodeStats[expected]?.count ?? 0);
  return {
    connections: options.connections,
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    unexpected,
  };
}
