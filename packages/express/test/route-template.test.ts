import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mountPathArgument } from '../src/mount-paths';
import { joinTemplate, patternText } from '../src/route-template';

describe('joinTemplate', () => {
  const cases: Array<[string, string[], string]> = [
    ['mount and route', ['/users', '/:id'], '/users/:id'],
    ['root mounts add nothing', ['/', '/api', '/', '/items'], '/api/items'],
    ['route / under a mount', ['/users', '/'], '/users'],
    ['nothing but roots', ['/', '/'], '/'],
    ['trailing slash on a mount', ['/api/', '/items'], '/api/items'],
    ['segment without a slash', ['/legacy', '*'], '/legacy/*'],
    ['lone wildcard', ['*'], '*'],
    [
      'regex after a mount',
      ['/archive', '/^\\/(\\d+)$/'],
      '/archive/^\\/(\\d+)$/',
    ],
  ];
  for (const [name, segments, expected] of cases) {
    it(name, () => {
      assert.equal(joinTemplate(segments), expected);
    });
  }
});

describe('patternText', () => {
  it('string', () => {
    assert.equal(patternText('/users/:id', '/users/1'), '/users/:id');
  });

  it('RegExp', () => {
    assert.equal(patternText(/^\/a$/i, '/a'), '/^\\/a$/i');
  });

  it('array picks the matched literal', () => {
    assert.equal(patternText(['/docs', '/Manual'], '/manual/'), '/Manual');
  });

  it('nested array picks the matched literal', () => {
    assert.equal(patternText([['/a'], ['/b', '/c']], '/c'), '/c');
  });

  it('array of one pattern', () => {
    assert.equal(patternText([['/items/:id']], '/items/3'), '/items/:id');
  });

  it('array of patterns is joined', () => {
    assert.equal(patternText(['/a/:id', /^\/b$/], '/a/1'), '/a/:id,/^\\/b$/');
  });
});

describe('mountPathArgument', () => {
  const middleware = () => undefined;
  const cases: Array<[string, unknown[], unknown]> = [
    ['path and function', ['/api', middleware], '/api'],
    ['function only', [middleware], '/'],
    ['array of functions', [[middleware, middleware]], '/'],
    ['array of paths', [['/a', '/b'], middleware], ['/a', '/b']],
    ['nothing', [], '/'],
  ];
  for (const [name, args, expected] of cases) {
    it(name, () => {
      assert.deepEqual(mountPathArgument(args), expected);
    });
  }
});
