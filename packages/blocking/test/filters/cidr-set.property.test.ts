import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { CidrSet, parseAddress, parseRange } from '../../src/filters/cidr-set';

const ipv4 = fc
  .tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255))
  .map((octets) => octets.join('.'));
const ipv6 = fc
  .array(fc.nat(0xffff), { minLength: 8, maxLength: 8 })
  .map((parts) => parts.map((part) => part.toString(16)).join(':'));

const ipv4Range = fc
  .tuple(ipv4, fc.integer({ min: 0, max: 32 }))
  .map(([address, prefix]) => `${address}/${prefix}`);
const ipv6Range = fc
  .tuple(ipv6, fc.integer({ min: 0, max: 128 }))
  .map(([address, prefix]) => `${address}/${prefix}`);

/**
 * Returns an address near a range: the range's own address with a few bits
 * flipped. Flipped host bits keep it inside, flipped network bits move it
 * just outside, so both outcomes come up often.
 */
function nearby(range: string, flips: number[]): string {
  const [address] = ipaddr.parseCIDR(range);
  const bytes = address.toByteArray();
  for (const flip of flips) {
    const bit = flip % (bytes.length * 8);
    bytes[bit >> 3] ^= 0x80 >> (bit & 7);
  }
  return ipaddr.fromByteArray(bytes).toString();
}

/** Checks every range one by one with ipaddr.js, as the reference. */
function naiveMatch(ranges: string[], client: string): boolean {
  const address = ipaddr.process(client);
  return ranges.some((range) => {
    const [network, prefix] = ipaddr.parseCIDR(range);
    if (network.kind() !== address.kind()) return false;
    return address.match(network, prefix);
  });
}

function buildSet(ranges: string[]): CidrSet {
  const set = new CidrSet();
  for (const range of ranges) {
    const parsed = parseRange(range);
    assert.ok(parsed, `range ${range} did not parse`);
    set.add(parsed, range);
  }
  return set;
}

describe('CIDR set against a linear scan', () => {
  it('agrees on random IPv4 and IPv6 ranges', () => {
    const ranges = fc.array(fc.oneof(ipv4Range, ipv6Range), { maxLength: 40 });
    fc.assert(
      fc.property(
        ranges,
        fc.array(
          fc.tuple(fc.nat(1000), fc.array(fc.nat(1_000_000), { maxLength: 3 })),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        fc.array(fc.oneof(ipv4, ipv6), { maxLength: 5 }),
        (rangeList, probes, randomAddresses) => {
          const set = buildSet(rangeList);
          const clients = [
            ...randomAddresses,
            ...probes.flatMap(([pick, flips]) =>
              rangeList.length === 0
                ? []
                : [nearby(rangeList[pick % rangeList.length], flips)],
            ),
          ];
          for (const client of clients) {
            const parsed = parseAddress(client);
            assert.ok(parsed, `address ${client} did not parse`);
            assert.equal(
              set.match(parsed) !== undefined,
              naiveMatch(rangeList, client),
              `client ${client} against ${rangeList.join(' ')}`,
            );
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('agrees on IPv4-mapped clients', () => {
    fc.assert(
      fc.property(
        fc.array(ipv4Range, { maxLength: 20 }),
        ipv4,
        (rangeList, client) => {
          const set = buildSet(rangeList);
          const mapped = parseAddress(`::ffff:${client}`);
          assert.ok(mapped);
          assert.equal(
            set.match(mapped) !== undefined,
            naiveMatch(rangeList, client),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns the longest matching range', () => {
    const set = buildSet(['10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24']);
    const address = parseAddress('10.1.2.3');
    assert.ok(address);
    assert.equal(set.match(address), '10.1.2.0/24');
  });
});
