import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import {
  CONFIG_KEYS,
  DEFAULT_CONFIG,
  loadConfig,
  MAX_CONFIG_FILE_BYTES,
  MAX_EXPLICIT_KEY_INDICATORS,
  MAX_FLOW_INDICATORS,
  MAX_REPORTED_PROBLEMS,
} from '../src/config';
import type { TracegateConfig } from '../src/config';
import { useConfigSandbox } from './support/config-sandbox';

const sandbox = useConfigSandbox();
const { warnings } = sandbox;

function writeFile(content: string, name = 'tracegate.yaml'): string {
  return sandbox.writeFile(content, name);
}

/** Calls loadConfig with input that its types forbid. */
function loadUntyped(options: unknown, env: unknown = {}) {
  return loadConfig(
    options as Parameters<typeof loadConfig>[0],
    env as NodeJS.ProcessEnv,
  );
}

function valueAt(config: TracegateConfig, key: string): unknown {
  let value: unknown = config;
  for (const segment of key.split('.')) {
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function assertPrototypeClean(): void {
  const probe: Record<string, unknown> = {};
  assert.equal(probe.polluted, undefined);
  assert.equal(probe.maxBodyBytes, undefined);
  assert.equal(
    Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'),
    false,
  );
}

void describe('loadConfig hostile arguments', () => {
  const badOptions: Array<[string, unknown]> = [
    ['number', 42],
    ['string', 'enabled=false'],
    ['boolean', true],
    ['array', [{ enabled: false }]],
    ['function', () => ({ enabled: false })],
    ['symbol', Symbol('options')],
    ['bigint', 10n],
  ];

  for (const [name, options] of badOptions) {
    void it(`options as ${name}`, () => {
      const { config, problems } = loadUntyped(options);
      assert.equal(problems.length, 1);
      assert.equal(problems[0]?.code, 'TG_CONFIG_INVALID_ARGUMENT');
      assert.equal(problems[0]?.key, 'options');
      assert.deepEqual(config, DEFAULT_CONFIG);
    });
  }

  void it('env as a string reads process.env', () => {
    const { problems } = loadUntyped({}, 'TRACEGATE_ENABLED=false');
    assert.equal(problems[0]?.code, 'TG_CONFIG_INVALID_ARGUMENT');
    assert.equal(problems[0]?.key, 'env');
    assert.ok(problems[0]?.message.includes('process.env is read instead'));
  });

  void it('env proxy that throws', () => {
    const env = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys');
        },
      },
    );
    const { problems } = loadUntyped({}, env);
    assert.equal(problems[0]?.code, 'TG_CONFIG_INVALID_ARGUMENT');
    assert.ok(problems[0]?.message.includes('could not be read'));
  });

  void it('env value that is not a string', () => {
    const { config, problems } = loadUntyped({}, { TRACEGATE_ENABLED: false });
    assert.equal(problems.length, 1);
    assert.ok(problems[0]?.message.includes('must be strings'));
    assert.equal(config.enabled, true);
  });

  void it('options proxy that throws', () => {
    const options = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys');
        },
      },
    );
    const { config, problems } = loadUntyped(options);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.code, 'TG_CONFIG_INVALID_VALUE');
    assert.deepEqual(config, DEFAULT_CONFIG);
  });

  void it('throwing getter spares other keys', () => {
    const options = {
      logLevel: 'error',
      get capture(): never {
        throw new Error('getter');
      },
    };
    const { config, problems } = loadUntyped(options);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.key, 'capture');
    assert.ok(problems[0]?.message.includes('reading it threw'));
    assert.equal(config.logLevel, 'error');
  });

  void it('throwing configFile getter', () => {
    const fromEnv = writeFile('serviceName: env-file\n');
    const options = {
      logLevel: 'error',
      get configFile(): never {
        throw new Error('getter');
      },
    };
    const { config, problems } = loadUntyped(options, {
      TRACEGATE_CONFIG_FILE: fromEnv,
    });
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.key, 'configFile');
    assert.ok(problems[0]?.message.includes('could not be read'));
    assert.equal(config.serviceName, 'env-file');
    assert.equal(config.logLevel, 'error');
  });

  void it('array proxy that throws', () => {
    const contentTypes = new Proxy(['text/plain'], {
      get() {
        throw new Error('trap');
      },
    });
    const { config, problems } = loadUntyped({ capture: { contentTypes } });
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.key, 'capture.contentTypes');
    assert.deepEqual(
      config.capture.contentTypes,
      DEFAULT_CONFIG.capture.contentTypes,
    );
  });

  void it('cyclic options', () => {
    const capture: Record<string, unknown> = { server: false };
    const options: Record<string, unknown> = { capture };
    capture.self = options;
    const { config, problems } = loadUntyped(options);
    assert.equal(config.capture.server, false);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.key, 'capture.self');
  });

  void it('garbage at every key never throws', () => {
    const garbage: unknown[] = [
      Number.NaN,
      -Infinity,
      {},
      [],
      [[]],
      () => 1,
      Symbol('x'),
      10n,
      new Date(0),
      new Map([['a', 'b']]),
      Object.create(null),
      'x'.repeat(1000),
    ];
    for (const spec of CONFIG_KEYS) {
      for (const value of garbage) {
        const segments = spec.key.split('.');
        let options: unknown = value;
        for (const segment of [...segments].reverse()) {
          options = { [segment]: options };
        }
        const { config, problems } = loadUntyped(options);
        assert.ok(problems.length <= 1, spec.key);
        if (problems.length === 1) {
          assert.deepEqual(
            valueAt(config, spec.key),
            valueAt(DEFAULT_CONFIG, spec.key),
            spec.key,
          );
        }
      }
    }
  });
});

