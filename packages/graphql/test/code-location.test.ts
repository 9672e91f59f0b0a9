import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CodeLocator } from '../src/code-location';
import { declarationLine, RESOLVERS_FILE } from './support/location';
import { resolveBoom, rootValue } from './support/resolvers';
import type * as LateModule from './support/late-module';

describe('CodeLocator', () => {
  const locator = new CodeLocator();

  it('locates a declared function', () => {
    const location = locator.locate(resolveBoom);
    assert.equal(location?.functionName, 'resolveBoom');
    assert.equal(location?.filePath, RESOLVERS_FILE);
    assert.equal(location?.line, declarationLine('resolveBoom'));
    assert.ok((location?.column ?? 0) >= 1);
  });

  it('locates a method of an object', () => {
    const location = locator.locate(rootValue.legacyStatus);
    assert.equal(location?.functionName, 'legacyStatus');
    assert.equal(location?.line, declarationLine('legacyStatus'));
  });

  it('names an anonymous function', () => {
    const functions = [() => 1];
    assert.equal(locator.locate(functions[0])?.functionName, '<anonymous>');
  });

  it('returns nothing for native functions', () => {
    assert.equal(locator.locate(Math.max), undefined);
  });

  it('returns nothing for non-functions', () => {
    assert.equal(locator.locate({}), undefined);
  });

  it('caches per function', () => {
    const first = locator.locate(resolveBoom);
    assert.equal(locator.locate(resolveBoom), first);
  });

  it('locates a function of a module loaded later', () => {
    assert.ok(locator.locate(resolveBoom));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const late = require('./support/late-module') as typeof LateModule;
    const location = locator.locate(late.lateFunction);
    assert.equal(location?.functionName, 'lateFunction');
    assert.equal(
      location?.filePath,
      join(__dirname, 'support', 'late-module.js'),
    );
  });

  it('returns nothing for eval code', () => {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const factory = new Function(
      'return function fresh() {}',
    ) as () => () => void;
    const created = factory();
    assert.equal(locator.locate(created), undefined);
  });
});
