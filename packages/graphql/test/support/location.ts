import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Compiled file that defines the test resolvers. */
export const RESOLVERS_FILE = join(__dirname, 'resolvers.js');

/**
 * Returns the 1-based line on which the compiled resolvers file declares
 * `function <name>`, so tests compare against the file, not a number.
 */
export function declarationLine(functionName: string): number {
  const lines = readFileSync(RESOLVERS_FILE, 'utf8').split('\n');
  const index = lines.findIndex((line) =>
    new RegExp(`function ${functionName}\\(`).test(line),
  );
  if (index === -1) throw new Error(`function ${functionName} not found`);
  return index + 1;
}
