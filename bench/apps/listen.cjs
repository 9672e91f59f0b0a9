'use strict';
// Start-up and shutdown shared by the benchmark apps.

/**
 * Serves an Express app on 127.0.0.1 port 0 and prints
 * `listening port=<port>`, the line the benchmark runner waits for.
 */
function listen(app) {
  const server = app.listen(0, '127.0.0.1', () => {
    console.log(`listening port=${server.address().port}`);
  });
  exitOnSignal();
  return server;
}

/**
 * Exits with 0 on SIGTERM or SIGINT, so that `node --cpu-prof` writes its
 * profile, which a process killed by the signal never does.
 */
function exitOnSignal() {
  const exit = () => process.exit(0);
  process.once('SIGTERM', exit);
  process.once('SIGINT', exit);
}

module.exports = { listen, exitOnSignal };
