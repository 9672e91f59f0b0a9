import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACTIONS,
  BUILT_IN_DETECTORS,
  DEFAULT_HASH_LENGTH,
  DEFAULT_PARTIAL_LENGTH,
} from '@tracegate/redact';
import type { TracegateOptions } from '../src/config';
import {
  MAX_ACTION_TYPES,
  MAX_CUSTOM_DETECTORS,
  loadConfig,
} from '../src/config';
import { useConfigSandbox } from './support/config-sandbox';

const HASH_KEY = 'k3y-of-exactly-twenty-four';
const sandbox = useConfigSandbox();
const { warnings } = sandbox;

function writeYaml(text: string): string {
  return sandbox.writeFile(text);
}

function load(options: unknown, env: Record<string, string> = {}) {
  return loadConfig(options as TracegateOptions, env);
}

void describe('redaction keys', () => {
  void it('defaults follow the redactor', () => {
    const { config, problems } = load(undefined);
    assert.deepEqual(problems, []);
    assert.equal(config.redaction.actions, undefined);
    assert.equal(config.redaction.hashKey, undefined);
    assert.equal(config.redaction.hashLength, DEFAULT_HASH_LENGTH);
    assert.equal(config.redaction.partialLength, DEFAULT_PARTIAL_LENGTH);
    assert.deepEqual(config.redaction.detectors, []);
    assert.equal(config.redaction.builtInDetectors, undefined);
  });

  void it('actions from env pairs', () => {
    const env = {
      TRACEGATE_REDACTION_ACTIONS: 'credit_card=partial, Email=HASH',
    };
    const { config, problems } = load(
      { redaction: { hashKey: HASH_KEY } },
      env,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config.redaction.actions, {
      credit_card: 'partial',
      email: 'hash',
    });
  });

  void it('actions merge per type', () => {
    const path = writeYaml(
      'redaction:\n  actions:\n    credit_card: partial\n    ipv4: mask\n',
    );
    const env = { TRACEGATE_REDACTION_ACTIONS: 'ipv4=classify,email=mask' };
    const options = {
      configFile: path,
      redaction: { actions: { email: 'partial' } },
    };
    const { config, problems } = load(options, env);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.redaction.actions, {
      credit_card: 'partial',
      ipv4: 'classify',
      email: 'partial',
    });
  });

  void it('actions reject an unknown action', () => {
    const env = { TRACEGATE_REDACTION_ACTIONS: 'email=encrypt' };
    const { config, problems } = load(undefined, env);
    assert.equal(problems.length, 1);
    const [problem] = problems;
    assert.equal(problem?.code, 'TG_CONFIG_INVALID_VALUE');
    assert.equal(problem?.key, 'redaction.actions');
    assert.equal(problem?.source, 'env');
    assert.ok(problem?.message.includes(ACTIONS.join(', ')), problem?.message);
    assert.ok(problem?.message.includes('TRACEGATE_REDACTION_ACTIONS'));
    assert.equal(config.redaction.actions, undefined);
  });

  void it('actions reject a pair without =', () => {
    const env = { TRACEGATE_REDACTION_ACTIONS: 'email' };
    const { problems } = load(undefined, env);
    assert.equal(problems.length, 1);
    assert.ok(problems[0]?.message.includes('pair 1 is not type=action'));
  });

  void it('actions reject too many types', () => {
    const actions: Record<string, string> = {};
    for (let index = 0; index <= MAX_ACTION_TYPES; index += 1) {
      actions[`type_${index}`] = 'mask';
    }
    const { config, problems } = load({ redaction: { actions } });
    assert.equal(problems.length, 1);
    assert.ok(problems[0]?.message.includes(`maximum of ${MAX_ACTION_TYPES}`));
    assert.equal(config.redaction.actions, undefined);
  });

  void it('hashKey is trimmed and kept', () => {
    const env = { TRACEGATE_REDACTION_HASH_KEY: ` ${HASH_KEY} ` };
    const { config, problems } = load(undefined, env);
    assert.deepEqual(problems, []);
    assert.equal(config.redaction.hashKey, HASH_KEY);
  });

  void it('short hashKey stays out of messages', () => {
    const secret = 'short-secret';
    const env = { TRACEGATE_REDACTION_HASH_KEY: secret };
    const { config, problems } = load(undefined, env);
    assert.equal(problems.length, 1);
    const [problem] = problems;
    assert.equal(problem?.key, 'redaction.hashKey');
    assert.ok(problem?.message.includes(`a string of ${secret.length} bytes`));
    assert.ok(!JSON.stringify(problems).includes(secret));
    assert.ok(!warnings.join('\n').includes(secret));
    assert.equal(config.redaction.hashKey, undefined);
  });

  void it('rejected hashKey keeps lower key by size', () => {
    const path = writeYaml(`redaction:\n  hashKey: ${HASH_KEY}\n`);
    const { config, problems } = load({
      configFile: path,
      redaction: { hashKey: 12345 },
    });
    assert.equal(problems.length, 1);
    const message = problems[0]?.message ?? '';
    assert.ok(message.includes(`(set, ${HASH_KEY.length} bytes)`), message);
    assert.ok(!message.includes(HASH_KEY));
    assert.ok(!message.includes('12345'));
    assert.equal(config.redaction.hashKey, HASH_KEY);
  });

  void it('redaction group as string hides it', () => {
    const { problems } = load({ redaction: HASH_KEY });
    assert.equal(problems.length, 1);
    assert.ok(!JSON.stringify(problems).includes(HASH_KEY));
  });

  void it('hash without key becomes mask', () => {
    const { config, problems } = load({
      redaction: {
        actions: { email: 'hash', credit_card: 'partial' },
        detectors: [
          { name: 'employee_id', valuePattern: 'EMP-[0-9]{6}', action: 'hash' },
        ],
      },
    });
    assert.deepEqual(config.redaction.actions, {
      email: 'mask',
      credit_card: 'partial',
    });
    assert.equal(config.redaction.detectors[0]?.action, 'mask');
    assert.equal(problems.length, 2, JSON.stringify(problems));
    const codes = problems.map((problem) => problem.code);
    assert.deepEqual(codes, [
      'TG_CONFIG_HASH_KEY_MISSING',
      'TG_CONFIG_HASH_KEY_MISSING',
    ]);
    assert.equal(problems[0]?.key, 'redaction.actions');
    assert.ok(problems[0]?.message.includes('email'));
    assert.equal(problems[1]?.key, 'redaction.detectors');
    assert.ok(problems[1]?.message.includes('employee_id'));
    assert.equal(warnings.length, 2);
  });

  void it('hash with invalid key becomes mask', () => {
    const env = {
      TRACEGATE_REDACTION_ACTIONS: 'email=hash',
      TRACEGATE_REDACTION_HASH_KEY: 'too-short',
    };
    const { config, problems } = load(undefined, env);
    const codes = problems.map((problem) => problem.code);
    assert.deepEqual(codes, [
      'TG_CONFIG_INVALID_VALUE',
      'TG_CONFIG_HASH_KEY_MISSING',
    ]);
    assert.equal(problems[1]?.source, 'env');
    assert.deepEqual(config.redaction.actions, { email: 'mask' });
  });

  void it('lengths check their bounds', () => {
    const env = {
      TRACEGATE_REDACTION_HASH_LENGTH: '65',
      TRACEGATE_REDACTION_PARTIAL_LENGTH: '0',
    };
    const { config, problems } = load(undefined, env);
    assert.equal(problems.length, 2);
    assert.ok(problems[0]?.message.includes('an integer from 8 to 64'));
    assert.ok(problems[1]?.message.includes('an integer from 1 to 8'));
    assert.equal(config.redaction.hashLength, DEFAULT_HASH_LENGTH);
    assert.equal(config.redaction.partialLength, DEFAULT_PARTIAL_LENGTH);
  });

  void it('lengths from YAML', () => {
    const path = writeYaml(
      'redaction:\n  hashLength: 32\n  partialLength: 2\n',
    );
    const { config, problems } = load({ configFile: path });
    assert.deepEqual(problems, []);
    assert.equal(config.redaction.hashLength, 32);
    assert.equal(config.redaction.partialLength, 2);
  });

  void it('detectors from YAML', () => {
    const path = writeYaml(
      [
        'redaction:',
        '  detectors:',
        '    - name: employee_id',
        "      valuePattern: 'EMP-[0-9]{6}'",
        '      action: Partial',
        '    - name: internal_note',
        "      keyPattern: '^internal[_-]?note$'",
        '      flags: i',
        '',
      ].join('\n'),
    );
    const { config, problems } = load({ configFile: path });
    assert.deepEqual(problems, []);
    assert.deepEqual(config.redaction.detectors, [
      { name: 'employee_id', valuePattern: 'EMP-[0-9]{6}', action: 'partial' },
      { name: 'internal_note', keyPattern: '^internal[_-]?note$', flags: 'i' },
    ]);
  });

  void it('detectors from env JSON', () => {
    const detectors = [{ name: 'order_id', valuePattern: 'ORD-[0-9]{8}' }];
    const env = { TRACEGATE_REDACTION_DETECTORS: JSON.stringify(detectors) };
    const { config, problems } = load(undefined, env);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.redaction.detectors, detectors);
  });

  const badDetectors: Array<{ name: string; input: unknown; detail: string }> =
    [
      {
        name: 'two patterns',
        input: [{ name: 'a_id', keyPattern: 'a', valuePattern: 'b' }],
        detail: 'entry 1 (a_id) must set exactly one of keyPattern',
      },
      {
        name: 'no pattern',
        input: [{ name: 'a_id' }],
        detail: 'entry 1 (a_id) must set exactly one of keyPattern',
      },
      {
        name: 'upper-case name',
        input: [{ name: 'EmployeeId', valuePattern: 'x' }],
        detail: 'entry 1: name must be a lower-case name',
      },
      {
        name: 'bad flags',
        input: [{ name: 'a_id', valuePattern: 'x', flags: 'gi' }],
        detail: 'entry 1: flags must be a string of distinct flags',
      },
      {
        name: 'unknown action',
        input: [{ name: 'a_id', valuePattern: 'x', action: 'drop' }],
        detail: 'entry 1: action must be one of',
      },
      {
        name: 'unknown field',
        input: [{ name: 'a_id', valuePattern: 'x', pattern: 'y' }],
        detail: 'entry 1 has the unknown field pattern',
      },
      {
        name: 'repeated name',
        input: [
          { name: 'a_id', valuePattern: 'x' },
          { name: 'a_id', keyPattern: 'y' },
        ],
        detail: 'entry 2 repeats the name a_id',
      },
      {
        name: 'not a list',
        input: { name: 'a_id', valuePattern: 'x' },
        detail: 'Expected a list of mappings',
      },
    ];

  for (const { name, input, detail } of badDetectors) {
    void it(`detectors reject ${name}`, () => {
      const { config, problems } = load({ redaction: { detectors: input } });
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0]?.key, 'redaction.detectors');
      const message = problems[0]?.message ?? '';
      assert.ok(message.includes(detail), message);
      assert.ok(message.includes('Using the default []'), message);
      assert.deepEqual(config.redaction.detectors, []);
    });
  }

  void it('detectors reject invalid JSON', () => {
    const env = { TRACEGATE_REDACTION_DETECTORS: '[{"name":' };
    const { problems } = load(undefined, env);
    assert.equal(problems.length, 1);
    assert.ok(problems[0]?.message.includes('the text is not valid JSON'));
  });

  void it('detectors reject too many', () => {
    const detectors = Array.from(
      { length: MAX_CUSTOM_DETECTORS + 1 },
      (_, index) => ({ name: `d${index}`, valuePattern: 'x' }),
    );
    const { problems } = load({ redaction: { detectors } });
    assert.equal(problems.length, 1);
    const message = problems[0]?.message ?? '';
    assert.ok(message.includes(`maximum of ${MAX_CUSTOM_DETECTORS}`), message);
  });

  void it('builtInDetectors from env', () => {
    const env = { TRACEGATE_REDACTION_BUILT_IN_DETECTORS: 'email, jwt' };
    const { config, problems } = load(undefined, env);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.redaction.builtInDetectors, ['email', 'jwt']);
  });

  void it('builtInDetectors accept empty list', () => {
    const { config, problems } = load({ redaction: { builtInDetectors: [] } });
    assert.deepEqual(problems, []);
    assert.deepEqual(config.redaction.builtInDetectors, []);
  });

  void it('builtInDetectors reject unknown name', () => {
    const options = { redaction: { builtInDetectors: ['email', 'passport'] } };
    const { config, problems } = load(options);
    assert.equal(problems.length, 1);
    const message = problems[0]?.message ?? '';
    assert.ok(message.includes('entry 2, "passport"'), message);
    assert.ok(message.includes(BUILT_IN_DETECTORS.join(', ')), message);
    assert.equal(config.redaction.builtInDetectors, undefined);
  });
});