void describe('loadConfig hostile files', () => {
  void it('50 MB file is not read', () => {
    const path = join(sandbox.dir(), 'huge.yaml');
    const fd = openSync(path, 'w');
    // A sparse file: its size is 50 MB without writing 50 MB.
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const { problems } = loadConfig({ configFile: path }, {});
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.code, 'TG_CONFIG_FILE_TOO_LARGE');
  });

  void it('file one byte over the limit', () => {
    const path = writeFile('#'.repeat(MAX_CONFIG_FILE_BYTES) + '\n');
    const { problems } = loadConfig({ configFile: path }, {});
    assert.equal(problems[0]?.code, 'TG_CONFIG_FILE_TOO_LARGE');
  });

  void it('file at the limit loads', () => {
    const header = 'logLevel: info\n#';
    const padding = 'x'.repeat(MAX_CONFIG_FILE_BYTES - header.length);
    const path = writeFile(header + padding);
    const { config, problems } = loadConfig({ configFile: path }, {});
    assert.equal(problems.length, 0);
    assert.equal(config.logLevel, 'info');
  });

  void it('alias bomb', () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level <= 9; level += 1) {
      const refs = new Array(9).fill(`*a${level - 1}`).join(', ');
      lines.push(`a${level}: &a${level} [${refs}]`);
    }
    const path = writeFile(lines.join('\n'));
    const { problems } = loadConfig({ configFile: path }, {});
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.code, 'TG_CONFIG_FILE_INVALID');
    assert.ok(problems[0]?.message.includes('alias'), problems[0]?.message);
  });

  void it('deeply nested flow collections', () => {
    const path = writeFile('['.repeat(10_000));
    const { problems } = loadConfig({ configFile: path }, {});
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.code, 'TG_CONFIG_FILE_INVALID');
  });

  void it('unclosed flow mappings fail fast', () => {
    // Without the limit, yaml 2.9.1 spends minutes on these 400 bytes.
    const path = writeFile('{'.repeat(400));
    const started = performance.now();
    const { problems } = loadConfig({ configFile: path }, {});
    const elapsed = performance.now() - started;
    assert.equal(problems[0]?.code, 'TG_CONFIG_FILE_INVALID');
    assert.ok(
      problems[0]?.message.includes(`limit of ${MAX_FLOW_INDICATORS}`),
      problems[0]?.message,
    );
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
  });

  void it('nested explicit keys fail fast', () => {
    const path = writeFile('? '.repeat(600));
    const started = performance.now();
    const { problems } = loadConfig({ configFile: path }, {});
    const elapsed = performance.now() - started;
    assert.equal(problems[0]?.code, 'TG_CONFIG_FILE_INVALID');
    assert.ok(
      problems[0]?.message.includes(`limit of ${MAX_EXPLICIT_KEY_INDICATORS}`),
    );
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
  });

  void it('flow characters at the limit load', () => {
    const comment = `# ${'['.repeat(MAX_FLOW_INDICATORS - 2)}\n`;
    const atLimit = writeFile(`${comment}logLevel: [info]\n`, 'a.yaml');
    const { problems } = loadConfig({ configFile: atLimit }, {});
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.code, 'TG_CONFIG_INVALID_VALUE');
    const overLimit = writeFile(`${comment}[[[\n`, 'b.yaml');
    const over = loadConfig({ configFile: overLimit }, {}).problems;
    assert.equal(over[0]?.code, 'TG_CONFIG_FILE_INVALID');
  });

  void it('collection keys print no process warning', async () => {
    const emitted: Error[] = [];
    const listener = (warning: Error): void => {
      emitted.push(warning);
    };
    process.on('warning', listener);
    try {
      const path = writeFile('[a, b]: 1\n');
      const { problems } = loadConfig({ configFile: path }, {});
      await nextTurn();
      assert.equal(problems.length, 1);
      assert.equal(emitted.length, 0);
    } finally {
      process.off('warning', listener);
    }
  });
});

