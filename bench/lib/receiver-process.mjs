// The OTLP receiver process that every instrumented variant exports to.
import { startListeningProcess } from './child-process.mjs';

/**
 * Starts bench/receiver.mjs. Resolves with its OTLP/HTTP base URL and
 * `stop()`, which resolves with the span count of each service.name.
 */
export async function startBenchReceiver() {
  const receiver = await startListeningProcess('OTLP receiver', [
    'bench/receiver.mjs',
  ]);
  const url = /http=(\S+)/.exec(receiver.details)?.[1];
  if (url === undefined) {
    await receiver.stop();
    throw new Error(`the receiver printed no URL: ${receiver.details}`);
  }
  return {
    url,
    async stop() {
      await receiver.stop();
      const line = receiver.stdoutLines.find((text) =>
        text.startsWith('spans '),
      );
      return line === undefined ? {} : JSON.parse(line.slice('spans '.length));
    },
  };
}
