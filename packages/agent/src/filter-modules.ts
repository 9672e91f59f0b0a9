import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** Filters a module exports, or the reason it could not be loaded. */
export type ModuleFilters =
  | { readonly ok: true; readonly entries: unknown[] }
  | { readonly ok: false; readonly problem: string };

/**
 * Loads one filter module, resolving a path against the working directory.
 * A specifier that names no file there is looked up as a package from it.
 *
 * The module exports a filter, a filter function or an array of them,
 * directly or as its `default` export.
 */
export function loadFilterModule(
  specifier: string,
  cwd: string = process.cwd(),
): ModuleFilters {
  let exported: unknown;
  try {
    const file = resolve(cwd, specifier);
    const path =
      specifier.startsWith('.') || isAbsolute(specifier) || existsSync(file)
        ? file
        : require.resolve(specifier, { paths: [cwd] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(path);
  } catch (error) {
    return { ok: false, problem: loadFailure(specifier, error) };
  }
  const value = defaultExport(exported);
  const entries = Array.isArray(value) ? [...(value as unknown[])] : [value];
  if (entries.length === 0 || value === undefined || value === null) {
    return {
      ok: false,
      problem: `filter module ${JSON.stringify(specifier)} exports no filter; export a filter object, a function or an array of them`,
    };
  }
  const invalid = entries.findIndex((entry) => !looksLikeFilter(entry));
  if (invalid !== -1) {
    const position =
      entries.length === 1 ? 'its export' : `entry ${invalid + 1}`;
    return {
      ok: false,
      problem: `filter module ${JSON.stringify(specifier)} is left out: ${position} is neither a function nor an object with a check function`,
    };
  }
  return { ok: true, entries };
}

function looksLikeFilter(entry: unknown): boolean {
  if (typeof entry === 'function') return true;
  if (typeof entry !== 'object' || entry === null) return false;
  return typeof (entry as { check?: unknown }).check === 'function';
}

function defaultExport(exported: unknown): unknown {
  if (
    typeof exported === 'object' &&
    exported !== null &&
    !Array.isArray(exported) &&
    'default' in exported &&
    !('check' in exported)
  ) {
    return exported.default;
  }
  return exported;
}

function loadFailure(specifier: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const name = JSON.stringify(specifier);
  if (code === 'MODULE_NOT_FOUND') {
    return `filter module ${name} was not found from the working directory ${process.cwd()}`;
  }
  if (code === 'ERR_REQUIRE_ESM') {
    return `filter module ${name} is an ES module, which Node 20 cannot load synchronously; write it as CommonJS (.cjs)`;
  }
  const detail =
    error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `filter module ${name} failed to load: ${detail}`;
}
