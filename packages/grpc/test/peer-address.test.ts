import assert from 'node:assert/strict';
import { it } from 'node:test';
import { peerIp } from '../src/peer-address';

const cases: Array<[unknown, string | undefined]> = [
  ['127.0.0.1:50051', '127.0.0.1'],
  ['ipv4:10.1.2.3:443', '10.1.2.3'],
  ['ipv6:[::1]:50051', '::1'],
  ['[2001:db8::5]:80', '2001:db8::5'],
  ['::1:50051', '::1'],
  ['::ffff:127.0.0.1:50051', '::ffff:127.0.0.1'],
  ['fe80::1', 'fe80::1'],
  ['192.0.2.1', '192.0.2.1'],
  ['unix:/tmp/grpc.sock', undefined],
  ['unknown', undefined],
  ['', undefined],
  ['[not-an-ip]:80', undefined],
  [undefined, undefined],
  [42, undefined],
];

for (const [peer, expected] of cases) {
  it(`peer ${JSON.stringify(peer)}`, () => {
    assert.equal(peerIp(peer), expected);
  });
}

it('peer repeated and alternating', () => {
  // peerIp keeps its last result, so each peer comes twice in a row and
  // again after a different one.
  for (const [peer, expected] of [...cases, ...cases.slice().reverse()]) {
    assert.equal(peerIp(peer), expected, `first ${JSON.stringify(peer)}`);
    assert.equal(peerIp(peer), expected, `repeat ${JSON.stringify(peer)}`);
  }
});
