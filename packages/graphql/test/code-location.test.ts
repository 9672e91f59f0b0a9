import assert from 'node:assert/strict';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runInThisContext } from 'node:vm';
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

/** Counts the `Debugger.enable` commands that every inspector session sends. */
function countScriptListings(): { count: () => number; restore: () => void } {
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const original = Session.prototype.post;
  let listings = 0;
  Session.prototype.post = function (
    this: Session,
    method: string,
    ...rest: unknown[]
  ) {
    if (method === 'Debugger.enable') listings += 1;
    return (original as (...args: unknown[]) => void).call(
      this,
      method,
      ...rest,
    );
  };
  return {
    count: () => listings,
    restore: () => {
      Session.prototype.post = original;
    },
  };
}

/** Compiles a function in a new script with its own file name. */
function compileInNewScript(name: string): () => void {
  return runInThisContext(`(function ${name}() {})`, {
    filename: join(__dirname, `${name}.js`),
  }) as () => void;
}

describe('CodeLocator script listing', () => {
  it('lists scripts before the first lookup after a warm-up', async () => {
    const locator = new CodeLocator();
    locator.scheduleWarmUp();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const listings = countScriptListings();
    try {
      assert.equal(locator.locate(resolveBoom)?.functionName, 'resolveBoom');
      assert.equal(listings.count(), 0);
    } finally {
      listings.restore();
    }
  });

  it('limits listings for scripts compiled all the time', async () => {
    const locator = new CodeLocator();
    assert.ok(locator.locate(resolveBoom));
    const listings = countScriptListings();
    try {
      const compiled: Array<() => void> = [];
      let unlocated = 0;
      for (let index = 0; index < 20; index++) {
        const fn = compileInNewScript(`compiled${index}`);
        compiled.push(fn);
        if (locator.locate(fn) === undefined) unlocated += 1;
      }
      assert.ok(listings.count() <= 5, `${listings.count()} listings`);
      assert.ok(unlocated >= 15, `${unlocated} functions not located`);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const before = listings.count();
      for (const [index, fn] of compiled.entries()) {
        assert.equal(locator.locate(fn)?.functionName, `compiled${index}`);
      }
      assert.equal(listings.count() - before, 1);
    } finally {
      listings.restore();
    }
  });
});
