import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfigProblem, TracegateConfig } from '../src/config';
import { DEFAULT_CONFIG, loadConfig } from '../src/config';
import { useConfigSandbox } from './support/config-sandbox';

const sandbox = useConfigSandbox();
const { warnings } = sandbox;

function writeYaml(text: string): string {
  return sandbox.writeFile(text);
}

/** Loads the configuration and asserts exactly one problem and one warning. */
function loadOneProblem(
  options: unknown,
  env: Record<string, string>,
): { config: TracegateConfig; problem: ConfigProblem } {
  const { config, problems } = loadConfig(
    options as Parameters<typeof loadConfig>[0],
    env,
  );
  assert.equal(problems.length, 1, JSON.stringify(problems));
  assert.equal(warnings.length, 1, JSON.stringify(warnings));
  const [problem] = problems;
  assert.ok(problem);
  assert.ok(warnings[0]?.includes('@tracegate/agent'));
  assert.ok(warnings[0]?.includes(`${problem.code}: ${problem.message}`));
  return { config, problem };
}

function valueAt(config: TracegateConfig, key: string): unknown {
  let value: unknown = config;
  for (const segment of key.split('.')) {
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

interface InvalidCase {
  name: string;
  key: string;
  options?: unknown;
  env?: Record<string, string>;
  source: 'env' | 'options';
  shown: string;
  accepted: string;
  fallback: string;
}

const INVALID_CASES: InvalidCase[] = [
  {
    name: 'boolean env word',
    key: 'capture.requestBody',
    env: { TRACEGATE_CAPTURE_REQUEST_BODY: 'maybe' },
    source: 'env',
    shown: '"maybe"',
    accepted: 'yes, no, on, off',
    fallback: 'Keeping capture of request bodies enabled (the default)',
  },
  {
    name: 'boolean options string',
    key: 'capture.responseBody',
    options: { capture: { responseBody: 'false' } },
    source: 'options',
    shown: '"false"',
    accepted: 'Expected true or false.',
    fallback: 'Keeping capture of response bodies enabled (the default)',
  },
  {
    name: 'boolean options number',
    key: 'export.metrics',
    options: { export: { metrics: 1 } },
    source: 'options',
    shown: ': 1.',
    accepted: 'Expected true or false.',
    fallback: 'Keeping metrics export disabled (the default)',
  },
  {
    name: 'integer env negative',
    key: 'capture.maxBodyBytes',
    env: { TRACEGATE_CAPTURE_MAX_BODY_BYTES: '-5' },
    source: 'env',
    shown: '"-5"',
    accepted: 'an integer from 0 to 16777216 (bytes)',
    fallback: 'Using the default 131072',
  },
  {
    name: 'integer env exponent',
    key: 'capture.maxBodyBytes',
    env: { TRACEGATE_CAPTURE_MAX_BODY_BYTES: '1e3' },
    source: 'env',
    shown: '"1e3"',
    accepted: 'an integer from 0 to 16777216',
    fallback: 'Using the default 131072',
  },
  {
    name: 'integer env unit suffix',
    key: 'capture.maxBodyBytes',
    env: { TRACEGATE_CAPTURE_MAX_BODY_BYTES: '12kb' },
    source: 'env',
    shown: '"12kb"',
    accepted: 'an integer from 0 to 16777216',
    fallback: 'Using the default 131072',
  },
  {
    name: 'integer env over limit',
    key: 'capture.maxBodyBytes',
    env: { TRACEGATE_CAPTURE_MAX_BODY_BYTES: '16777217' },
    source: 'env',
    shown: '"16777217"',
    accepted: 'an integer from 0 to 16777216',
    fallback: 'Using the default 131072',
  },
  {
    name: 'integer options string',
    key: 'capture.maxBodyBytes',
    options: { capture: { maxBodyBytes: '12' } },
    source: 'options',
    shown: '"12"',
    accepted: 'an integer from 0 to 16777216 (bytes)',
    fallback: 'Using the default 131072',
  },
  {
    name: 'integer options negative',
    key: 'capture.maxBodyBytes',
    options: { capture: { maxBodyBytes: -5 } },
    source: 'options',
    shown: ': -5.',
    accepted: 'an integer from 0 to 16777216 (bytes)',
    fallback: 'Using the default 131072',
  },
  {
    name: 'integer options fraction',
    key: 'capture.maxBodyBytes',
    options: { capture: { maxBodyBytes: 1.5 } },
    source: 'options',
    shown: ': 1.5.',
    accepted: 'an integer from 0 to 16777216',
    fallback: 'Using the default 131072',
  },
  {
    name: 'integer options NaN',
    key: 'capture.maxBodyBytes',
    options: { capture: { maxBodyBytes: Number.NaN } },
    source: 'options',
    shown: ': NaN.',
    accepted: 'an integer from 0 to 16777216',
    fallback: 'Using the default 131072',
  },
  {
    name: 'enum env unknown word',
    key: 'logLevel',
    env: { TRACEGATE_LOG_LEVEL: 'loud' },
    source: 'env',
    shown: '"loud"',
    accepted: 'one of none, error, warn, info, debug, verbose, all',
    fallback: 'Using the default warn',
  },
  {
    name: 'enum options unset default',
    key: 'export.protocol',
    options: { export: { protocol: 'http' } },
    source: 'options',
    shown: '"http"',
    accepted: 'one of http/protobuf, grpc, http/json',
    fallback: 'Leaving export.protocol unset',
  },
  {
    name: 'enum OTEL_LOG_LEVEL',
    key: 'logLevel',
    env: { OTEL_LOG_LEVEL: 'chatty' },
    source: 'env',
    shown: '"chatty"',
    accepted: 'one of none, error',
    fallback: 'Using the default warn',
  },
  {
    name: 'string options blank',
    key: 'serviceName',
    options: { serviceName: '   ' },
    source: 'options',
    shown: '"   "',
    accepted: 'a non-empty string',
    fallback: 'Leaving serviceName unset',
  },
  {
    name: 'string options number',
    key: 'serviceName',
    options: { serviceName: 42 },
    source: 'options',
    shown: ': 42.',
    accepted: 'a non-empty string',
    fallback: 'Leaving serviceName unset',
  },
  {
    name: 'list env bad entry',
    key: 'capture.contentTypes',
    env: { TRACEGATE_CAPTURE_CONTENT_TYPES: 'application/json, foo' },
    source: 'env',
    shown: 'entry 2, "foo", is not a valid media range',
    accepted: 'a comma-separated list of media ranges',
    fallback: 'Using the default [application/json, application/*+json',
  },
  {
    name: 'list options wildcard type',
    key: 'capture.contentTypes',
    options: { capture: { contentTypes: ['*/*'] } },
    source: 'options',
    shown: 'entry 1, "*/*", is not a valid media range',
    accepted: 'a list of media ranges',
    fallback: 'Using the default [application/json',
  },
  {
    name: 'list options string',
    key: 'redaction.sensitiveKeys',
    options: { redaction: { sensitiveKeys: 'ssn' } },
    source: 'options',
    shown: '"ssn"',
    accepted: 'a list of field names',
    fallback: 'Using the default []',
  },
  {
    name: 'list options bad header name',
    key: 'redaction.sensitiveHeaders',
    options: { redaction: { sensitiveHeaders: ['x-ok', 'bad header'] } },
    source: 'options',
    shown: 'entry 2, "bad header", is not a valid header name',
    accepted: 'a list of header names',
    fallback: 'Using the default []',
  },
  {
    name: 'list options non-string entry',
    key: 'redaction.sensitiveKeys',
    options: { redaction: { sensitiveKeys: ['ssn', 7] } },
    source: 'options',
    shown: 'entry 2, 7, is not a valid field name',
    accepted: 'a list of field names',
    fallback: 'Using the default []',
  },
  {
    name: 'url env wrong scheme',
    key: 'export.endpoint',
    env: { TRACEGATE_EXPORT_ENDPOINT: 'ftp://collector:21' },
    source: 'env',
    shown: '"ftp://collector:21"',
    accepted: 'an absolute http:// or https:// URL',
    fallback: 'Leaving export.endpoint unset',
  },
  {
    name: 'url options relative',
    key: 'export.endpoint',
    options: { export: { endpoint: 'collector:4318' } },
    source: 'options',
    shown: '"collector:4318',
    accepted: 'an absolute http:// or https:// URL',
    fallback: 'Leaving export.endpoint unset',
  },
  {
    name: 'headers options bad name',
    key: 'export.headers',
    options: { export: { headers: { 'bad name': 'v' } } },
    source: 'options',
    shown: '"bad name" is not a header name',
    accepted: 'a mapping of header names to single-line string values',
    fallback: 'Leaving export.headers unset',
  },
  {
    name: 'headers env missing equals',
    key: 'export.headers',
    env: { TRACEGATE_EXPORT_HEADERS: 'x-tenant=a,oops' },
    source: 'env',
    shown: 'pair 2 is not name=value',
    accepted: 'comma-separated name=value pairs',
    fallback: 'Leaving export.headers unset',
  },
];

void describe('loadConfig invalid values', () => {
  for (const testCase of INVALID_CASES) {
    void it(testCase.name, () => {
      const { config, problem } = loadOneProblem(
        testCase.options ?? {},
        testCase.env ?? {},
      );
      assert.equal(problem.code, 'TG_CONFIG_INVALID_VALUE');
      assert.equal(problem.key, testCase.key);
      assert.equal(problem.source, testCase.source);
      assert.ok(problem.message.includes(`Invalid value for ${testCase.key}`));
      assert.ok(problem.message.includes(testCase.shown), problem.message);
      assert.ok(problem.message.includes(testCase.accepted), problem.message);
      assert.ok(problem.message.includes(testCase.fallback), problem.message);
      assert.deepEqual(
        valueAt(config, testCase.key),
        valueAt(DEFAULT_CONFIG, testCase.key),
      );
    });
  }

  void it('env problem names the variable', () => {
    const env = { TRACEGATE_CAPTURE_MAX_BODY_BYTES: 'lots' };
    const { problem } = loadOneProblem({}, env);
    assert.ok(
      problem.message.includes(
        'environment variable TRACEGATE_CAPTURE_MAX_BODY_BYTES',
      ),
    );
    assert.equal(problem.value, '"lots"');
  });

  void it('options problem names the options', () => {
    const { problem } = loadOneProblem({ logLevel: 'loud' }, {});
    assert.ok(problem.message.includes('in loadConfig options'));
  });
});

void describe('loadConfig fallback to lower layer', () => {
  void it('keeps the file value and names it', () => {
    const configFile = writeYaml('capture:\n  maxBodyBytes: 4096\n');
    const { config, problem } = loadOneProblem(
      { configFile },
      { TRACEGATE_CAPTURE_MAX_BODY_BYTES: '-1' },
    );
    assert.equal(config.capture.maxBodyBytes, 4096);
    assert.ok(problem.message.includes(`Using 4096 from config file`));
    assert.ok(problem.message.includes(configFile));
  });

  void it('names a boolean kept disabled', () => {
    const configFile = writeYaml('capture:\n  requestBody: false\n');
    const { config, problem } = loadOneProblem(
      { configFile, capture: { requestBody: 'on' } },
      {},
    );
    assert.equal(config.capture.requestBody, false);
    assert.ok(
      problem.message.includes('Keeping capture of request bodies disabled'),
    );
  });

  void it('keeps the env value under bad options', () => {
    const { config, problem } = loadOneProblem(
      { logLevel: 7 },
      { TRACEGATE_LOG_LEVEL: 'error' },
    );
    assert.equal(config.logLevel, 'error');
    assert.ok(
      problem.message.includes(
        'Using error from environment variable TRACEGATE_LOG_LEVEL',
      ),
    );
  });

  void it('keeps OTEL_LOG_LEVEL under a bad TRACEGATE_LOG_LEVEL', () => {
    const env = { OTEL_LOG_LEVEL: 'debug', TRACEGATE_LOG_LEVEL: 'loud' };
    const { config, problem } = loadOneProblem({}, env);
    assert.equal(config.logLevel, 'debug');
    assert.ok(
      problem.message.includes('from environment variable OTEL_LOG_LEVEL'),
    );
  });

  void it('file problem carries the line', () => {
    const configFile = writeYaml('enabled: true\ncapture:\n  server: yes\n');
    const { config, problem } = loadOneProblem({ configFile }, {});
    assert.equal(problem.source, 'file');
    assert.ok(problem.message.includes(', line 3:'), problem.message);
    assert.equal(config.capture.server, true);
  });

  void it('invalid value leaves other keys applied', () => {
    const { config } = loadOneProblem(
      { capture: { maxBodyBytes: -1, decompress: false } },
      {},
    );
    assert.equal(config.capture.decompress, false);
  });

  void it('bad OTEL_SDK_DISABLED keeps the agent enabled', () => {
    const { config, problem } = loadOneProblem(
      {},
      { OTEL_SDK_DISABLED: 'yes' },
    );
    assert.equal(config.enabled, true);
    assert.equal(problem.key, 'enabled');
    assert.ok(problem.message.includes('OTEL_SDK_DISABLED'));
    assert.ok(problem.message.includes('Expected true or false'));
  });
});

void describe('loadConfig group values', () => {
  void it('group given as a number', () => {
    const { config, problem } = loadOneProblem(
      { capture: 5, enabled: false },
      {},
    );
    assert.equal(problem.key, 'capture');
    assert.ok(problem.message.includes('Expected a mapping with the keys'));
    assert.deepEqual(config.capture, DEFAULT_CONFIG.capture);
    assert.equal(config.enabled, false);
  });

  void it('group given as a YAML list', () => {
    const configFile = writeYaml('export:\n  - metrics\n');
    const { config, problem } = loadOneProblem({ configFile }, {});
    assert.equal(problem.key, 'export');
    assert.equal(problem.source, 'file');
    assert.deepEqual(config.export, DEFAULT_CONFIG.export);
  });
});

void describe('loadConfig configFile values', () => {
  void it('non-string option reads no file', () => {
    const { problem } = loadOneProblem({ configFile: 42 }, {});
    assert.equal(problem.key, 'configFile');
    assert.ok(problem.message.includes('Reading no configuration file'));
  });

  void it('non-string option falls back to env', () => {
    const configFile = writeYaml('serviceName: env-file\n');
    const { config, problem } = loadOneProblem(
      { configFile: '' },
      { TRACEGATE_CONFIG_FILE: configFile },
    );
    assert.equal(config.serviceName, 'env-file');
    assert.ok(problem.message.includes('from TRACEGATE_CONFIG_FILE instead'));
  });
});

void describe('loadConfig secrets in messages', () => {
  const secret = 's3cret-token';

  const cases: Array<{
    name: string;
    options?: unknown;
    env?: Record<string, string>;
  }> = [
    {
      name: 'header value not a string',
      options: { export: { headers: { authorization: [`Bearer ${secret}`] } } },
    },
    {
      name: 'header value with line break',
      options: { export: { headers: { authorization: `a\n${secret}` } } },
    },
    {
      name: 'headers given as a string',
      options: { export: { headers: `authorization=${secret}` } },
    },
    {
      name: 'headers given as a list',
      options: { export: { headers: [secret] } },
    },
    {
      name: 'headers env malformed',
      env: { TRACEGATE_EXPORT_HEADERS: `authorization=${secret},oops` },
    },
    {
      name: 'headers env bad percent-encoding',
      env: { TRACEGATE_EXPORT_HEADERS: `authorization=${secret}%E0%A4%A` },
    },
    {
      name: 'url with credentials',
      options: { export: { endpoint: `ftp://user:${secret}@host/` } },
    },
    {
      name: 'url with query',
      env: { TRACEGATE_EXPORT_ENDPOINT: `ftp://host/?key=${secret}` },
    },
    {
      name: 'export group given as a string',
      options: { export: `authorization=${secret}` },
    },
    {
      name: 'unknown key near headers',
      options: { export: { header: { authorization: secret } } },
    },
  ];

  for (const testCase of cases) {
    void it(testCase.name, () => {
      const { problem } = loadOneProblem(
        testCase.options ?? {},
        testCase.env ?? {},
      );
      assert.ok(!problem.message.includes(secret), problem.message);
      assert.ok(!problem.value.includes(secret), problem.value);
      assert.ok(!warnings.join('\n').includes(secret));
    });
  }

  void it('header names stay visible', () => {
    const { problem } = loadOneProblem(
      { export: { headers: { 'x-api-key': 5 } } },
      {},
    );
    assert.ok(problem.value.includes('x-api-key'), problem.value);
    assert.ok(problem.message.includes('the value of x-api-key'));
  });

  void it('kept headers print names only', () => {
    const configFile = writeYaml(
      `export:\n  headers:\n    authorization: ${secret}\n`,
    );
    const { config, problem } = loadOneProblem(
      { configFile },
      { TRACEGATE_EXPORT_HEADERS: 'broken' },
    );
    assert.equal(config.export.headers?.authorization, secret);
    assert.ok(problem.message.includes('header names [authorization]'));
    assert.ok(!problem.message.includes(secret));
  });
});

void describe('loadConfig accepted spellings', () => {
  void it('env booleans in any case', () => {
    const words: Array<[string, boolean]> = [
      [' YES ', true],
      ['On', true],
      ['1', true],
      ['TRUE', true],
      ['no', false],
      ['OFF', false],
      ['0', false],
      ['False', false],
    ];
    for (const [word, expected] of words) {
      const { config, problems } = loadConfig(
        {},
        { TRACEGATE_CAPTURE_DECOMPRESS: word },
      );
      assert.equal(problems.length, 0, word);
      assert.equal(config.capture.decompress, expected, word);
    }
  });

  void it('enum words are lower-cased', () => {
    const { config, problems } = loadConfig(
      { logLevel: 'DEBUG' as never, export: { protocol: 'GRPC' as never } },
      {},
    );
    assert.equal(problems.length, 0);
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.export.protocol, 'grpc');
  });

  void it('media ranges and header names are lower-cased', () => {
    const env = {
      TRACEGATE_CAPTURE_CONTENT_TYPES: ' Application/JSON ,,text/*',
      TRACEGATE_REDACTION_SENSITIVE_HEADERS: 'X-Api-Key',
    };
    const { config, problems } = loadConfig({}, env);
    assert.equal(problems.length, 0);
    assert.deepEqual(config.capture.contentTypes, [
      'application/json',
      'text/*',
    ]);
    assert.deepEqual(config.redaction.sensitiveHeaders, ['x-api-key']);
  });

  void it('suffix media range is accepted', () => {
    const { config, problems } = loadConfig(
      { capture: { contentTypes: ['application/*+cbor'] } },
      {},
    );
    assert.equal(problems.length, 0);
    assert.deepEqual(config.capture.contentTypes, ['application/*+cbor']);
  });

  void it('endpoint is trimmed', () => {
    const env = { TRACEGATE_EXPORT_ENDPOINT: ' https://[::1]:4318/base ' };
    const { config, problems } = loadConfig({}, env);
    assert.equal(problems.length, 0);
    assert.equal(config.export.endpoint, 'https://[::1]:4318/base');
  });

  void it('env headers are percent-decoded', () => {
    const env = {
      TRACEGATE_EXPORT_HEADERS: 'Authorization=Basic%20dTpw, x-a = b ',
    };
    const { config, problems } = loadConfig({}, env);
    assert.equal(problems.length, 0);
    assert.deepEqual(config.export.headers, {
      authorization: 'Basic dTpw',
      'x-a': 'b',
    });
  });

  void it('integer limits are inclusive', () => {
    for (const bytes of [0, 16777216]) {
      const { config, problems } = loadConfig(
        { capture: { maxBodyBytes: bytes } },
        {},
      );
      assert.equal(problems.length, 0);
      assert.equal(config.capture.maxBodyBytes, bytes);
    }
  });
});
