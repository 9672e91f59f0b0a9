import type { CorpusResults } from './corpus';
import { runCorpus } from './corpus';
import type { RunningService } from './service';
import { startService } from './service';

/** The fixture app, relative to the repository root. */
export const APP = 'test/fixtures/differential-app.cjs';

/** Node options that preload the Tracegate agent. */
export const WITH_AGENT = ['--require', '@tracegate/agent/register'];

/** Errors that escaped the app's own code, from its GET /stats route. */
export interface AppStats {
  uncaughtExceptions: string[];
  unhandledRejections: string[];
}

/** One run of the corpus against the fixture app. */
export interface AppRun {
  results: CorpusResults;
  stats: AppStats;
  /** Everything the app's process wrote to stderr, up to its exit. */
  stderr: string;
}

/** Environment that sends the agent's spans to `endpoint` quickly. */
export function exportTo(endpoint: string): NodeJS.ProcessEnv {
  return {
    OTEL_SERVICE_NAME: 'differential-app',
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_BSP_SCHEDULE_DELAY: '100',
  };
}

/** Starts the fixture app with the given Node options before its path. */
export function startApp(
  nodeOptions: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<RunningService> {
  return startService([...nodeOptions, APP], env);
}

/** Reads the app's GET /stats route. */
export async function fetchStats(base: string): Promise<AppStats> {
  const response = await fetch(`${base}/stats`);
  return (await response.json()) as AppStats;
}

/**
 * Starts the app, sends the whole corpus, reads its stats and stops it.
 * `beforeStop` runs while the app still runs, for example to wait for spans.
 */
export async function runAppCorpus(
  nodeOptions: readonly string[],
  env: NodeJS.ProcessEnv,
  beforeStop: (service: RunningService) => Promise<void> = async () => {},
): Promise<AppRun> {
  const service = await startApp(nodeOptions, env);
  try {
    const results = await runCorpus(service.base);
    const stats = await fetchStats(service.base);
    await beforeStop(service);
    await service.stop();
    return { results, stats, stderr: service.stderr() };
  } finally {
    await service.stop();
  }
}
