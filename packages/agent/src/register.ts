/**
 * Preload entry for CommonJS: `node --require @tracegate/agent/register app.js`.
 * Starts the agent with the configuration from the environment and the
 * TRACEGATE_CONFIG_FILE file before the application's first line runs.
 */
import { start } from './agent';

start();
