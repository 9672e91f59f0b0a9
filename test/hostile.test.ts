import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { ReceivedSpan, Receiver } from '@tracegate/receiver';
import { startReceiver } from '@tracegate/receiver';
import type { BrokenBackend } from './support/broken-backends';
import {
  closedPort,
  failingBackend,
  hangingBackend,
} from './support/broken-backends';
import type { AppRun } from './support/differential-app';
import { exportTo, runAppCorpus, WITH_AGENT } from './support/differential-app';
import type { Burst } from './support/request-burst';
import { sendBurst } from './support/request-burst';
import {
  assertSameResponses,
  stderrLines,
  waitForStatsSpan,
  waitUntil,
} from './support/run-checks';

const BREAK_INTERNALS = 'test/fixtures/hostile/break-internals.cjs';
const THROWING_HOOKS = 'test/fixtures/hostile/throwing-hooks.cjs';
const BURST_REQUESTS = 200;
const BURST_CONCURRENCY = 10;
const BURST_PATH = '/write/end';
// A burst under the agent may take this many times as long as without it,
// plus BURST_SLACK_MS, before it counts as slowed by the dead backend.
const BURST_SLOWDOWN_FACTOR = 5;
const BURST_SLACK_MS = 1000;
// Values that the corpus sends or the app returns and that a run without
// failures masks, so one found in an export shows a failure that leaked.
// NOTE: the session cookie is left out because GET /echo returns it inside a
// JSON string, where the agent exports it in clear even without failures.
const PLANTED_SECRETS = [
  'hunter2',
  '4111 1111 1111 1111',
  '4111111111111111',
  's3cr3t',
  'eyJhbGciOiJIUzI1NiJ9',
];
// Lines that HTTP capture logs when one of its steps fails.
const CAPTURE_FAILURE =
  /@tracegate\/(?:http|agent) capture step "([^"]+)" failed; /;
const EXPORT_WARNING = /span export failed, \d+ spans dropped/;

let baseline: AppRun;
let baselineBurst: Burst;

// Responses of the app without any agent, which every run must match.
before(async () => {
  baseline = await runAppCorpus([], {}, async (service) => {
    baselineBurst = await sendBurst(
      service.base,
      BURST_PATH,
      BURST_REQUESTS,
      BURST_CONCURRENCY,
    );
  });
});

function readCounts(path: string): Record<string, number> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>;
}

function assertNoUncaughtError(run: AppRun): void {
  assert.deepEqual(run.stats.uncaughtExceptions, []);
  assert.deepEqual(run.stats.unhandledRejections, []);
}

function assertNoPlantedSecret(spans: ReceivedSpan[]): void {
  assert.notEqual(spans.length, 0, 'no span was exported');
  for (const span of spans) {
    for (const [name, value] of Object.entries(span.attributes)) {
      const text = JSON.stringify(value);
      for (const secret of PLANTED_SECRETS) {
        assert.ok(
          !text.includes(secret),
          `span ${span.name} exports ${secret} in ${name}: ${text.slice(0, 200)}`,
        );
      }
    }
  }
}

/** Checks that stderr contains capture failures only, each step once. */
function assertLoggedOnceEach(stderr: string): void {
  const lines = stderrLines(stderr);
  assert.notEqual(lines.length, 0, 'no capture failure was logged');
  const steps = lines.map((line) => {
    const match = CAPTURE_FAILURE.exec(line);
    assert.ok(match, `unexpected stderr line: ${line}`);
    return match[1];
  });
  assert.deepEqual(steps, [...new Set(steps)], 'a step was logged twice');
}

// A step that failed more than once and was logged once shows the rate
// limit at work.
function assertThrewRepeatedly(counts: Record<string, number>): void {
  const maxCount = Math.max(0, ...Object.values(counts));
  assert.ok(maxCount > 1, `throws by kind: ${JSON.stringify(counts)}`);
}

