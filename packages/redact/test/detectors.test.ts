import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

/** Returns a redactor that runs one detector and masks what it finds. */
function only(name: string): Redactor {
  return new Redactor({
    detectors: [name],
    actions: { ipv4: 'mask', ipv6: 'mask' },
  });
}

interface Cases {
  readonly detector: string;
  readonly type: string;
  readonly valid: readonly string[];
  readonly invalid: readonly string[];
}

const CASES: readonly Cases[] = [
  {
    detector: 'credit_card',
    type: 'credit_card',
    valid: [
      '4242424242424242',
      '378282246310005',
      '30569309025904',
      '3530111333300000',
      '6200000000000005',
      '2223003122003222',
      '4242 4242 4242 4242',
    ],
    invalid: [
      '4242424242424241',
      '1733325600000',
      '9780306406157',
      '7000000000000000',
      '5555555555555555',
      '424242424242',
    ],
  },
  {
    detector: 'us_ssn',
    type: 'us_ssn',
    valid: ['536-22-1234', '536 22 1234', '001-01-0001'],
    invalid: [
      '000-12-3456',
      '666-12-3456',
      '912-12-3456',
      '536-00-1234',
      '536-22-0000',
      '078-05-1120',
      '536221234',
      '1536-22-1234',
    ],
  },
  {
    detector: 'iban',
    type: 'iban',
    valid: [
      'GB82WEST12345698765432',
      'DE89370400440532013000',
      'GB82 WEST 1234 5698 7654 32',
      'NL91ABNA0417164300',
    ],
    invalid: [
      'GB82WEST12345698765431',
      'DE89370400440532013001',
      'XX89370400440532013000',
      'DE8937040044053201300',
    ],
  },
  {
    detector: 'phone',
    type: 'phone',
    valid: [
      '+14155550123',
      '+1 415 555 0123',
      '(415) 555-0123',
      '415-555-0123',
      '+44 20 7946 0958',
      '+49 30 901820',
      '+44 (0)20 7946 0958',
    ],
    invalid: [
      '+1000000000',
      '+12345',
      '(415) 155-0123',
      '911-555-0123',
      '4155550123',
      '2026-01-04',
      '+999 1234 5678',
    ],
  },
  {
    detector: 'email',
    type: 'email',
    valid: [
      'jane.doe@example.com',
      "j.o'neil+billing@sub.example.co.uk",
      'x..jane@example.com',
    ],
    invalid: ['not-an-email@', '@handle', 'jane@localhost', 'jane@example.c0m'],
  },
  {
    detector: 'jwt',
    type: 'jwt',
    valid: [
      'eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo',
      'eyJhbGciOiJub25lIn0.e30.',
    ],
    invalid: [
      'abc.def.ghi',
      'eyJmb28iOiJiYXIifQ.e30.sig',
      'eyJhbGciOiJIUzI1NiJ9.e30',
    ],
  },
  {
    detector: 'bearer_token',
    type: 'bearer_token',
    valid: ['Bearer abcDEF123456', 'bearer mF_9.B5f-4.1JqM'],
    invalid: ['Bearer realm', 'bearer authentication', 'Bearer abc'],
  },
  {
    detector: 'basic_auth',
    type: 'basic_auth',
    valid: ['Basic dXNlcjpwYXNzd29yZA==', 'basic am86c2VjcmV0'],
    invalid: ['Basic realm', 'Basic ////////', 'basic dXNlcg=='],
  },
  {
    detector: 'digest_auth',
    type: 'digest_auth',
    valid: [
      'Digest username="jo", realm="api", nonce="abc", uri="/", response="6629fae49393a05397450978507c4ef1"',
    ],
    invalid: [
      'Digest realm="api", nonce="abc"',
      'digest of the week',
      'Digest username="jo"',
    ],
  },
  {
    detector: 'aws_access_key_id',
    type: 'aws_access_key_id',
    valid: ['AKIAIOSFODNN7EXAMPLE', 'ASIAY34FZKBOKMUTVV7A'],
    invalid: [
      'AKIAIOSFODNN7EXAMPL',
      'AKIAIOSFODNN7EXAMPLE1',
      'AIDAIOSFODNN7EXAMPLE',
      'AKIAiosfodnn7example',
    ],
  },
  {
    detector: 'aws_secret_access_key',
    type: 'aws_secret_access_key',
    valid: [
      'aws_secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ],
    invalid: [
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'secret: abcdefghijabcdefghijabcdefghijabcdefghij',
      'secret: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYS',
    ],
  },
  {
    detector: 'private_key',
    type: 'private_key',
    valid: [
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA',
      '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
    ],
    invalid: [
      '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----',
      '-----BEGIN CERTIFICATE-----',
    ],
  },
  {
    detector: 'github_token',
    type: 'github_token',
    valid: [`ghp_${'a1B2'.repeat(9)}`, `github_pat_${'A1b2'.repeat(20)}`],
    invalid: [
      `ghp_${'a1B2'.repeat(8)}`,
      `ghx_${'a1B2'.repeat(9)}`,
      `ghp_${'a1B2'.repeat(9)}x`,
    ],
  },
  {
    detector: 'slack_token',
    type: 'slack_token',
    valid: [
      'xoxb-12345678901-123456789012-abcdefghijABCDEFGHIJ1234',
      'https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX',
    ],
    invalid: ['xoxz-12345678901-abc', 'xoxb-123'],
  },
  {
    detector: 'stripe_key',
    type: 'stripe_key',
    valid: [
      'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
      'rk_test_4eC39HqLyjWDarjtT1zdp7dc',
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    ],
    invalid: [
      'pk_live_4eC39HqLyjWDarjtT1zdp7dc',
      'sk_live_short',
      'sk_prod_4eC39HqLyjWDarjtT1zdp7dc',
    ],
  },
  {
    detector: 'google_api_key',
    type: 'google_api_key',
    valid: ['AIzaSyA1b2C3d4E5f6G7h8I9j0K_L-mNoPqRsTu'],
    invalid: [`AIza${'x'.repeat(34)}`, `AIza${'x'.repeat(36)}`],
  },
  {
    detector: 'ipv4',
    type: 'ipv4',
    valid: ['203.0.113.7', '10.0.0.1', '255.255.255.255'],
    invalid: [
      '192.168.1',
      '256.1.1.1',
      'v1.2.3.4',
      '1.3.6.1.4.1',
      '01.02.03.04',
    ],
  },
  {
    detector: 'ipv6',
    type: 'ipv6',
    valid: ['2001:db8::1', 'fe80::1ff:fe23:4567:890a', '::1'],
    invalid: ['15:20:00', '00:1a:2b:3c:4d:5e', 'std::map', 'a:b'],
  },
  {
    detector: 'url_credentials',
    type: 'password',
    valid: [
      'postgres://app:s3cret@db.internal:5432/orders',
      'amqp://guest:guest@localhost',
    ],
    invalid: ['https://example.com/a:b', 'ssh://git@example.com/repo'],
  },
];

describe('detectors', () => {
  for (const { detector, type, valid, invalid } of CASES) {
    const redactor = only(detector);
    for (const value of valid) {
      it(`${detector} finds ${value.slice(0, 30)}`, () => {
        const { sink, findings } = collectFindings();
        const output = redactor.text(`x ${value} y`, sink);
        assert.ok(output.includes(`[REDACTED:${type}]`), output);
        assert.deepEqual(
          findings.map((finding) => finding.type),
          [type],
        );
      });
    }
    for (const value of invalid) {
      it(`${detector} keeps ${value.slice(0, 30)}`, () => {
        assert.equal(redactor.text(`x ${value} y`), `x ${value} y`);
      });
    }
  }

  it('us_ssn needs context without dashes', () => {
    const redactor = only('us_ssn');
    assert.equal(redactor.text('SSN: 536221234'), 'SSN: [REDACTED:us_ssn]');
    assert.equal(
      redactor.json('{"customer_ssn":"536221234"}'),
      '{"customer_ssn":"[REDACTED:us_ssn]"}',
    );
    assert.equal(redactor.text('ref 536221234'), 'ref 536221234');
  });

  it('aws secret uses key name', () => {
    const redactor = only('aws_secret_access_key');
    const json = '{"AwsSecret":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}';
    assert.equal(
      redactor.json(json),
      '{"AwsSecret":"[REDACTED:aws_secret_access_key]"}',
    );
  });

  it('private key without end masks rest', () => {
    const redactor = only('private_key');
    assert.equal(
      redactor.text('key: -----BEGIN EC PRIVATE KEY-----\nMHcCAQEE'),
      'key: [REDACTED:private_key]',
    );
  });

  it('key_value masks secrets in text', () => {
    const redactor = only('key_value');
    assert.equal(
      redactor.text('login failed: password=hunter2 user=jo'),
      'login failed: password=[REDACTED:password] user=jo',
    );
    assert.equal(
      redactor.text(`UPDATE users SET api_key = 'k-123' WHERE id = 1`),
      `UPDATE users SET api_key = '[REDACTED:api_key]' WHERE id = 1`,
    );
    assert.equal(redactor.text('Token: abc123'), 'Token: [REDACTED:token]');
  });

  it('key_value keeps placeholders', () => {
    const redactor = only('key_value');
    for (const text of [
      'password=null',
      'password: $p',
      'token=${TOKEN}',
      'secret={{secret}}',
      'password=***',
    ]) {
      assert.equal(redactor.text(text), text);
    }
  });

  it('ip addresses are classified by default', () => {
    const { sink, findings } = collectFindings();
    assert.equal(
      new Redactor().text('from 203.0.113.7', sink),
      'from 203.0.113.7',
    );
    assert.deepEqual(findings, [{ type: 'ipv4', path: 'body' }]);
  });
});
