/** Maximum time the agent delays process exit to send buffered spans. */
export const EXIT_FLUSH_TIMEOUT_MS = 2_000;

/**
 * Sends buffered spans when the process is about to end, within
 * EXIT_FLUSH_TIMEOUT_MS, so the last requests of a short-lived or stopped
 * service are not lost.
 *
 * On SIGTERM and SIGINT it acts only when no other listener handles the
 * signal: it flushes, removes itself and raises the signal again, so the
 * process ends by the signal as it would have without the agent. An app
 * that handles these signals itself keeps full control and can call
 * `shutdown()` from its handler.
 */
export function flushOnExit(flush: () => Promise<void>): () => void {
  let flushing: Promise<void> | undefined;
  const boundedFlush = (): Promise<void> => {
    flushing ??= Promise.race([
      // The agent's flush already logs failures; this only keeps a
      // rejection from becoming an unhandled one in the app's process.
      flush().catch(() => undefined),
      new Promise<void>((resolve) =>
        setTimeout(resolve, EXIT_FLUSH_TIMEOUT_MS).unref(),
      ),
    ]);
    return flushing;
  };
  const onBeforeExit = (): void => {
    void boundedFlush();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (process.listenerCount(signal) > 1) return;
    void boundedFlush().finally(() => {
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    });
  };
  process.once('beforeExit', onBeforeExit);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => {
    process.removeListener('beforeExit', onBeforeExit);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGINT', onSignal);
  };
}