void describe('loadConfig prototype pollution', () => {
  void it('__proto__ keys in YAML', () => {
    const path = writeFile(
      [
        '__proto__:',
        '  polluted: yes',
        'capture:',
        '  __proto__:',
        '    maxBodyBytes: 1',
        'export:',
        '  headers:',
        '    __proto__: x',
      ].join('\n'),
    );
    const { config, problems } = loadConfig({ configFile: path }, {});
    assertPrototypeClean();
    assert.equal(
      config.capture.maxBodyBytes,
      DEFAULT_CONFIG.capture.maxBodyBytes,
    );
    assert.equal(Object.getPrototypeOf(config), Object.prototype);
    assert.deepEqual(
      problems.map((problem) => problem.key),
      ['__proto__', 'capture.__proto__', 'export.headers'],
    );
  });

  void it('__proto__ keys in parsed JSON options', () => {
    const options: unknown = JSON.parse(
      '{"__proto__": {"polluted": true}, "capture": {"__proto__": {"maxBodyBytes": 1}}, "export": {"headers": {"__proto__": "x"}}}',
    );
    const { config, problems } = loadUntyped(options);
    assertPrototypeClean();
    assert.equal(
      config.capture.maxBodyBytes,
      DEFAULT_CONFIG.capture.maxBodyBytes,
    );
    assert.equal(config.export.headers, undefined);
    assert.equal(problems.length, 3);
  });

  void it('__proto__ header name in env', () => {
    const env = { TRACEGATE_EXPORT_HEADERS: '__proto__=x,constructor=y' };
    const { config, problems } = loadConfig({}, env);
    assertPrototypeClean();
    assert.equal(problems.length, 1);
    assert.equal(config.export.headers, undefined);
  });

  void it('constructor and prototype keys are unknown', () => {
    const path = writeFile('constructor: 1\nprototype: 2\ntoString: 3\n');
    const { problems } = loadConfig({ configFile: path }, {});
    assert.equal(problems.length, 3);
    for (const problem of problems) {
      assert.equal(problem.code, 'TG_CONFIG_UNKNOWN_KEY');
    }
  });

  void it('polluted Object.prototype adds no settings', () => {
    const proto = Object.prototype as Record<string, unknown>;
    const pollutedGroup = { maxBodyBytes: 1 };
    proto.enabled = false;
    proto.capture = pollutedGroup;
    proto.TRACEGATE_LOG_LEVEL = 'all';
    proto.configFile = join(sandbox.dir(), 'absent.yaml');
    try {
      const { config, problems } = loadConfig({}, {});
      assert.equal(config.enabled, true);
      assert.equal(config.logLevel, 'warn');
      assert.ok(Object.hasOwn(config, 'capture'));
      assert.deepEqual(pollutedGroup, { maxBodyBytes: 1 });
      assert.equal(problems.length, 0);
    } finally {
      delete proto.enabled;
      delete proto.capture;
      delete proto.TRACEGATE_LOG_LEVEL;
      delete proto.configFile;
    }
  });
});

void describe('loadConfig bounded output', () => {
  void it('huge value is cut in the message', () => {
    const huge = 'x'.repeat(10_000_000);
    const { problems } = loadUntyped({ capture: { maxBodyBytes: huge } });
    assert.equal(problems.length, 1);
    assert.ok((problems[0]?.message.length ?? 0) < 1000);
    assert.ok(problems[0]?.message.includes('10000000 characters'));
  });

  void it('huge unknown key name gets no suggestion', () => {
    const name = 'maxBodyBytes'.repeat(100_000);
    const { problems } = loadUntyped({ capture: { [name]: 1 } });
    assert.equal(problems.length, 1);
    assert.ok((problems[0]?.message.length ?? 0) < 1000);
    assert.ok(!problems[0]?.message.includes('Did you mean'));
  });

  void it('problems stop at the limit', () => {
    const options: Record<string, number> = {};
    const extra = 50;
    for (let index = 0; index < MAX_REPORTED_PROBLEMS + extra; index += 1) {
      options[`unknown${index}`] = index;
    }
    const { problems } = loadUntyped(options);
    assert.equal(problems.length, MAX_REPORTED_PROBLEMS + 1);
    assert.equal(warnings.length, MAX_REPORTED_PROBLEMS + 1);
    const summary = problems[problems.length - 1];
    assert.equal(summary?.code, 'TG_CONFIG_TOO_MANY_PROBLEMS');
    assert.equal(summary?.value, String(extra));
  });

  void it('throwing diag logger does not escape', () => {
    const ignore = (): void => undefined;
    const explode = (): never => {
      throw new Error('logger failed');
    };
    diag.setLogger(
      {
        warn: explode,
        error: ignore,
        info: ignore,
        debug: ignore,
        verbose: ignore,
      },
      { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
    );
    const { problems } = loadConfig({ logLevel: 'loud' as never }, {});
    assert.equal(problems.length, 1);
  });
});
