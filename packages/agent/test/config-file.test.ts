import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ConfigProblem } from '../src/config';
import { loadConfig } from '../src/config';
import { useConfigSandbox } from './support/config-sandbox';

const sandbox = useConfigSandbox();
const { warnings } = sandbox;

function writeFile(content: string | Buffer, name = 'tracegate.yaml'): string {
  return sandbox.writeFile(content, name);
}

// Environment and options that must still apply when the file fails.
const ENV = { TRACEGATE_SERVICE_NAME: 'from-env' };

function loadBrokenFile(configFile: string): ConfigProblem {
  const { config, problems } = loadConfig(
    { configFile, logLevel: 'error' },
    ENV,
  );
  assert.equal(problems.length, 1, JSON.stringify(problems));
  assert.equal(warnings.length, 1);
  assert.equal(config.serviceName, 'from-env');
  assert.equal(config.logLevel, 'error');
  const [problem] = problems;
  assert.ok(problem);
  assert.equal(problem.key, 'configFile');
  assert.equal(problem.source, 'file');
  assert.equal(problem.value, configFile);
  assert.ok(problem.message.includes(JSON.stringify(configFile)));
  assert.ok(problem.message.includes('The agent continues'));
  return problem;
}

void describe('loadConfig file errors', () => {
  void it('missing file', () => {
    const problem = loadBrokenFile(join(sandbox.dir(), 'absent.yaml'));
    assert.equal(problem.code, 'TG_CONFIG_FILE_NOT_FOUND');
    assert.ok(problem.message.includes('was not found'));
  });

  void it('directory', () => {
    const path = join(sandbox.dir(), 'conf.d');
    mkdirSync(path);
    const problem = loadBrokenFile(path);
    assert.equal(problem.code, 'TG_CONFIG_FILE_UNREADABLE');
    assert.ok(problem.message.includes('is not a regular file'));
  });

  void it('FIFO does not block', () => {
    const path = join(sandbox.dir(), 'fifo');
    execFileSync('mkfifo', [path]);
    const problem = loadBrokenFile(path);
    assert.equal(problem.code, 'TG_CONFIG_FILE_UNREADABLE');
  });

  void it('path with a NUL byte', () => {
    const problem = loadBrokenFile(join(sandbox.dir(), 'a\0b.yaml'));
    assert.equal(problem.code, 'TG_CONFIG_FILE_UNREADABLE');
    assert.ok(problem.message.includes('could not be opened'));
  });

  void it('syntax error names the position only', () => {
    const path = writeFile('serviceName: ok\ncapture: [1,\n  token: "s3cret\n');
    const problem = loadBrokenFile(path);
    assert.equal(problem.code, 'TG_CONFIG_FILE_INVALID');
    assert.match(problem.message, /at line \d+, column \d+/);
    assert.ok(!problem.message.includes('s3cret'), problem.message);
  });

  void it('syntax error drops the whole file', () => {
    const path = writeFile('serviceName: from-file\nlogLevel: [\n');
    const { config } = loadConfig({ configFile: path }, {});
    assert.equal(config.serviceName, undefined);
  });

  void it('duplicate key', () => {
    const path = writeFile('logLevel: info\nlogLevel: debug\n');
    const problem = loadBrokenFile(path);
    assert.equal(problem.code, 'TG_CONFIG_FILE_INVALID');
    assert.ok(problem.message.includes('DUPLICATE_KEY'));
  });

  void it('several documents', () => {
    const path = writeFile('logLevel: info\n---\nlogLevel: debug\n');
    const problem = loadBrokenFile(path);
    assert.equal(problem.code, 'TG_CONFIG_FILE_INVALID');
  });

  void it('top level is a list', () => {
    const path = writeFile('- enabled\n- capture\n');
    const problem = loadBrokenFile(path);
    assert.equal(problem.code, 'TG_CONFIG_FILE_INVALID');
    assert.ok(problem.message.includes('the top level is a sequence'));
  });

  void it('top level is a scalar', () => {
    const path = writeFile('just text\n');
    const problem = loadBrokenFile(path);
    assert.equal(problem.code, 'TG_CONFIG_FILE_INVALID');
    assert.ok(problem.message.includes('not a mapping of settings'));
  });

  void it('not UTF-8', () => {
    const path = writeFile(Buffer.from([0x6c, 0x6f, 0x67, 0x3a, 0xff, 0xfe]));
    const problem = loadBrokenFile(path);
    assert.equal(problem.code, 'TG_CONFIG_FILE_INVALID');
    assert.ok(problem.message.includes('is not UTF-8 text'));
  });

  void it('unresolved alias', () => {
    const path = writeFile('logLevel: *missing\n');
    const problem = loadBrokenFile(path);
    assert.equal(problem.code, 'TG_CONFIG_FILE_INVALID');
  });
});

