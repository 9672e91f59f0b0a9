// Profiles the instrumented variants under unthrottled load with
// node --cpu-prof, so that Tracegate's cost can be set against plain
// OpenTelemetry's component by component.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { REPOSITORY_ROOT } from './child-process.mjs';
import { summariseProfile } from './cpu-profile.mjs';
import { runLoad } from './load.mjs';
import { startApp } from './measure.mjs';
import { startBenchReceiver } from './receiver-process.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { variantById } from './variants.mjs';

/** Folder of the .cpuprofile files, replaced on each run. */
export const PROFILE_DIRECTORY = `${REPOSITORY_ROOT}bench/results/profiles`;
/** Variants profiled, in report order. */
export const PROFILED_VARIANTS = ['otel', 'tracegate'];
const PROFILE_SECONDS = 10;
const FUNCTIONS_KEPT = 12;

/**
 * Runs every scenario once per profiled variant with the CPU profiler on,
 * and resolves with, per scenario, each variant's profile summary and the
 * number of requests it served while profiled.
 */
export async function runProfiles(settings, log) {
  rmSync(PROFILE_DIRECTORY, { recursive: true, force: true });
  mkdirSync(PROFILE_DIRECTORY, { recursive: true });
  const receiver = await startBenchReceiver();
  const results = [];
  try {
    for (const scenario of SCENARIOS) {
      const byVariant = {};
      for (const id of PROFILED_VARIANTS) {
        log(`profile: ${scenario.name} under ${variantById(id).name}`);
        byVariant[id] = await profileOne(scenario, id, receiver.url, settings);
      }
      results.push({ scenario: scenario.name, ...byVariant });
    }
  } finally {
    await receiver.stop();
  }
  return results;
}

async function profileOne(scenario, variantId, receiverUrl, settings) {
  const fileName = `${scenario.app.replace('.cjs', '')}-${variantId}.cpuprofile`;
  const app = await startApp(scenario, variantById(variantId), receiverUrl, [
    '--cpu-prof',
    `--cpu-prof-dir=${PROFILE_DIRECTORY}`,
    `--cpu-prof-name=${fileName}`,
  ]);
  let load;
  try {
    load = await runLoad(scenario, app.port, {
      connections: settings.throughputConnections,
      rate: 0,
      durationSeconds: PROFILE_SECONDS,
    });
  } finally {
    // The profile is written when the app exits.
    await app.stop();
  }
  const path = `${PROFILE_DIRECTORY}/${fileName}`;
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  return {
    path: path.slice(REPOSITORY_ROOT.length),
    requests: load.requests,
    ...summariseProfile(profile, FUNCTIONS_KEPT),
  };
}
