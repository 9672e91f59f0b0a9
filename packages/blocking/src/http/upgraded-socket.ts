import type { Duplex } from 'node:stream';

/**
 * The fields of a Node 20 socket that Node's HTTP server and `net` use to
 * stop and restart reading.
 */
type UpgradedSocket = Omit<Duplex, 'readableFlowing'> & {
  // Node's HTTP server writes it too, before it emits `upgrade`.
  readableFlowing: boolean | null;
  _paused?: boolean;
  _handle?: { reading?: boolean; readStart(): number } | null;
};

/**
 * Gives an upgraded socket that the gate hands over late the reading state
 * Node gives it when it emits `upgrade` or `connect` at once: not paused,
 * no flowing mode until the application reads, and a handle that reads.
 *
 * While pipelined requests queue, the socket is paused, and Node's HTTP
 * server then stops the handle. Node removes its listener that restarts the
 * handle when the socket is upgraded, so without this the application
 * would never receive another byte. While the application does not read
 * yet, `net` stops the handle again at the stream's high-water mark.
 */
export function restoreUpgradedReading(socket: Duplex): void {
  const upgraded = socket as unknown as UpgradedSocket;
  if (upgraded.destroyed) return;
  upgraded._paused = false;
  upgraded.readableFlowing = null;
  const handle = upgraded._handle;
  if (handle !== null && handle !== undefined && handle.reading === false) {
    handle.reading = true;
    handle.readStart();
  }
}
