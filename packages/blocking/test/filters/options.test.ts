import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ATTACK_FAMILIES,
  DEFAULT_ATTACK_FILTER_OPTIONS,
  DEFAULT_IP_FILTER_OPTIONS,
  DEFAULT_RATE_LIMIT_FILTER_OPTIONS,
  DEFAULT_RULE_FILTER_OPTIONS,
  parseRate,
  validateAttackFilterOptions,
  validateIpFilterOptions,
  validateRateLimitFilterOptions,
  validateRuleFilterOptions,
} from '../../src/filters';

/** Asserts one problem that contains every fragment, and returns it. */
function onlyProblem(problems: string[], ...fragments: string[]): string {
  assert.equal(problems.length, 1, problems.join('\n'));
  for (const fragment of fragments) {
    assert.ok(
      problems[0].includes(fragment),
      `"${fragment}" missing in: ${problems[0]}`,
    );
  }
  return problems[0];
}

const validators = [
  ['blocking.ip', validateIpFilterOptions, DEFAULT_IP_FILTER_OPTIONS],
  ['blocking.rules', validateRuleFilterOptions, DEFAULT_RULE_FILTER_OPTIONS],
  [
    'blocking.rateLimit',
    validateRateLimitFilterOptions,
    DEFAULT_RATE_LIMIT_FILTER_OPTIONS,
  ],
  [
    'blocking.attacks',
    validateAttackFilterOptions,
    DEFAULT_ATTACK_FILTER_OPTIONS,
  ],
] as const;

describe('filter options, common rules', () => {
  for (const [field, validate, defaults] of validators) {
    it(`${field}: absent gives the defaults`, () => {
      const { options, problems } = validate(undefined);
      assert.deepEqual(options, defaults);
      assert.equal(options.mode, 'off');
      assert.deepEqual(problems, []);
    });

    it(`${field}: a non-object is reported`, () => {
      const { options, problems } = validate(42);
      assert.deepEqual(options, defaults);
      onlyProblem(problems, field, 'must be an object', '42');
    });

    it(`${field}: an invalid mode is reported and monitors`, () => {
      const { options, problems } = validate({ mode: 'enforce' });
      assert.equal(options.mode, 'monitor');
      onlyProblem(
        problems,
        `${field}.mode`,
        '"enforce"',
        'off, monitor, block',
      );
    });

    it(`${field}: an unknown key is reported`, () => {
      const { problems } = validate({ mode: 'block', modes: 'x' });
      onlyProblem(problems, `${field}.modes`, 'not a known option');
    });
  }
});

describe('IP filter options', () => {
  it('drops invalid entries with a message each', () => {
    const { options, problems } = validateIpFilterOptions({
      mode: 'block',
      deny: ['10.0.0.0/8', '10.0.0.0/40', 'example.com', 7],
      allow: '192.168.0.0/16, 2001:db8::/32',
    });
    assert.deepEqual(options.deny, ['10.0.0.0/8']);
    assert.deepEqual(options.allow, ['192.168.0.0/16', '2001:db8::/32']);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.ok(problems[0].includes('blocking.ip.deny[3]'));
    assert.ok(problems[1].includes('blocking.ip.deny'));
    assert.ok(problems[1].includes('"10.0.0.0/40"'));
    assert.ok(problems[1].includes('CIDR range'));
    assert.ok(problems[2].includes('"example.com"'));
  });

  it('rejects IPv4 written in octal or hex', () => {
    const { options, problems } = validateIpFilterOptions({
      mode: 'block',
      deny: ['010.0.0.1', '0x7f.0.0.1', '10.1'],
    });
    assert.deepEqual(options.deny, []);
    assert.equal(problems.length, 3);
  });
});

