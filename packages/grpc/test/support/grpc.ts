import type * as GrpcJs from '@grpc/grpc-js';
import type * as ProtoLoader from '@grpc/proto-loader';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The package folder, seen from dist/test/support. */
export const PACKAGE_ROOT = path.resolve(__dirname, '../../..');
const REPOSITORY_ROOT = path.resolve(PACKAGE_ROOT, '../..');

/**
 * The grpc-js lines under test: `oldest` is the 1.10 copy that this
 * package's devDependencies pin (installed in packages/grpc/node_modules),
 * `newest` the copy at the repository root that the agent depends on.
 */
export type GrpcLine = 'oldest' | 'newest';

function grpcEntry(line: GrpcLine): string {
  const from = line === 'oldest' ? PACKAGE_ROOT : REPOSITORY_ROOT;
  return require.resolve('@grpc/grpc-js', { paths: [from] });
}

/**
 * Loads grpc-js at call time, so the instrumentations that the test set up
 * first patch it, as with an app preloaded with the agent.
 */
export function loadGrpc(line: GrpcLine = 'newest'): typeof GrpcJs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(grpcEntry(line)) as typeof GrpcJs;
}

/** Returns the version of a grpc-js line, read from its package.json. */
export function grpcVersion(line: GrpcLine): string {
  let folder = path.dirname(grpcEntry(line));
  while (path.basename(folder) !== 'grpc-js') folder = path.dirname(folder);
  const manifest = JSON.parse(
    readFileSync(path.join(folder, 'package.json'), 'utf8'),
  ) as { version: string };
  return manifest.version;
}

/** Loads @grpc/proto-loader. */
export function loadProtoLoader(): typeof ProtoLoader {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@grpc/proto-loader') as typeof ProtoLoader;
}

/** Returns the path of a file in test/fixtures. */
export function fixturePath(name: string): string {
  return path.join(PACKAGE_ROOT, 'test', 'fixtures', name);
}
