import type {
  ConfiguredBlockingEngine,
  Filter,
  FilterFunction,
} from '@tracegate/blocking';
import {
  createAttackFilter,
  createBlockingEngine,
  createIpFilter,
  createRateLimitFilter,
  createRuleFilter,
  validateAttackFilterOptions,
  validateIpFilterOptions,
  validateRateLimitFilterOptions,
  validateRuleFilterOptions,
} from '@tracegate/blocking';
import type { ConfigProblem, TracegateConfig } from './config';
import type { ValueOrigin } from './config';
import { logger } from './diagnostics';
import { loadFilterModule } from './filter-modules';
import { leftOutProblem } from './left-out-problem';

type FilterEntry = Filter | FilterFunction | undefined;

/** The engine the configuration builds, and what was left out of it. */
export interface BlockingSetup {
  /** Undefined when blocking is off or no filter is active. */
  readonly engine: ConfiguredBlockingEngine | undefined;
  readonly problems: ConfigProblem[];
  /** Closes what the filters hold open, such as Redis connections. */
  close(): Promise<void>;
}

interface BuiltIn {
  readonly key: 'ip' | 'rules' | 'rateLimit' | 'attacks';
  build(
    raw: unknown,
    field: string,
  ): { filter: FilterEntry; problems: string[] };
}

// Cheap list checks run first, so the costlier ones see fewer requests; the
// rate limit runs after user filters, so blocked requests use no tokens.
const LEADING: readonly BuiltIn[] = [
  {
    key: 'ip',
    build: (raw, field) => {
      const { options, problems } = validateIpFilterOptions(raw, field);
      return { filter: createIpFilter(options), problems };
    },
  },
  {
    key: 'rules',
    build: (raw, field) => {
      const { options, problems } = validateRuleFilterOptions(raw, field);
      return { filter: createRuleFilter(options), problems };
    },
  },
];

const TRAILING: readonly BuiltIn[] = [
  {
    key: 'rateLimit',
    build: (raw, field) => {
      const { options, problems } = validateRateLimitFilterOptions(raw, field);
      return { filter: createRateLimitFilter(options), problems };
    },
  },
  {
    key: 'attacks',
    build: (raw, field) => {
      const { options, problems } = validateAttackFilterOptions(raw, field);
      return { filter: createAttackFilter(options), problems };
    },
  },
];

/**
 * Builds the blocking engine from the configuration and the filters given
 * in code. Filters run in this order: IP lists, path rules, filter modules,
 * filters in code, rate limits, attack detection.
 */
export function createBlocking(
  config: TracegateConfig,
  codeFilters: unknown,
  origins: ReadonlyMap<string, ValueOrigin>,
): BlockingSetup {
  const problems: ConfigProblem[] = [];
  const settings = config.blocking;
  if (!config.enabled || !settings.enabled) {
    return { engine: undefined, problems, close: () => Promise.resolve() };
  }
  const report = (key: string, detail: string): void => {
    problems.push(
      leftOutProblem(
        'Blocking',
        'TG_CONFIG_BLOCKING_OPTION',
        key,
        detail,
        origins,
      ),
    );
  };
  const filters: FilterEntry[] = [
    ...buildAll(LEADING, settings, report),
    ...moduleFilters(settings.filterModules, report),
    ...inCode(codeFilters, report),
    ...buildAll(TRAILING, settings, report),
  ];
  const engine = createBlockingEngine({
    filters,
    failClosed: settings.failClosed,
    timeoutMs: settings.timeoutMs,
    trustedProxies: settings.trustedProxies,
    clientIpHeader: settings.clientIpHeader,
    userId: settings.userId,
  });
  for (const detail of engine.problems) report('blocking', detail);
  return {
    engine: engine.active ? engine : undefined,
    problems,
    close: () => closeFilters(filters),
  };
}

function buildAll(
  builtIns: readonly BuiltIn[],
  settings: TracegateConfig['blocking'],
  report: (key: string, detail: string) => void,
): FilterEntry[] {
  return builtIns.map((builtIn) => {
    const raw = settings[builtIn.key];
    if (raw === undefined) return undefined;
    const field = `blocking.${builtIn.key}`;
    try {
      const { filter, problems } = builtIn.build(raw, field);
      for (const detail of problems) report(field, detail);
      return filter;
    } catch (error) {
      report(field, `the filter could not be created: ${describe(error)}`);
      return undefined;
    }
  });
}

function moduleFilters(
  specifiers: readonly string[],
  report: (key: string, detail: string) => void,
): FilterEntry[] {
  return specifiers.flatMap((specifier) => {
    const loaded = loadFilterModule(specifier);
    if (!loaded.ok) {
      report('blocking.filterModules', loaded.problem);
      return [];
    }
    return loaded.entries as FilterEntry[];
  });
}

function inCode(
  value: unknown,
  report: (key: string, detail: string) => void,
): FilterEntry[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    report(
      'blocking.filters',
      'the filters option is not an array of filters; it is ignored',
    );
    return [];
  }
  return value as FilterEntry[];
}

async function closeFilters(filters: readonly FilterEntry[]): Promise<void> {
  for (const filter of filters) {
    const close = (filter as { close?: unknown } | undefined)?.close;
    if (typeof close !== 'function') continue;
    try {
      await (close as () => Promise<void>).call(filter);
    } catch (error) {
      logger.debug(`closing a blocking filter failed: ${describe(error)}`);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
}
