import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILT_IN_DETECTORS, Redactor } from '../src';

const SIZE = 100 * 1024;
// Generous for a 2-core machine under load: a quadratic pattern needs
// minutes on these inputs, a linear one a few milliseconds.
const LIMIT_MS = 1000;

function repeatTo(unit: string): string {
  return unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
}

// Each input is built to make a backtracking pattern retry long runs: runs
// without the character that would complete a match, or many near-misses.
const ADVERSARIAL: Record<string, string[]> = {
  credit_card: [
    '4'.repeat(SIZE),
    repeatTo('4242 '),
    repeatTo('1 '),
    repeatTo('4242-42 '),
  ],
  us_ssn: [repeatTo('536-22-'), repeatTo('ssn 536221 '), '5'.repeat(SIZE)],
  phone: [
    repeatTo('+1 '),
    repeatTo('(415) '),
    repeatTo('415-555-'),
    `+${'4'.repeat(SIZE)}`,
  ],
  jwt: [
    'a'.repeat(SIZE),
    repeatTo('aaaaaaaaaaaa.'),
    repeatTo(`eyJ${'a'.repeat(20)}.`),
    `eyJhbGciOiJIUzI1NiJ9.${'a'.repeat(SIZE)}`,
  ],
  bearer_token: [
    `Bearer${' '.repeat(SIZE)}`,
    repeatTo('Bearer '),
    `Bearer ${'a'.repeat(SIZE)}"`,
    `Bearer ${'.'.repeat(SIZE)}`,
  ],
  basic_auth: [
    repeatTo('Basic '),
    `Basic ${'A'.repeat(SIZE)}!`,
    repeatTo('Basic dXNlcjpw '),
  ],
  digest_auth: [
    repeatTo('Digest '),
    repeatTo('Digest a=b, '),
    `Digest username="${'a'.repeat(SIZE)}`,
    repeatTo('digest a=digest '),
  ],
  email: [
    'a'.repeat(SIZE),
    repeatTo('a.'),
    repeatTo('a@'),
    `a@${repeatTo('b.')}`,
    repeatTo(`x@${'b.'.repeat(40)}`),
    `a@${'-'.repeat(SIZE)}`,
    repeatTo('a..'),
  ],
  iban: [repeatTo('GB82 '), `GB82${'A'.repeat(SIZE)}`, repeatTo('GB82WEST ')],
  aws_access_key_id: [repeatTo('AKIA'), `AKIA${'A'.repeat(SIZE)}`],
  aws_secret_access_key: [
    repeatTo('secret '),
    `secret ${'a'.repeat(SIZE)}`,
    repeatTo('secretsecret'),
    repeatTo(`AKIAIOSFODNN7EXAMPLE ${'aB3'.repeat(13)}x `),
  ],
  private_key: [
    repeatTo('-----BEGIN PRIVATE KEY-----'),
    repeatTo('-----BEGIN RSA '),
    `-----BEGIN PRIVATE KEY-----${'a'.repeat(SIZE)}`,
  ],
  github_token: [repeatTo('ghp_'), `ghp_${'a'.repeat(SIZE)}`],
  slack_token: [repeatTo('xoxb-'), `xoxb-${'a'.repeat(SIZE)}`],
  stripe_key: [repeatTo('sk_live_'), `sk_live_${'a'.repeat(SIZE)}`],
  google_api_key: [repeatTo('AIza'), `AIza${'a'.repeat(SIZE)}`],
  url_credentials: [
    repeatTo('://'),
    repeatTo('a://b:c'),
    `a://b:${'c'.repeat(SIZE)}`,
  ],
  ipv4: [repeatTo('1.'), repeatTo('1.2.3.4.'), repeatTo('255.255.255.')],
  ipv6: [repeatTo('1:'), repeatTo('::'), repeatTo('a:b:c:d:e:f:0:1:2:')],
  key_value: [
    repeatTo('password='),
    repeatTo('a:'),
    repeatTo('password="'),
    `password=${'a'.repeat(SIZE)}`,
    repeatTo('x=password:'),
  ],
};

describe('detector running time', () => {
  it('has adversarial inputs for every detector', () => {
    assert.deepEqual(
      Object.keys(ADVERSARIAL).sort(),
      [...BUILT_IN_DETECTORS].sort(),
    );
  });

  for (const [name, inputs] of Object.entries(ADVERSARIAL)) {
    it(`${name} is linear on 100 KB`, () => {
      const redactor = new Redactor({ detectors: [name] });
      for (const [index, input] of inputs.entries()) {
        const started = performance.now();
        const output = redactor.text(input);
        const elapsed = performance.now() - started;
        assert.ok(elapsed < LIMIT_MS, `input ${index} took ${elapsed} ms`);
        assert.notEqual(output, '[REDACTED:unparsed]', `input ${index}`);
      }
    });
  }

  it('phone with phoneRegions is linear on 100 KB', () => {
    const redactor = new Redactor({
      detectors: ['phone'],
      phoneRegions: ['GB', 'FR', 'DE', 'JP', 'AU', 'IN'],
    });
    const inputs = [
      repeatTo('01 '),
      repeatTo('00 '),
      repeatTo('0 '),
      repeatTo('(030) '),
      repeatTo('020 7946 '),
      `0${'9'.repeat(SIZE)}`,
    ];
    for (const [index, input] of inputs.entries()) {
      const started = performance.now();
      redactor.text(input);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < LIMIT_MS, `input ${index} took ${elapsed} ms`);
    }
  });

  it('grows linearly with input size', () => {
    const redactor = new Redactor();
    const small = repeatTo('a.b@');
    const large = small.repeat(8);
    const smallTime = timeOf(() => redactor.text(small));
    const largeTime = timeOf(() => redactor.text(large));
    // Eight times the input must cost far less than the 64 times that a
    // quadratic scan would take.
    assert.ok(
      largeTime < smallTime * 32 + 50,
      `${smallTime} ms vs ${largeTime} ms`,
    );
  });
});

function timeOf(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}
