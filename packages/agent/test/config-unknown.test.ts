import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, loadConfig } from '../src/config';
import { useConfigSandbox } from './support/config-sandbox';

const sandbox = useConfigSandbox();
const { warnings } = sandbox;

function writeYaml(text: string): string {
  return sandbox.writeFile(text);
}

void describe('loadConfig unknown YAML keys', () => {
  void it('misspelt nested key gets a suggestion', () => {
    const configFile = writeYaml('capture:\n  maxBodyByte: 10\n');
    const { config, problems } = loadConfig({ configFile }, {});
    assert.equal(problems.length, 1);
    const [problem] = problems;
    assert.equal(problem?.code, 'TG_CONFIG_UNKNOWN_KEY');
    assert.equal(problem?.key, 'capture.maxBodyByte');
    assert.equal(problem?.source, 'file');
    assert.ok(problem?.message.includes('Unknown key capture.maxBodyByte'));
    assert.ok(problem?.message.includes('line 2'));
    assert.ok(problem?.message.includes('Did you mean capture.maxBodyBytes?'));
    assert.equal(
      config.capture.maxBodyBytes,
      DEFAULT_CONFIG.capture.maxBodyBytes,
    );
  });

  void it('snake_case key gets the camelCase name', () => {
    const configFile = writeYaml('capture:\n  max_body_bytes: 10\n');
    const [problem] = loadConfig({ configFile }, {}).problems;
    assert.ok(problem?.message.includes('Did you mean capture.maxBodyBytes?'));
  });

  void it('key in the wrong group gets its full path', () => {
    const configFile = writeYaml('endpoint: http://127.0.0.1:4318\n');
    const [problem] = loadConfig({ configFile }, {}).problems;
    assert.equal(problem?.key, 'endpoint');
    assert.ok(problem?.message.includes('Did you mean export.endpoint?'));
  });

  void it('unrelated key gets no suggestion', () => {
    const configFile = writeYaml('sampling: 0.5\n');
    const [problem] = loadConfig({ configFile }, {}).problems;
    assert.equal(problem?.code, 'TG_CONFIG_UNKNOWN_KEY');
    assert.ok(!problem?.message.includes('Did you mean'), problem?.message);
  });

  void it('unknown group is reported once', () => {
    const configFile = writeYaml('sampler:\n  ratio: 0.5\n  kind: x\n');
    const { problems } = loadConfig({ configFile }, {});
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.key, 'sampler');
  });

  void it('known keys of the file still apply', () => {
    const configFile = writeYaml('serviceName: shop\nservce: typo\n');
    const { config, problems } = loadConfig({ configFile }, {});
    assert.equal(config.serviceName, 'shop');
    assert.equal(problems.length, 1);
  });

  void it('configFile inside the file is unknown', () => {
    const configFile = writeYaml('configFile: other.yaml\n');
    const [problem] = loadConfig({ configFile }, {}).problems;
    assert.equal(problem?.code, 'TG_CONFIG_UNKNOWN_KEY');
    assert.equal(problem?.key, 'configFile');
  });
});

void describe('loadConfig unknown TRACEGATE_ variables', () => {
  void it('misspelt variable gets a suggestion', () => {
    const env = { TRACEGATE_CAPTURE_MAX_BODY: '10' };
    const { config, problems } = loadConfig({}, env);
    assert.equal(problems.length, 1);
    const [problem] = problems;
    assert.equal(problem?.code, 'TG_CONFIG_UNKNOWN_KEY');
    assert.equal(problem?.key, 'TRACEGATE_CAPTURE_MAX_BODY');
    assert.equal(problem?.source, 'env');
    assert.ok(
      problem?.message.includes(
        'Did you mean TRACEGATE_CAPTURE_MAX_BODY_BYTES?',
      ),
    );
    assert.equal(
      config.capture.maxBodyBytes,
      DEFAULT_CONFIG.capture.maxBodyBytes,
    );
  });

  void it('unrelated variable gets no suggestion', () => {
    const [problem] = loadConfig({}, { TRACEGATE_SAMPLER: 'x' }).problems;
    assert.ok(problem?.message.includes('Unknown key TRACEGATE_SAMPLER'));
    assert.ok(!problem?.message.includes('Did you mean'));
  });

  void it('TRACEGATE_CONFIG_FILE is known', () => {
    const configFile = writeYaml('{}\n');
    const { problems } = loadConfig({}, { TRACEGATE_CONFIG_FILE: configFile });
    assert.equal(problems.length, 0);
  });

  void it('other prefixes are not checked', () => {
    const env = { OTEL_FOO: 'x', TRACEGATEWAY: 'x', HOME: '/root' };
    assert.equal(loadConfig({}, env).problems.length, 0);
  });

  void it('value of an unknown variable is not shown', () => {
    const env = { TRACEGATE_EXPORT_HEADER: 'authorization=secret-value' };
    const [problem] = loadConfig({}, env).problems;
    assert.equal(problem?.value, '');
    assert.ok(!problem?.message.includes('secret-value'));
    assert.ok(
      problem?.message.includes('Did you mean TRACEGATE_EXPORT_HEADERS?'),
    );
  });
});

void describe('loadConfig unknown options keys', () => {
  void it('misspelt option gets a suggestion', () => {
    const options = { instrumentations: { fech: false } };
    const { config, problems } = loadConfig(options as never, {});
    assert.equal(problems.length, 1);
    const [problem] = problems;
    assert.equal(problem?.source, 'options');
    assert.equal(problem?.key, 'instrumentations.fech');
    assert.ok(
      problem?.message.includes('Did you mean instrumentations.fetch?'),
    );
    assert.equal(config.instrumentations.fetch, true);
  });

  void it('configFile option is not unknown', () => {
    const configFile = writeYaml('{}\n');
    assert.equal(loadConfig({ configFile }, {}).problems.length, 0);
  });

  void it('each unknown key logs one warning', () => {
    const options = { a: 1, b: 2, capture: { c: 3 } };
    const { problems } = loadConfig(options as never, {});
    assert.equal(problems.length, 3);
    assert.equal(warnings.length, 3);
    for (const warning of warnings) {
      assert.ok(warning.includes('TG_CONFIG_UNKNOWN_KEY'));
    }
  });
});