void describe('loadConfig file contents', () => {
  void it('empty file sets nothing', () => {
    const path = writeFile('');
    const { config, problems } = loadConfig({ configFile: path }, {});
    assert.equal(problems.length, 0);
    assert.equal(config.logLevel, 'warn');
  });

  void it('comment-only file sets nothing', () => {
    const path = writeFile('# all defaults\n');
    assert.equal(loadConfig({ configFile: path }, {}).problems.length, 0);
  });

  void it('byte order mark is skipped', () => {
    const path = writeFile('\uFEFFlogLevel: info\n');
    const { config, problems } = loadConfig({ configFile: path }, {});
    assert.equal(problems.length, 0);
    assert.equal(config.logLevel, 'info');
  });

  void it('anchors within the limit resolve', () => {
    const path = writeFile(
      [
        'redaction:',
        '  sensitiveHeaders: &names [x-one, x-two]',
        'capture:',
        '  contentTypes: [application/json]',
        'x-shared: *names',
      ].join('\n'),
    );
    const { config, problems } = loadConfig({ configFile: path }, {});
    assert.deepEqual(config.redaction.sensitiveHeaders, ['x-one', 'x-two']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.key, 'x-shared');
  });

  void it('full example file loads without problems', () => {
    const path = writeFile(
      [
        'enabled: true',
        'serviceName: checkout',
        'logLevel: info',
        'capture:',
        '  server: true',
        '  client: false',
        '  maxBodyBytes: 65536',
        '  contentTypes:',
        '    - application/json',
        '    - text/plain',
        '  decompress: false',
        'redaction:',
        '  sensitiveHeaders: [x-session-token]',
        '  sensitiveKeys: [cardNumber, iban]',
        '  actions:',
        '    credit_card: partial',
        '    email: hash',
        '  hashKey: 0123456789abcdef0123',
        '  hashLength: 12',
        '  partialLength: 2',
        '  detectors:',
        '    - name: employee_id',
        "      valuePattern: 'EMP-[0-9]{6}'",
        '  builtInDetectors: [credit_card, email]',
        '  phoneRegions: [GB, de]',
        'export:',
        '  protocol: grpc',
        '  endpoint: http://127.0.0.1:4317',
        '  headers:',
        '    x-tenant: team-a',
        '  metrics: true',
        '  logs: true',
        'instrumentations:',
        '  http: true',
        '  fetch: false',
        'blocking:',
        '  failClosed: true',
        '  timeoutMs: 20',
        '  bodyStage:',
        '    maxBytes: 4096',
        '    onLimit: block',
        '  trustedProxies: [loopback, 10.0.0.0/8]',
        '  clientIpHeader: forwarded',
        '  userId:',
        '    jwtClaim: sub',
        '  graphqlPaths: [/api/graphql]',
        '  ip:',
        '    mode: block',
        '    deny: [203.0.113.0/24]',
      ].join('\n'),
    );
    const { config, problems } = loadConfig({ configFile: path }, {});
    assert.equal(problems.length, 0, JSON.stringify(problems));
    assert.deepEqual(config, {
      enabled: true,
      serviceName: 'checkout',
      logLevel: 'info',
      capture: {
        server: true,
        client: false,
        requestHeaders: true,
        responseHeaders: true,
        requestBody: true,
        responseBody: true,
        maxBodyBytes: 65536,
        contentTypes: ['application/json', 'text/plain'],
        decompress: false,
      },
      redaction: {
        sensitiveHeaders: ['x-session-token'],
        sensitiveKeys: ['cardNumber', 'iban'],
        actions: { credit_card: 'partial', email: 'hash' },
        hashKey: '0123456789abcdef0123',
        hashLength: 12,
        partialLength: 2,
        detectors: [{ name: 'employee_id', valuePattern: 'EMP-[0-9]{6}' }],
        builtInDetectors: ['credit_card', 'email'],
        phoneRegions: ['GB', 'de'],
      },
      export: {
        protocol: 'grpc',
        endpoint: 'http://127.0.0.1:4317',
        headers: { 'x-tenant': 'team-a' },
        metrics: true,
        logs: true,
      },
      instrumentations: {
        http: true,
        fetch: false,
        express: true,
        graphql: true,
        grpc: true,
      },
      blocking: {
        enabled: true,
        failClosed: true,
        timeoutMs: 20,
        bodyStage: {
          maxBytes: 4096,
          maxTotalBytes: 64 * 1024 * 1024,
          timeoutMs: 5000,
          onLimit: 'block',
        },
        trustedProxies: ['loopback', '10.0.0.0/8'],
        clientIpHeader: 'forwarded',
        userId: { jwtClaim: 'sub' },
        graphqlPaths: ['/api/graphql'],
        filterModules: [],
        ip: { mode: 'block', deny: ['203.0.113.0/24'] },
      },
    });
  });
});
