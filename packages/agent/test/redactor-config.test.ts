import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import type { TracegateOptions } from '../src/config';
import { loadConfig } from '../src/config';
import { createRedactor } from '../src/instrumentations';
import { reportRedactorProblems } from '../src/redactor-problems';
import { useConfigSandbox } from './support/config-sandbox';

const CARD = '4242 4242 4242 4242';
const EMAIL = 'jane@example.com';
const FIRST_KEY = 'first-hash-key-0123456789';
const SECOND_KEY = 'second-hash-key-0123456789';

const sandbox = useConfigSandbox();
const { warnings } = sandbox;

function redactorFrom(options: unknown, env: Record<string, string> = {}) {
  const loaded = loadConfig(options as TracegateOptions, env);
  assert.deepEqual(loaded.problems, []);
  return createRedactor(loaded.config);
}

function hashOf(key: string, value: string, length: number): string {
  const digest = createHmac('sha256', key).update(value).digest('hex');
  return digest.slice(0, length);
}

void describe('createRedactor from config', () => {
  void it('partial action keeps card end', () => {
    const redactor = redactorFrom({
      redaction: { actions: { credit_card: 'partial' } },
    });
    const last = CARD.replaceAll(' ', '').slice(-4);
    assert.equal(
      redactor.text(`card ${CARD}`),
      `card [REDACTED:credit_card:...${last}]`,
    );
  });

  void it('partialLength from env', () => {
    const redactor = redactorFrom(undefined, {
      TRACEGATE_REDACTION_ACTIONS: 'credit_card=partial',
      TRACEGATE_REDACTION_PARTIAL_LENGTH: '2',
    });
    const last = CARD.replaceAll(' ', '').slice(-2);
    assert.equal(redactor.text(CARD), `[REDACTED:credit_card:...${last}]`);
  });

  void it('hash is stable per key', () => {
    const env = {
      TRACEGATE_REDACTION_ACTIONS: 'email=hash',
      TRACEGATE_REDACTION_HASH_KEY: FIRST_KEY,
    };
    const first = redactorFrom(undefined, env).text(EMAIL);
    const again = redactorFrom(undefined, env).text(EMAIL);
    const other = redactorFrom(undefined, {
      ...env,
      TRACEGATE_REDACTION_HASH_KEY: SECOND_KEY,
    }).text(EMAIL);
    assert.equal(first, again);
    assert.notEqual(first, other);
    assert.equal(first, `[HASH:email:${hashOf(FIRST_KEY, EMAIL, 16)}]`);
  });

  void it('hashLength from options', () => {
    const redactor = redactorFrom({
      redaction: {
        actions: { email: 'hash' },
        hashKey: FIRST_KEY,
        hashLength: 8,
      },
    });
    assert.equal(
      redactor.text(EMAIL),
      `[HASH:email:${hashOf(FIRST_KEY, EMAIL, 8)}]`,
    );
  });

  void it('hash without key masks', () => {
    const loaded = loadConfig(
      { redaction: { actions: { email: 'hash' } } },
      {},
    );
    const redactor = createRedactor(loaded.config);
    assert.equal(redactor.text(EMAIL), '[REDACTED:email]');
    assert.deepEqual(redactor.problems, []);
  });

  void it('custom value detector masks', () => {
    const redactor = redactorFrom(undefined, {
      TRACEGATE_REDACTION_DETECTORS: JSON.stringify([
        { name: 'employee_id', valuePattern: 'EMP-[0-9]{6}' },
      ]),
    });
    assert.equal(
      redactor.text('owner EMP-123456 today'),
      'owner [REDACTED:employee_id] today',
    );
  });

  void it('custom key detector masks', () => {
    const redactor = redactorFrom({
      redaction: {
        detectors: [
          { name: 'internal_note', keyPattern: '^internal_note$', flags: 'i' },
        ],
      },
    });
    assert.equal(
      redactor.json('{"Internal_Note":"call back","id":7}'),
      '{"Internal_Note":"[REDACTED:internal_note]","id":7}',
    );
  });

  void it('builtInDetectors limit detection', () => {
    const redactor = redactorFrom({
      redaction: { builtInDetectors: ['credit_card'] },
    });
    assert.equal(redactor.text(EMAIL), EMAIL);
    assert.equal(redactor.text(CARD), '[REDACTED:credit_card]');
  });

  void it('unsafe pattern becomes a problem', () => {
    const env = {
      TRACEGATE_REDACTION_DETECTORS: JSON.stringify([
        { name: 'bad_id', valuePattern: '(a+)+$' },
      ]),
    };
    const loaded = loadConfig(undefined, env);
    const redactor = createRedactor(loaded.config);
    assert.equal(redactor.problems.length, 1);
    const problems = reportRedactorProblems(redactor, loaded.origins);
    assert.equal(problems.length, 1);
    const [problem] = problems;
    assert.equal(problem?.code, 'TG_CONFIG_REDACTOR_OPTION');
    assert.equal(problem?.key, 'redaction.detectors');
    assert.equal(problem?.source, 'env');
    assert.ok(
      problem?.message.includes('TRACEGATE_REDACTION_DETECTORS'),
      problem?.message,
    );
    assert.equal(warnings.length, 1);
    assert.ok(warnings[0]?.includes(`${problem?.code}: ${problem?.message}`));
  });

  void it('invalid regex becomes a problem', () => {
    const loaded = loadConfig(
      { redaction: { detectors: [{ name: 'x_id', valuePattern: '[' }] } },
      {},
    );
    const redactor = createRedactor(loaded.config);
    const problems = reportRedactorProblems(redactor, loaded.origins);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.source, 'options');
    assert.ok(problems[0]?.message.includes('loadConfig options'));
  });

  void it('phoneRegions from env', () => {
    const redactor = redactorFrom(
      {},
      { TRACEGATE_REDACTION_PHONE_REGIONS: 'GB, DE' },
    );
    assert.equal(redactor.text('ring 020 7946 0958'), 'ring [REDACTED:phone]');
    assert.equal(redactor.text('ring 030 12345678'), 'ring [REDACTED:phone]');
  });

  void it('unknown phone region becomes a problem', () => {
    const loaded = loadConfig(
      { redaction: { phoneRegions: ['GB', 'QQ'] } },
      {},
    );
    assert.deepEqual(loaded.problems, []);
    const redactor = createRedactor(loaded.config);
    const problems = reportRedactorProblems(redactor, loaded.origins);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.key, 'redaction.phoneRegions');
    assert.ok(problems[0]?.message.includes('"QQ"'), problems[0]?.message);
    assert.equal(redactor.text('020 7946 0958'), '[REDACTED:phone]');
  });

  void it('malformed phone region is rejected', () => {
    const loaded = loadConfig({ redaction: { phoneRegions: ['GBR'] } }, {});
    assert.equal(loaded.problems.length, 1);
    assert.equal(loaded.problems[0]?.key, 'redaction.phoneRegions');
    assert.deepEqual(loaded.config.redaction.phoneRegions, []);
  });
});
