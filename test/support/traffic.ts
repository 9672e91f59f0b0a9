import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { REPO_ROOT } from './service';

/** One scripted request of the demo traffic. */
export interface TrafficItem {
  what: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A response as the traffic script received it. */
export interface TrafficResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  arrivals: number[];
}

// The demo and the tests share one traffic script, kept in CommonJS so the
// ES module demo and these compiled CommonJS tests can both load it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const traffic = require(join(REPO_ROOT, 'examples', 'demo', 'traffic.cjs')) as {
  TRAFFIC: TrafficItem[];
  request: (base: string, item: TrafficItem) => Promise<TrafficResponse>;
};

export const TRAFFIC = traffic.TRAFFIC;
export const request = traffic.request;
