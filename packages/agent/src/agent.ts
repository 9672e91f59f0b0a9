import { context, propagation, trace } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { ConfigProblem, LoadedConfig, TracegateConfig } from './config';
import { DEFAULT_CONFIG, loadConfig } from './config';
import { logger, setLogLevel } from './diagnostics';
import { BodyBudget } from './body-budget';
import { flushOnExit } from './exit-flush';
import { serviceName } from './service-name';
import { createExporter, exportProtocol } from './exporter';
import type { ExportStats } from './export-stats';
import {
  CountingBatchSpanProcessor,
  CountingSpanExporter,
  emptyStats,
} from './export-stats';
import { createInstrumentations, createRedactor } from './instrumentations';
import type { BlockingSetup } from './blocking-setup';
import { createBlocking } from './blocking-setup';
import type { StartOptions } from './start-options';
import { splitStartOptions } from './start-options';
import { LastCheckSpanProcessor } from './last-check';
import { reportRedactorProblems } from './redactor-problems';

/** A running (or disabled) Tracegate agent. */
export interface TracegateAgent {
  /** The configuration in force after every layer was merged and checked. */
  readonly config: TracegateConfig;
  /** Configuration problems found at start; each was also logged. */
  readonly problems: readonly ConfigProblem[];
  /** True when the agent instruments and exports. */
  readonly enabled: boolean;
  /** Returns counters of exported and dropped spans. */
  stats(): ExportStats;
  /** Sends every buffered span now; resolves even when the export fails. */
  forceFlush(): Promise<void>;
  /** Sends buffered spans, then removes the instrumentation and stops exporting. */
  shutdown(): Promise<void>;
}

let current: TracegateAgent | undefined;

/**
 * Starts Tracegate: reads the configuration, installs the instrumentations
 * and the OTLP export. Calling it again returns the running agent. It never
 * throws: on an internal failure it logs the error and returns a disabled
 * agent, and the application runs as it would without Tracegate.
 */
export function start(options?: StartOptions): TracegateAgent {
  if (current !== undefined) {
    logger.warn('start() was called again; the running agent is kept');
    return current;
  }
  const env = process.env;
  try {
    setLogLevel(env.TRACEGATE_LOG_LEVEL ?? env.OTEL_LOG_LEVEL);
    const { configOptions, filters } = splitStartOptions(options);
    const loaded = loadConfig(configOptions, env);
    setLogLevel(loaded.config.logLevel);
    current = loaded.config.enabled
      ? startEnabled(loaded, env, filters)
      : disabledAgent(loaded.config, loaded.problems);
  } catch (error) {
    logger.error(`start failed; Tracegate is disabled: ${describe(error)}`);
    current = disabledAgent(DEFAULT_CONFIG, []);
  }
  return current;
}

/** Returns the running agent, if `start()` was called. */
export function getAgent(): TracegateAgent | undefined {
  return current;
}

function startEnabled(
  loaded: LoadedConfig,
  env: NodeJS.ProcessEnv,
  codeFilters: unknown,
): TracegateAgent {
  const { config } = loaded;
  const stats = emptyStats();
  const budget = new BodyBudget();
  const exporter = new CountingSpanExporter(
    createExporter(config, env),
    stats,
    budget,
  );
  const processor = new CountingBatchSpanProcessor(exporter, stats, budget);
  const redactor = createRedactor(config);
  const blocking = createBlocking(config, codeFilters, loaded.origins);
  const problems = [
    ...loaded.problems,
    ...reportRedactorProblems(redactor, loaded.origins),
    ...blocking.problems,
  ];
  const instrumentations = createInstrumentations(
    config,
    redactor,
    blocking.engine,
  );
  const name = serviceName(config.serviceName, env);
  const sdk = new NodeSDK({
    ...(name !== undefined && { serviceName: name }),
    // The last check runs first, so the batch processor queues and the
    // exporter sends only redacted values.
    spanProcessors: [new LastCheckSpanProcessor(redactor), processor],
    instrumentations,
    // An empty list turns a signal off; leaving it unset lets the SDK read
    // OTEL_METRICS_EXPORTER / OTEL_LOGS_EXPORTER, whose default is OTLP.
    ...(!config.export.metrics && { metricReaders: [] }),
    ...(!config.export.logs && { logRecordProcessors: [] }),
  });
  sdk.start();

  // A failed export is already counted and logged by the exporter, so a
  // flush resolves either way instead of rejecting into the caller.
  const forceFlush = (): Promise<void> =>
    processor.forceFlush().catch((error: unknown) => {
      logger.debug(`flush did not complete: ${describe(error)}`);
    });
  const removeExitFlush = flushOnExit(forceFlush);
  logger.info(
    `started; exporting spans over OTLP ${exportProtocol(config, env)}`,
  );

  let stopped: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    removeExitFlush();
    stopped ??= stopSdk(sdk, instrumentations, blocking);
    return stopped;
  };
  return {
    config,
    problems,
    enabled: true,
    stats: () => ({ ...stats }),
    forceFlush,
    shutdown,
  };
}

async function stopSdk(
  sdk: NodeSDK,
  instrumentations: Instrumentation[],
  blocking: BlockingSetup,
): Promise<void> {
  // The SDK's shutdown stops export but leaves the patches in place.
  for (const instrumentation of instrumentations) instrumentation.disable();
  await blocking.close();
  await sdk.shutdown();
  // The SDK also leaves its providers registered with the API; removing
  // them lets a later start() in the same process register anew.
  trace.disable();
  context.disable();
  propagation.disable();
  current = undefined;
}

function disabledAgent(
  config: TracegateConfig,
  problems: ConfigProblem[],
): TracegateAgent {
  return {
    config,
    problems,
    enabled: false,
    stats: emptyStats,
    forceFlush: () => Promise.resolve(),
    shutdown: () => {
      current = undefined;
      return Promise.resolve();
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
}