describe('hostile internals', () => {
  let receiver: Receiver;
  let directory: string;

  before(async () => {
    receiver = await startReceiver({
      httpPort: 0,
      grpcPort: false,
      quiet: true,
    });
    directory = mkdtempSync(join(tmpdir(), 'tracegate-hostile-'));
  });
  after(async () => {
    await receiver?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const TARGETS = [
    'redactor',
    'body-buffer',
    'json-stringify',
    'redactor,body-buffer,json-stringify',
  ];
  for (const targets of TARGETS) {
    describe(`throwing ${targets}`, () => {
      let run: AppRun;
      let counts: Record<string, number>;
      let spans: ReceivedSpan[];

      before(async () => {
        receiver.clear();
        const countsFile = join(directory, `${targets}.json`);
        run = await runAppCorpus(
          [...WITH_AGENT, '--require', `./${BREAK_INTERNALS}`],
          {
            ...exportTo(receiver.httpUrl),
            HOSTILE_TARGETS: targets,
            HOSTILE_COUNTS_FILE: countsFile,
          },
          waitForStatsSpan(receiver),
        );
        counts = readCounts(countsFile);
        spans = receiver.spans;
      });

      it('responds like the plain app', () => {
        assertSameResponses(run, baseline);
      });

      it('raises no uncaught error', () => {
        assertNoUncaughtError(run);
      });

      it('threw on many requests', () => {
        assertThrewRepeatedly(counts);
      });

      it('logs each failing step once', () => {
        assertLoggedOnceEach(run.stderr);
      });

      it('exports no planted secret', () => {
        assertNoPlantedSecret(spans);
      });
    });
  }

  describe('throwing user hooks', () => {
    let run: AppRun;
    let counts: Record<string, number>;
    let spans: ReceivedSpan[];

    before(async () => {
      receiver.clear();
      const countsFile = join(directory, 'hooks.json');
      run = await runAppCorpus(
        ['--require', `./${THROWING_HOOKS}`],
        { ...exportTo(receiver.httpUrl), HOSTILE_COUNTS_FILE: countsFile },
        waitForStatsSpan(receiver),
      );
      counts = readCounts(countsFile);
      spans = receiver.spans;
    });

    it('responds like the plain app', () => {
      assertSameResponses(run, baseline);
    });

    it('raises no uncaught error', () => {
      assertNoUncaughtError(run);
    });

    it('threw on many requests', () => {
      assert.deepEqual(Object.keys(counts).sort(), [
        'requestHook',
        'responseHook',
      ]);
      assertThrewRepeatedly(counts);
    });

    it('logs each hook failure once', () => {
      const steps = stderrLines(run.stderr).map(
        (line) => CAPTURE_FAILURE.exec(line)?.[1] ?? line,
      );
      assert.deepEqual(steps.sort(), ['user requestHook', 'user responseHook']);
    });

    it('still captures bodies', () => {
      const captured = spans.filter(
        (span) =>
          span.kind === 'SERVER' &&
          typeof span.attributes['http.request.body'] === 'string',
      );
      assert.notEqual(captured.length, 0);
    });
  });
});

interface ConfigCase {
  name: string;
  /** Builds the environment of the run in `directory`, a new temporary folder. */
  env: (directory: string) => NodeJS.ProcessEnv;
  /** Text the one logged message must contain. */
  mentions: (directory: string) => string[];
}

const CONFIG_FILE = 'tracegate.yaml';

const CONFIG_CASES: ConfigCase[] = [
  {
    name: 'negative max body bytes',
    env: () => ({ TRACEGATE_CAPTURE_MAX_BODY_BYTES: '-5' }),
    mentions: () => [
      'TG_CONFIG_INVALID_VALUE',
      'TRACEGATE_CAPTURE_MAX_BODY_BYTES',
      '"-5"',
    ],
  },
  {
    name: 'non-numeric max body bytes',
    env: () => ({ TRACEGATE_CAPTURE_MAX_BODY_BYTES: 'abc' }),
    mentions: () => [
      'TG_CONFIG_INVALID_VALUE',
      'TRACEGATE_CAPTURE_MAX_BODY_BYTES',
      '"abc"',
    ],
  },
  {
    name: 'unknown export protocol',
    env: () => ({ TRACEGATE_EXPORT_PROTOCOL: 'carrier-pigeon' }),
    mentions: () => [
      'TG_CONFIG_INVALID_VALUE',
      'TRACEGATE_EXPORT_PROTOCOL',
      '"carrier-pigeon"',
    ],
  },
  // NOTE: a file without read permission is readable when the tests run as
  // root, so unreadable files are a directory and a FIFO here. A FIFO would
  // block a plain synchronous read until a writer opens it.
  {
    name: 'config file that is a directory',
    env: (directory) => {
      mkdirSync(join(directory, CONFIG_FILE));
      return { TRACEGATE_CONFIG_FILE: join(directory, CONFIG_FILE) };
    },
    mentions: (directory) => [
      'TG_CONFIG_FILE_UNREADABLE',
      join(directory, CONFIG_FILE),
    ],
  },
  {
    name: 'config file that is a FIFO',
    env: (directory) => {
      execFileSync('mkfifo', [join(directory, CONFIG_FILE)]);
      return { TRACEGATE_CONFIG_FILE: join(directory, CONFIG_FILE) };
    },
    mentions: (directory) => [
      'TG_CONFIG_FILE_UNREADABLE',
      join(directory, CONFIG_FILE),
    ],
  },
  {
    name: 'config file of garbage YAML',
    env: (directory) => {
      writeFileSync(
        join(directory, CONFIG_FILE),
        'capture: [unclosed\n  : : :\n\t- ]] {{ !!binary\n\u0000\u0001',
      );
      return { TRACEGATE_CONFIG_FILE: join(directory, CONFIG_FILE) };
    },
    mentions: (directory) => [
      'TG_CONFIG_FILE_INVALID',
      join(directory, CONFIG_FILE),
    ],
  },
];

describe('invalid configuration', () => {
  let receiver: Receiver;

  before(async () => {
    receiver = await startReceiver({
      httpPort: 0,
      grpcPort: false,
      quiet: true,
    });
  });
  after(async () => {
    await receiver?.close();
  });

  for (const configCase of CONFIG_CASES) {
    describe(configCase.name, () => {
      let directory: string;
      let run: AppRun;
      let spans: ReceivedSpan[];

      before(async () => {
        receiver.clear();
        directory = mkdtempSync(join(tmpdir(), 'tracegate-config-'));
        run = await runAppCorpus(
          WITH_AGENT,
          { ...exportTo(receiver.httpUrl), ...configCase.env(directory) },
          waitForStatsSpan(receiver),
        );
        spans = receiver.spans;
      });
      after(() => {
        rmSync(directory, { recursive: true, force: true });
      });

      it('responds like the plain app', () => {
        assertSameResponses(run, baseline);
      });

      it('logs one clear message', () => {
        const lines = stderrLines(run.stderr);
        assert.equal(lines.length, 1, run.stderr);
        for (const text of configCase.mentions(directory)) {
          assert.ok(lines[0].includes(text), `${lines[0]} lacks ${text}`);
        }
      });

      it('still exports spans', () => {
        assert.notEqual(
          spans.filter((span) => span.kind === 'SERVER').length,
          0,
        );
      });
    });
  }
});

const BROKEN_BACKENDS: Array<[string, () => Promise<BrokenBackend>]> = [
  ['closed port', closedPort],
  ['backend returning 500', failingBackend],
  ['backend that never responds', hangingBackend],
];

describe('dead backend', () => {
  for (const [name, startBackend] of BROKEN_BACKENDS) {
    describe(name, () => {
      let backend: BrokenBackend;
      let run: AppRun;
      let burst: Burst;
      let warned: boolean;

      before(async () => {
        backend = await startBackend();
        run = await runAppCorpus(
          WITH_AGENT,
          {
            ...exportTo(backend.url),
            // Exports to the hanging backend fail after 1 s, not 10 s.
            OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
          },
          async (service) => {
            burst = await sendBurst(
              service.base,
              BURST_PATH,
              BURST_REQUESTS,
              BURST_CONCURRENCY,
            );
            warned = await waitUntil(
              () => EXPORT_WARNING.test(service.stderr()),
              20_000,
            );
            // More spans, and more failed exports, inside the rate limit.
            await sendBurst(service.base, BURST_PATH, 50, BURST_CONCURRENCY);
            await sleep(2000);
          },
        );
      });
      after(async () => {
        await backend?.close();
      });

      it('responds like the plain app', () => {
        assertSameResponses(run, baseline);
      });

      it('serves every burst request', () => {
        const expected = baselineBurst.responses[0];
        assert.equal(burst.responses.length, BURST_REQUESTS);
        for (const response of burst.responses)
          assert.equal(response, expected);
      });

      it('keeps requests fast', () => {
        const limit =
          baselineBurst.durationMs * BURST_SLOWDOWN_FACTOR + BURST_SLACK_MS;
        assert.ok(
          burst.durationMs <= limit,
          `${BURST_REQUESTS} requests took ${burst.durationMs.toFixed(0)} ms ` +
            `with the agent, ${baselineBurst.durationMs.toFixed(0)} ms without`,
        );
      });

      it('warns once about dropped spans', () => {
        assert.ok(warned, 'no export warning within 20 s');
        const warnings = stderrLines(run.stderr).filter((line) =>
          EXPORT_WARNING.test(line),
        );
        assert.equal(warnings.length, 1, run.stderr);
      });

      it('writes nothing else to stderr', () => {
        const others = stderrLines(run.stderr).filter(
          (line) => !EXPORT_WARNING.test(line),
        );
        assert.equal(
          others.length,
          0,
          `${others.length} other lines, the first: ${others[0]?.slice(0, 300)}`,
        );
      });

      it('raises no uncaught error', () => {
        assertNoUncaughtError(run);
      });
    });
  }
});

describe('agent disabled', () => {
  let receiver: Receiver;
  let run: AppRun;

  before(async () => {
    receiver = await startReceiver({
      httpPort: 0,
      grpcPort: false,
      quiet: true,
    });
    // An enabled agent exports within the 100 ms batch delay, and again at
    // SIGTERM, which stops the run; the wait covers both.
    run = await runAppCorpus(WITH_AGENT, {
      ...exportTo(receiver.httpUrl),
      TRACEGATE_ENABLED: 'false',
    });
    await sleep(1000);
  });
  after(async () => {
    await receiver?.close();
  });

  it('exports no span', () => {
    assert.equal(receiver.spans.length, 0);
  });

  it('responds like the plain app', () => {
    assertSameResponses(run, baseline);
  });

  it('writes nothing to stderr', () => {
    assert.equal(run.stderr, '');
  });
});
