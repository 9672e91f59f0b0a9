import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'node:test';
import type { DiagLogger } from '@opentelemetry/api';
import { diag, DiagLogLevel } from '@opentelemetry/api';

/** Per-test state of a configuration test: its warnings and a folder. */
export interface ConfigSandbox {
  /** Warnings the diag logger received during the current test. */
  readonly warnings: string[];
  /** The current test's folder, removed when the test ends. */
  dir(): string;
  /** Writes `content` into the folder and returns its path. */
  writeFile(content: string | Buffer, name?: string): string;
}

function captureWarnings(warnings: string[]): void {
  const ignore = (): void => undefined;
  const logger: DiagLogger = {
    warn: (...args: unknown[]) => warnings.push(args.map(String).join(' ')),
    error: ignore,
    info: ignore,
    debug: ignore,
    verbose: ignore,
  };
  diag.setLogger(logger, {
    logLevel: DiagLogLevel.WARN,
    suppressOverrideMessage: true,
  });
}

/**
 * Registers hooks that give every test of the calling file an empty
 * warning list, a diag logger that fills it, and a temporary folder for
 * configuration files. Warnings are cleared in place, so a reference
 * taken once stays valid.
 */
export function useConfigSandbox(
  options: { captureWarnings?: boolean } = {},
): ConfigSandbox {
  const warnings: string[] = [];
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tracegate-config-'));
    warnings.length = 0;
    if (options.captureWarnings !== false) {
      captureWarnings(warnings);
    }
  });
  afterEach(() => {
    if (options.captureWarnings !== false) {
      diag.disable();
    }
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    warnings,
    dir: () => dir,
    writeFile(content: string | Buffer, name = 'tracegate.yaml'): string {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}