describe('rule filter options', () => {
  it('reports a bare list of rules', () => {
    const { options, problems } = validateRuleFilterOptions([
      { path: '/a', action: 'block' },
    ]);
    assert.equal(options.mode, 'off');
    onlyProblem(problems, 'blocking.rules', 'mode');
  });

  it('drops rules with an invalid path or action', () => {
    const { options, problems } = validateRuleFilterOptions({
      mode: 'block',
      rules: [
        { path: 'admin', action: 'block' },
        { path: '/admin', action: 'deny' },
        { path: '/ok', action: 'allow' },
        'nope',
      ],
    });
    assert.deepEqual(options.rules, [
      { name: 'rules[2]', path: '/ok', action: 'allow' },
    ]);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.ok(problems[0].includes('blocking.rules.rules[0].path'));
    assert.ok(problems[0].includes('must start with "/"'));
    assert.ok(problems[1].includes('blocking.rules.rules[1].action'));
    assert.ok(problems[1].includes('"deny"'));
    assert.ok(problems[2].includes('blocking.rules.rules[3]'));
  });

  it('drops an invalid status or method alone', () => {
    const { options, problems } = validateRuleFilterOptions({
      mode: 'block',
      rules: [
        { path: '/a', action: 'block', status: 200, methods: ['GET', 'G E T'] },
      ],
    });
    assert.deepEqual(options.rules, [
      { name: 'rules[0]', methods: ['GET'], path: '/a', action: 'block' },
    ]);
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.ok(problems[0].includes('status'));
    assert.ok(problems[0].includes('400 to 599'));
    assert.ok(problems[1].includes('"G E T"'));
  });

  it('rejects unsafe and invalid regular expressions', () => {
    const { options, problems } = validateRuleFilterOptions({
      mode: 'block',
      rules: [
        { path: 're:^/(a+)+$', action: 'block' },
        { path: 're:^/(', action: 'block' },
      ],
    });
    assert.deepEqual(options.rules, []);
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.ok(problems[0].includes('backtrack'), problems[0]);
    assert.ok(
      problems[1].includes('not a valid regular expression'),
      problems[1],
    );
  });
});

