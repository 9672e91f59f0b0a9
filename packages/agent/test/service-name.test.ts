import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { packageServiceName, serviceName } from '../src/service-name';

describe('service name', () => {
  const root = mkdtempSync(join(tmpdir(), 'tracegate-name-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'billing-api' }),
  );
  mkdirSync(join(root, 'src', 'server'), { recursive: true });
  const entry = join(root, 'src', 'server', 'main.js');

  it('reads the nearest package name', () => {
    assert.equal(packageServiceName(entry), 'billing-api');
  });

  it('skips a package.json that is not JSON', () => {
    writeFileSync(join(root, 'src', 'package.json'), '{ not json');
    assert.equal(packageServiceName(entry), 'billing-api');
  });

  it('prefers the configured name', () => {
    assert.equal(serviceName('configured', {}), 'configured');
  });

  it('leaves OTEL_SERVICE_NAME to the SDK', () => {
    assert.equal(
      serviceName(undefined, { OTEL_SERVICE_NAME: 'from-env' }),
      undefined,
    );
  });

  it('leaves service.name in resource attributes to the SDK', () => {
    const env = { OTEL_RESOURCE_ATTRIBUTES: 'team=a,service.name=from-attrs' };
    assert.equal(serviceName(undefined, env), undefined);
  });
});
