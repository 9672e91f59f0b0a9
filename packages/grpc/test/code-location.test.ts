import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { codeLocationAttributes } from '../src/code-location';
import { guarded } from '../src/safe';

// The line of a definition in the compiled file that V8 runs, found by its
// text rather than written into the test.
function lineOf(file: string, text: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  assert.ok(index >= 0, `"${text}" not found in ${file}`);
  return index + 1;
}

function namedHandler() {
  return 1;
}
const declaredLine = lineOf(__filename, 'function namedHandler(');

describe('codeLocationAttributes', () => {
  it('finds a named function', () => {
    const attributes = codeLocationAttributes(namedHandler);
    assert.equal(attributes['code.function.name'], 'namedHandler');
    assert.equal(attributes['code.file.path'], __filename);
    assert.equal(attributes['code.line.number'], declaredLine);
  });

  it('finds an arrow function', () => {
    const arrow = () => 2;
    const attributes = codeLocationAttributes(arrow);
    assert.equal(attributes['code.function.name'], 'arrow');
    assert.equal(
      attributes['code.line.number'],
      lineOf(__filename, 'const arrow = () => 2;'),
    );
  });

  it('follows a bound function', () => {
    const bound = namedHandler.bind(null);
    const attributes = codeLocationAttributes(bound);
    assert.equal(attributes['code.function.name'], 'namedHandler');
    assert.equal(attributes['code.line.number'], declaredLine);
  });

  it('leaves out an empty name', () => {
    const anonymous = [() => 3][0];
    const attributes = codeLocationAttributes(anonymous);
    assert.equal(attributes['code.function.name'], undefined);
    assert.equal(attributes['code.file.path'], __filename);
  });

  it('finds a function in another module', () => {
    const attributes = codeLocationAttributes(guarded);
    assert.equal(attributes['code.function.name'], 'guarded');
    const file = require.resolve('../src/safe');
    assert.equal(attributes['code.file.path'], file);
    assert.equal(
      attributes['code.line.number'],
      lineOf(file, 'function guarded('),
    );
  });

  it('returns the cached location', () => {
    const first = codeLocationAttributes(namedHandler);
    const second = codeLocationAttributes(namedHandler);
    assert.deepEqual(second, first);
  });

  it('returns nothing for a native function', () => {
    assert.deepEqual(codeLocationAttributes(Math.max), {});
  });
});
