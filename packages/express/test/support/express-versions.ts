import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import type express from 'express';

/** The Express module as the test apps use it (typed with Express 5's types). */
export type ExpressModule = typeof express;

/** Major versions under test. */
export const EXPRESS_MAJORS = [4, 5] as const;

/** One of {@link EXPRESS_MAJORS}. */
export type ExpressMajor = (typeof EXPRESS_MAJORS)[number];

const loaded = new Map<ExpressMajor, ExpressModule>();

/**
 * Loads Express 4 or 5. Express 5 is installed as `express` and patched by
 * the require hook, as in an app. Express 4 is installed under the npm alias
 * `express4`, which the hook does not match because it matches modules by
 * directory name. The instrumentation's module definition is therefore
 * applied here, as the hook would apply it to a module named `express`.
 */
export function loadExpress(
  major: ExpressMajor,
  instrumentation: InstrumentationBase,
): ExpressModule {
  const known = loaded.get(major);
  if (known !== undefined) return known;
  const name = major === 5 ? 'express' : 'express4';
  // Loaded after setupTracing(), so the require hook patches Express 5.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const version = (require(`${name}/package.json`) as { version: string })
    .version;
  if (!version.startsWith(`${major}.`)) {
    throw new Error(`${name} is ${version}, expected Express ${major}`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  let loadedModule = require(name) as ExpressModule;
  if (major === 4) {
    for (const definition of instrumentation.getModuleDefinitions()) {
      if (definition.name !== 'express') continue;
      definition.moduleExports = loadedModule;
      loadedModule = (definition.patch?.(loadedModule, version) ??
        loadedModule) as ExpressModule;
    }
  }
  loaded.set(major, loadedModule);
  return loadedModule;
}
