/**
 * Preload entry for ES modules: `node --import @tracegate/agent/register app.mjs`.
 *
 * Instrumentations patch CommonJS modules through `require`; ES modules need
 * a loader hook, registered here before the application's first import. The
 * message channel limits the hook to modules an instrumentation asked for,
 * so other modules load untouched.
 */
import { createAddHookMessageChannel } from 'import-in-the-middle';
import { createRequire, register } from 'node:module';

const { registerOptions, waitForAllMessagesAcknowledged } =
  createAddHookMessageChannel();
register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);

const require = createRequire(import.meta.url);
require('./register.js');

await waitForAllMessagesAcknowledged();
