import { readFileSync } from 'node:fs';

/** A 1-based line and column in a source file. */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * Finds where V8 places a named function's location: the opening
 * parenthesis after `function name`. The compiled file is read, so the
 * expected position follows whatever the compiler emitted.
 */
export function functionPosition(file: string, name: string): SourcePosition {
  const marker = `function ${name}(`;
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(marker));
  if (index === -1) throw new Error(`${marker} not found in ${file}`);
  return {
    line: index + 1,
    column: lines[index].indexOf(marker) + marker.length,
  };
}
