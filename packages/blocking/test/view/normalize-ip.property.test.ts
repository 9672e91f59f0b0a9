import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { normalizeIp } from '../../src/view/client-ip';

/** Normalizes with ipaddr.js alone, as normalizeIp did before its fast path. */
function referenceNormalize(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return undefined;
  return ipaddr.process(address).toString();
}

const decimalPart = fc.nat(255).map(String);
// Leading zeros, hex and out-of-range parts, which net.isIP rejects.
const oddPart = fc.oneof(
  fc.nat(255).map((part) => `0${part}`),
  fc.nat(255).map((part) => `0x${part.toString(16)}`),
  fc.integer({ min: 256, max: 99999 }).map(String),
);
const ipv4Text = fc
  .array(fc.oneof(decimalPart, decimalPart, oddPart), {
    minLength: 1,
    maxLength: 5,
  })
  .map((parts) => parts.join('.'));
const ipv6Text = fc.oneof(
  fc
    .array(fc.nat(0xffff), { minLength: 8, maxLength: 8 })
    .map((parts) => parts.map((part) => part.toString(16)).join(':')),
  ipv4Text.map((text) => `::ffff:${text}`),
);

describe('normalizeIp', () => {
  it('matches ipaddr.js on IPv4 forms', () => {
    fc.assert(
      fc.property(ipv4Text, (text) => {
        assert.equal(normalizeIp(text), referenceNormalize(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('matches ipaddr.js on IPv6 forms', () => {
    fc.assert(
      fc.property(ipv6Text, (text) => {
        assert.equal(normalizeIp(text), referenceNormalize(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('matches ipaddr.js on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        assert.equal(normalizeIp(text), referenceNormalize(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('rewrites non-canonical IPv4 forms', () => {
    assert.equal(normalizeIp('010.0.0.1'), '8.0.0.1');
    assert.equal(normalizeIp('::ffff:127.0.0.1'), '127.0.0.1');
    assert.equal(normalizeIp('127.0.0.1'), '127.0.0.1');
    assert.equal(normalizeIp(undefined), undefined);
    assert.equal(normalizeIp('1.2.3.4 '), undefined);
  });
});