describe('rate limit options', () => {
  it('reads rate strings', () => {
    assert.deepEqual(parseRate('100/m'), { count: 100, seconds: 60 });
    assert.deepEqual(parseRate('5 / s'), { count: 5, seconds: 1 });
    assert.deepEqual(parseRate('1000/10min'), { count: 1000, seconds: 600 });
    assert.deepEqual(parseRate('2/day'), { count: 2, seconds: 86_400 });
    assert.equal(parseRate('100/fortnight'), undefined);
    assert.equal(parseRate('0/s'), undefined);
    assert.equal(parseRate('m/100'), undefined);
  });

  it('fills in defaults for a limit', () => {
    const { options, problems } = validateRateLimitFilterOptions({
      mode: 'block',
      limits: [{ by: 'ip', rate: '120/m' }],
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(options.limits, [
      {
        name: 'rateLimit[0]',
        by: 'ip',
        capacity: 120,
        refillPerSecond: 2,
        store: 'memory',
        keyPrefix: 'tracegate:ratelimit:',
      },
    ]);
  });

  it('lets capacity override the burst of rate', () => {
    const { options } = validateRateLimitFilterOptions({
      mode: 'block',
      limits: [{ by: 'ip', rate: '60/m', capacity: 5 }],
    });
    assert.equal(options.limits[0].capacity, 5);
    assert.equal(options.limits[0].refillPerSecond, 1);
  });

  it('drops limits without a bucket or a known key', () => {
    const { options, problems } = validateRateLimitFilterOptions({
      mode: 'block',
      limits: [
        { by: 'ip' },
        { by: 'session', rate: '1/s' },
        { by: 'ip', rate: '1/fortnight' },
      ],
    });
    assert.deepEqual(options.limits, []);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.ok(problems[0].includes('needs capacity and refillPerSecond'));
    assert.ok(problems[1].includes('.by'));
    assert.ok(problems[1].includes('"session"'));
    assert.ok(problems[2].includes('.rate'));
    assert.ok(problems[2].includes('"1/fortnight"'));
  });

  it('falls back to memory without a usable Redis URL', () => {
    const { options, problems } = validateRateLimitFilterOptions({
      mode: 'block',
      limits: [
        { by: 'ip', rate: '1/s', store: 'redis' },
        {
          by: 'ip',
          rate: '1/s',
          store: 'redis',
          redisUrl: 'http://:pw-secret@127.0.0.1',
        },
        { by: 'ip', rate: '1/s', store: 'redis', redisUrl: 'pw-secret' },
      ],
    });
    assert.deepEqual(
      options.limits.map((limit) => limit.store),
      ['memory', 'memory', 'memory'],
    );
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.ok(problems[0].includes('redisUrl is missing'));
    assert.ok(problems[1].includes('http:'));
    for (const problem of problems) {
      assert.ok(problem.includes('memory store'), problem);
      assert.ok(!problem.includes('pw-secret'), problem);
    }
  });

  it('keeps a valid Redis URL', () => {
    const url = 'redis://127.0.0.1:6390/2';
    const { options, problems } = validateRateLimitFilterOptions({
      mode: 'block',
      limits: [{ by: 'user', rate: '10/s', store: 'redis', redisUrl: url }],
    });
    assert.deepEqual(problems, []);
    assert.equal(options.limits[0].store, 'redis');
    assert.equal(options.limits[0].redisUrl, url);
  });

  it('reports duplicate names and invalid numbers', () => {
    const { options, problems } = validateRateLimitFilterOptions({
      mode: 'block',
      maxKeys: -1,
      redisTimeoutMs: 'soon',
      limits: [
        { name: 'a', by: 'ip', rate: '1/s' },
        { name: 'a', by: 'user', rate: '1/s' },
        { by: 'ip', capacity: 0.5, refillPerSecond: 1 },
      ],
    });
    assert.equal(options.maxKeys, DEFAULT_RATE_LIMIT_FILTER_OPTIONS.maxKeys);
    assert.equal(
      options.redisTimeoutMs,
      DEFAULT_RATE_LIMIT_FILTER_OPTIONS.redisTimeoutMs,
    );
    assert.deepEqual(
      options.limits.map((limit) => limit.name),
      ['a'],
    );
    assert.equal(problems.length, 5, problems.join('\n'));
  });

  it('drops a limit whose match paths are all invalid', () => {
    const { options, problems } = validateRateLimitFilterOptions({
      mode: 'block',
      limits: [{ by: 'ip', rate: '1/s', match: { paths: ['login'] } }],
    });
    assert.deepEqual(options.limits, []);
    onlyProblem(problems, 'match.paths[0]');
  });
});

describe('attack filter options', () => {
  it('drops unknown families', () => {
    const { options, problems } = validateAttackFilterOptions({
      mode: 'block',
      families: ['sqli', 'csrf'],
    });
    assert.deepEqual(options.families, ['sqli']);
    onlyProblem(
      problems,
      'blocking.attacks.families',
      '"csrf"',
      'path_traversal',
    );
  });

  it('falls back to every family when none is known', () => {
    const { options, problems } = validateAttackFilterOptions({
      mode: 'block',
      families: ['csrf'],
    });
    assert.deepEqual(options.families, ATTACK_FAMILIES);
    assert.equal(problems.length, 2);
  });

  it('sorts exclude entries into paths and headers', () => {
    const { options, problems } = validateAttackFilterOptions({
      mode: 'block',
      exclude: ['/webhooks/*', 'x-signature', 'bad header', 're:^/(a+)+$'],
    });
    assert.deepEqual(options.exclude, ['/webhooks/*', 'x-signature']);
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.ok(problems[0].includes('"bad header"'));
    assert.ok(problems[1].includes('backtrack'));
  });
});

describe('validated options', () => {
  const inputs = [
    [
      'blocking.ip',
      validateIpFilterOptions,
      { mode: 'block', deny: ['10.0.0.0/8'], allow: '::1' },
    ],
    [
      'blocking.rules',
      validateRuleFilterOptions,
      {
        mode: 'monitor',
        rules: [
          { path: '/a/*', action: 'block', methods: ['post'], status: 451 },
        ],
      },
    ],
    [
      'blocking.rateLimit',
      validateRateLimitFilterOptions,
      {
        mode: 'block',
        limits: [
          {
            by: 'route',
            rate: '5/s',
            match: { methods: ['get'], paths: ['/x'] },
          },
          {
            by: 'ip',
            rate: '5/s',
            store: 'redis',
            redisUrl: 'redis://127.0.0.1:1',
          },
        ],
      },
    ],
    [
      'blocking.attacks',
      validateAttackFilterOptions,
      { mode: 'block', exclude: '/a, x-b' },
    ],
  ] as const;
  for (const [field, validate, input] of inputs) {
    it(`${field}: validate again without problems`, () => {
      const first = validate(input);
      assert.deepEqual(first.problems, []);
      const second = validate(first.options);
      assert.deepEqual(second.problems, []);
      assert.deepEqual(second.options, first.options);
    });
  }
});
