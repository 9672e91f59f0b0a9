// The memory soak: sustained 64 KiB POSTs against Tracegate while RSS is
// sampled from /proc, to show whether memory stays flat.
import { runLoad } from './load.mjs';
import { startApp } from './measure.mjs';
import { readStatusBytes } from './proc-stats.mjs';
import { startBenchReceiver } from './receiver-process.mjs';
import { LARGE_BODY_SCENARIO } from './scenarios.mjs';
import { mean, slope } from './stats.mjs';
import { variantById } from './variants.mjs';

const SAMPLE_INTERVAL_MS = 5000;

/**
 * Runs the soak for `settings.soakMinutes` and resolves with the RSS
 * samples ({ seconds, rssBytes }), the load result and the derived figures.
 */
export async function runSoak(settings, log) {
  const scenario = LARGE_BODY_SCENARIO;
  const receiver = await startBenchReceiver();
  const variant = variantById(settings.soakVariant);
  const app = await startApp(scenario, variant, receiver.url);
  const samples = [];
  let loadResult;
  try {
    const durationSeconds = settings.soakMinutes * 60;
    log(
      `soak: ${scenario.name} against ${variant.name} for ${durationSeconds} s`,
    );
    const load = runLoad(scenario, app.port, {
      connections: settings.throughputConnections,
      rate: 0,
      durationSeconds,
    });
    const startedAt = Date.now();
    const sampler = setInterval(() => {
      const seconds = (Date.now() - startedAt) / 1000;
      const rssBytes = readStatusBytes(app.child.pid, 'VmRSS');
      samples.push({ seconds, rssBytes });
      log(
        `  ${seconds.toFixed(0)} s: RSS ${(rssBytes / 2 ** 20).toFixed(1)} MiB`,
      );
    }, SAMPLE_INTERVAL_MS);
    try {
      loadResult = await load;
    } finally {
      clearInterval(sampler);
    }
    loadResult.peakRssBytes = readStatusBytes(app.child.pid, 'VmHWM');
  } finally {
    await app.stop();
    await receiver.stop();
  }
  return {
    scenario: scenario.name,
    variant: variant.name,
    samples,
    load: loadResult,
    ...assess(samples),
  };
}

/**
 * Compares the mean RSS of the first and the last minute, and fits a slope
 * to the samples after the first minute, because the heap grows to its
 * working size during that minute.
 */
export function assess(samples) {
  const end = samples.at(-1)?.seconds ?? 0;
  const firstMinute = samples.filter((sample) => sample.seconds <= 60);
  const lastMinute = samples.filter((sample) => sample.seconds > end - 60);
  const afterFirstMinute = samples.filter((sample) => sample.seconds > 60);
  const firstMeanBytes = mean(firstMinute.map((sample) => sample.rssBytes));
  const lastMeanBytes = mean(lastMinute.map((sample) => sample.rssBytes));
  const bytesPerSecond = slope(
    afterFirstMinute.map((sample) => ({
      x: sample.seconds,
      y: sample.rssBytes,
    })),
  );
  return {
    firstMinuteMeanBytes: firstMeanBytes,
    lastMinuteMeanBytes: lastMeanBytes,
    slopeMiBPerMinute:
      bytesPerSecond === null ? null : (bytesPerSecond * 60) / 2 ** 20,
  };
}
