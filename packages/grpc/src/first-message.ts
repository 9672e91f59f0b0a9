import { wrapOwn } from './patch';

/** The first message of a request stream, or the reason there is none. */
export type FirstMessage =
  | { readonly state: 'message'; readonly message: unknown }
  | { readonly state: 'ended' }
  | { readonly state: 'closed' };

interface ReadableCall extends NodeJS.EventEmitter {
  read(size?: number): unknown;
  cancelled?: boolean;
}

/**
 * Waits for the first message of a served request stream without taking
 * it from the stream, so the handler that runs afterwards reads the same
 * messages in the same order. `read(0)` makes the stream fill its buffer
 * without returning anything, so grpc-js reads from the client, and the
 * message is seen where grpc-js pushes it. While no handler reads,
 * the stream buffers at most its `highWaterMark` of messages (16 in object
 * mode), as for a handler that pauses. Then flow control stops the client.
 * Resolves `closed` when grpc-js cancels the call or destroys the stream
 * first. A client that cancels usually ends its request stream a moment
 * before the reset arrives, which resolves `ended`. Never rejects.
 */
export function awaitFirstMessage(call: object): Promise<FirstMessage> {
  const stream = call as ReadableCall;
  return new Promise((resolve) => {
    let settled = false;
    const onClose = () => settle({ state: 'closed' });
    const settle = (result: FirstMessage) => {
      if (settled) return;
      settled = true;
      stream.off('cancelled', onClose);
      stream.off('close', onClose);
      resolve(result);
    };
    wrapOwn(
      call,
      'push',
      (original) =>
        function push(this: unknown, ...args: unknown[]) {
          if (!settled) {
            const chunk = args[0];
            settle(
              chunk === null || chunk === undefined
                ? { state: 'ended' }
                : { state: 'message', message: chunk },
            );
          }
          return original.apply(this, args);
        },
    );
    stream.on('cancelled', onClose);
    stream.on('close', onClose);
    if (stream.cancelled === true) {
      settle({ state: 'closed' });
      return;
    }
    // NOTE: grpc-js calls the handler of a request stream when the metadata
    // arrives, before it reads any message, so the stream has not ended
    // here. On an ended, empty stream read(0) would emit 'end' before the
    // handler could listen for it.
    stream.read(0);
  });
}
