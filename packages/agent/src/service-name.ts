import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Folders walked up from the entry script to find its package.json. */
const MAX_DEPTH = 10;

/**
 * Returns the `name` of the package that contains the entry script
 * (`process.argv[1]`), to name the service when nothing else does. The SDK
 * otherwise reports `unknown_service:node`, which hides every service of a
 * fleet behind one name.
 */
export function packageServiceName(
  entry = process.argv[1],
): string | undefined {
  if (entry === undefined || entry === '') return undefined;
  let folder = dirname(resolve(entry));
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const name = readPackageName(join(folder, 'package.json'));
    if (name !== undefined) return name;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
  return undefined;
}

function readPackageName(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const { name } = JSON.parse(text) as { name?: unknown };
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Picks the service name: the configuration, else nothing when the standard
 * variables set one (the SDK reads them), else the entry package's name.
 */
export function serviceName(
  configured: string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (configured !== undefined) return configured;
  if (env.OTEL_SERVICE_NAME) return undefined;
  if (/(^|,)\s*service\.name\s*=/.test(env.OTEL_RESOURCE_ATTRIBUTES ?? '')) {
    return undefined;
  }
  return packageServiceName();
}
