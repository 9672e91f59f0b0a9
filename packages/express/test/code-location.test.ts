import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import * as inspector from 'node:inspector';
import { runInThisContext } from 'node:vm';
import { after, before, describe, it } from 'node:test';
import { setupTracing } from './support/tracing';
import { buildApp } from './support/apps';
import { close, listen, send } from './support/client';
import { EXPRESS_MAJORS, loadExpress } from './support/express-versions';
import { functionPosition } from './support/source-position';

const tracing = setupTracing();
const APP_FILE = require.resolve('./support/apps');

/** Counts inspector commands sent while `run` runs. */
async function countInspectorCommands(
  run: () => Promise<void>,
): Promise<number> {
  const prototype = inspector.Session.prototype;
  // Restored below; the spy calls the original with the same `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const original = prototype.post;
  let count = 0;
  prototype.post = function (this: inspector.Session, ...args: unknown[]) {
    count++;
    return (original as (...rest: unknown[]) => void).apply(this, args);
  };
  try {
    await run();
  } finally {
    prototype.post = original;
  }
  return count;
}

for (const major of EXPRESS_MAJORS) {
  describe(`code location with Express ${major}`, () => {
    let server: Server;
    let base: string;

    before(async () => {
      const express = loadExpress(major, tracing.instrumentation);
      ({ server, base } = await listen(buildApp(express, major)));
    });
    after(() => close(server));

    async function spanFor(path: string) {
      tracing.reset();
      await send(`${base}${path}`);
      return tracing.nextServerSpan();
    }

    const answered: Array<[string, string, string]> = [
      ['route handler', '/users/42', 'getUser'],
      ['handler in nested routers', '/api/v1/items/1', 'getItem'],
      ['middleware that answered', '/admin/panel', 'requireAdmin'],
      ['handler after next(route)', '/pick/special', 'pickSpecial'],
      ['handler that passed an error', '/fail/next', 'failWithNext'],
      ['handler that threw', '/fail/throw', 'failWithThrow'],
      [
        'handler that answered then called next',
        '/answered-then-next',
        'answerThenNext',
      ],
      ['bound function', '/bound', 'showBound'],
    ];
    for (const [name, path, functionName] of answered) {
      it(name, async () => {
        const span = await spanFor(path);
        const expected = functionPosition(APP_FILE, functionName);
        assert.equal(span.attributes['code.function.name'], functionName);
        assert.equal(span.attributes['code.file.path'], APP_FILE);
        assert.equal(span.attributes['code.line.number'], expected.line);
        assert.equal(span.attributes['code.column.number'], expected.column);
      });
    }

    it('nothing when no handler answered', async () => {
      const span = await spanFor('/nowhere');
      assert.equal(span.attributes['code.function.name'], undefined);
      assert.equal(span.attributes['code.line.number'], undefined);
    });

    it('looks each function up once', async () => {
      await spanFor('/users/1');
      const commands = await countInspectorCommands(async () => {
        for (let id = 2; id < 7; id++) await spanFor(`/users/${id}`);
      });
      assert.equal(commands, 0);
    });
  });
}

describe('code location beside another inspector session', () => {
  let server: Server;
  let base: string;
  let other: inspector.Session;
  const parsed: string[] = [];

  before(async () => {
    other = new inspector.Session();
    other.connect();
    other.on('Debugger.scriptParsed', (message) => {
      parsed.push(message.params.url);
    });
    other.post('Debugger.enable');
    const express = loadExpress(5, tracing.instrumentation);
    const app = express();
    app.get('/other', function answerBesideDebugger(_req, res) {
      res.send('ok');
    });
    ({ server, base } = await listen(app));
  });
  after(async () => {
    other.disconnect();
    await close(server);
  });

  it('still finds the handler', async () => {
    tracing.reset();
    await send(`${base}/other`);
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes['code.function.name'], 'answerBesideDebugger');
    assert.equal(span.attributes['code.file.path'], __filename);
  });

  it('leaves the other session debugging', () => {
    runInThisContext('1 + 1', { filename: 'tracegate-probe.js' });
    assert.ok(parsed.includes('tracegate-probe.js'));
  });
});
