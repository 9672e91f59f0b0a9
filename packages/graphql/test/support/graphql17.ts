import type * as Graphql from 'graphql';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A folder whose `node_modules` contains graphql 17 under its real name, next
 * to graphql-http, so that both resolve `graphql` to version 17 the way an
 * app's dependencies would. The package is installed under the alias
 * `graphql17` because this repository also needs graphql 16.
 */
export interface Graphql17Tree {
  /** Requires a module as code inside the folder would. */
  require: NodeJS.Require;
  graphql: typeof Graphql;
  remove(): void;
}

/** Copies graphql 17 and graphql-http into a temporary folder and loads graphql from it. */
export function prepareGraphql17Tree(): Graphql17Tree {
  const root = mkdtempSync(join(tmpdir(), 'tracegate-graphql17-'));
  const modules = join(root, 'node_modules');
  cpSync(packageFolder('graphql17'), join(modules, 'graphql'), {
    recursive: true,
  });
  cpSync(packageFolder('graphql-http'), join(modules, 'graphql-http'), {
    recursive: true,
  });
  const requireInTree = createRequire(join(root, 'app.js'));
  return {
    require: requireInTree,
    graphql: requireInTree('graphql') as typeof Graphql,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

function packageFolder(name: 'graphql17' | 'graphql-http'): string {
  // graphql 17's exports map has no ./package.json entry, so its folder is
  // found from a file the map does list.
  const entry =
    name === 'graphql17' ? 'graphql17/version' : 'graphql-http/package.json';
  return dirname(require.resolve(entry));
}
