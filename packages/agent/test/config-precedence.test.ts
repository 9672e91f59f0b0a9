import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, loadConfig } from '../src/config';
import { useConfigSandbox } from './support/config-sandbox';

const sandbox = useConfigSandbox({ captureWarnings: false });

function writeYaml(text: string, name = 'tracegate.yaml'): string {
  return sandbox.writeFile(text, name);
}

void describe('loadConfig precedence', () => {
  void it('defaults without any input', () => {
    const { config, problems } = loadConfig({}, {});
    assert.deepEqual(config, DEFAULT_CONFIG);
    assert.equal(problems.length, 0);
  });

  void it('defaults match the documented values', () => {
    const { config } = loadConfig({}, {});
    assert.equal(config.enabled, true);
    assert.equal(config.serviceName, undefined);
    assert.equal(config.logLevel, 'warn');
    assert.equal(config.capture.maxBodyBytes, 131072);
    assert.equal(config.capture.contentTypes.length, 9);
    assert.ok(config.capture.contentTypes.includes('application/*+json'));
    assert.deepEqual(config.redaction.sensitiveHeaders, []);
    assert.equal(config.export.protocol, undefined);
    assert.equal(config.export.endpoint, undefined);
    assert.equal(config.export.headers, undefined);
    assert.equal(config.export.metrics, false);
    assert.equal(config.export.logs, false);
    assert.equal(config.instrumentations.fetch, true);
  });

  void it('each layer overrides the one below', () => {
    const configFile = writeYaml(
      [
        'serviceName: from-file',
        'logLevel: info',
        'capture:',
        '  maxBodyBytes: 1000',
        '  requestBody: false',
        '  responseBody: false',
        'export:',
        '  metrics: true',
      ].join('\n'),
    );

    const env = {
      TRACEGATE_CONFIG_FILE: configFile,
      TRACEGATE_LOG_LEVEL: 'debug',
      TRACEGATE_CAPTURE_MAX_BODY_BYTES: '2000',
      TRACEGATE_CAPTURE_REQUEST_BODY: 'yes',
    };
    const options = { capture: { maxBodyBytes: 3000 } };
    const { config, problems } = loadConfig(options, env);
    assert.equal(problems.length, 0);

    // Set only in the file.
    assert.equal(config.serviceName, 'from-file');
    assert.equal(config.capture.responseBody, false);
    assert.equal(config.export.metrics, true);

    // Set in the file and the environment.
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.capture.requestBody, true);

    // Set in all three layers.
    assert.equal(config.capture.maxBodyBytes, 3000);

    // Set nowhere.
    assert.equal(config.capture.decompress, DEFAULT_CONFIG.capture.decompress);
  });

  void it('options.configFile wins over TRACEGATE_CONFIG_FILE', () => {
    const fromOption = writeYaml('serviceName: option-file', 'a.yaml');
    const fromEnv = writeYaml('serviceName: env-file', 'b.yaml');
    const { config } = loadConfig(
      { configFile: fromOption },
      { TRACEGATE_CONFIG_FILE: fromEnv },
    );
    assert.equal(config.serviceName, 'option-file');
  });

  void it('relative configFile resolves against cwd', () => {
    const path = writeYaml('serviceName: relative');
    const { config, problems } = loadConfig(
      { configFile: relative(process.cwd(), path) },
      {},
    );
    assert.equal(problems.length, 0);
    assert.equal(config.serviceName, 'relative');
  });

  void it('arrays replace the lower list', () => {
    const configFile = writeYaml(
      'capture:\n  contentTypes: [application/json, text/plain]\n',
    );
    const fileOnly = loadConfig({ configFile }, {}).config;
    assert.deepEqual(fileOnly.capture.contentTypes, [
      'application/json',
      'text/plain',
    ]);
    const withEnv = loadConfig(
      { configFile },
      { TRACEGATE_CAPTURE_CONTENT_TYPES: 'text/csv' },
    ).config;
    assert.deepEqual(withEnv.capture.contentTypes, ['text/csv']);
  });

  void it('empty options list replaces the file list', () => {
    const configFile = writeYaml('redaction:\n  sensitiveKeys: [ssn]\n');
    const { config } = loadConfig(
      { configFile, redaction: { sensitiveKeys: [] } },
      {},
    );
    assert.deepEqual(config.redaction.sensitiveKeys, []);
  });

  void it('groups merge key by key', () => {
    const configFile = writeYaml('capture:\n  server: false\n');
    const { config } = loadConfig(
      { configFile, capture: { client: false } },
      {},
    );
    assert.equal(config.capture.server, false);
    assert.equal(config.capture.client, false);
    assert.equal(config.capture.requestHeaders, true);
  });

  void it('export.headers merge per header name', () => {
    const configFile = writeYaml(
      'export:\n  headers:\n    x-tenant: file\n    x-region: eu\n',
    );
    const env = { TRACEGATE_EXPORT_HEADERS: 'authorization=Bearer%20abc' };
    const options = { configFile, export: { headers: { 'X-Tenant': 'opt' } } };
    const { config, problems } = loadConfig(options, env);
    assert.equal(problems.length, 0);
    assert.deepEqual(config.export.headers, {
      'x-tenant': 'opt',
      'x-region': 'eu',
      authorization: 'Bearer abc',
    });
  });

  void it('OTEL_LOG_LEVEL sits between file and TRACEGATE_LOG_LEVEL', () => {
    const configFile = writeYaml('logLevel: error\n');
    const otelOnly = loadConfig({ configFile }, { OTEL_LOG_LEVEL: 'INFO' });
    assert.equal(otelOnly.config.logLevel, 'info');
    const both = loadConfig(
      { configFile },
      { OTEL_LOG_LEVEL: 'info', TRACEGATE_LOG_LEVEL: 'verbose' },
    );
    assert.equal(both.config.logLevel, 'verbose');
    const withOptions = loadConfig(
      { configFile, logLevel: 'none' },
      { OTEL_LOG_LEVEL: 'info' },
    );
    assert.equal(withOptions.config.logLevel, 'none');
  });

  void it('OTEL_SDK_DISABLED=true overrides every layer', () => {
    const env = { OTEL_SDK_DISABLED: 'TRUE', TRACEGATE_ENABLED: 'true' };
    const { config, problems } = loadConfig({ enabled: true }, env);
    assert.equal(config.enabled, false);
    assert.equal(problems.length, 0);
  });

  void it('OTEL_SDK_DISABLED=false leaves enabled alone', () => {
    const env = { OTEL_SDK_DISABLED: 'false', TRACEGATE_ENABLED: 'off' };
    const { config } = loadConfig({}, env);
    assert.equal(config.enabled, false);
    const enabled = loadConfig({}, { OTEL_SDK_DISABLED: 'false' }).config;
    assert.equal(enabled.enabled, true);
  });

  void it('empty environment value counts as unset', () => {
    const configFile = writeYaml('capture:\n  maxBodyBytes: 10\n');
    const env = {
      TRACEGATE_CAPTURE_MAX_BODY_BYTES: '  ',
      TRACEGATE_CAPTURE_CONTENT_TYPES: '',
    };
    const { config, problems } = loadConfig({ configFile }, env);
    assert.equal(problems.length, 0);
    assert.equal(config.capture.maxBodyBytes, 10);
    assert.deepEqual(
      config.capture.contentTypes,
      DEFAULT_CONFIG.capture.contentTypes,
    );
  });

  void it('null and undefined options keep lower values', () => {
    const configFile = writeYaml(
      'serviceName: kept\ncapture:\n  client: false\n',
    );
    const options = {
      configFile,
      serviceName: undefined,
      capture: { client: null },
    } as unknown as Parameters<typeof loadConfig>[0];
    const { config, problems } = loadConfig(options, {});
    assert.equal(problems.length, 0);
    assert.equal(config.serviceName, 'kept');
    assert.equal(config.capture.client, false);
  });

  void it('env argument defaults to process.env', () => {
    const name = 'TRACEGATE_SERVICE_NAME';
    const saved = process.env[name];
    process.env[name] = 'from-process-env';
    try {
      assert.equal(loadConfig().config.serviceName, 'from-process-env');
    } finally {
      if (saved === undefined) delete process.env[name];
      else process.env[name] = saved;
    }
  });

  void it('result shares no arrays with defaults or options', () => {
    const sensitiveKeys = ['token'];
    const { config } = loadConfig({ redaction: { sensitiveKeys } }, {});
    config.capture.contentTypes.push('image/png');
    config.redaction.sensitiveKeys.push('other');
    assert.equal(DEFAULT_CONFIG.capture.contentTypes.length, 9);
    assert.deepEqual(sensitiveKeys, ['token']);
    assert.ok(Object.isFrozen(DEFAULT_CONFIG.capture.contentTypes));
  });
});
