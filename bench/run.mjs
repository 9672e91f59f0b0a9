// Entry point of `npm run bench`: the overhead run, the memory soak or the
// CPU profile, each writing its own section of docs/benchmarks.md.
import { writeFileSync, mkdirSync } from 'node:fs';
import * as prettier from 'prettier';
import { writeSection } from './lib/doc-page.mjs';
import { describeMachine } from './lib/machine.mjs';
import { parseOptions, USAGE } from './lib/options.mjs';
import { runOverhead } from './lib/overhead.mjs';
import { overheadMarkdown } from './lib/overhead-report.mjs';
import { REPOSITORY_ROOT } from './lib/child-process.mjs';
import { runProfiles } from './lib/profile.mjs';
import { profileMarkdown } from './lib/profile-report.mjs';
import { runSoak } from './lib/soak.mjs';
import { soakMarkdown } from './lib/soak-report.mjs';

const RESULTS_DIRECTORY = `${REPOSITORY_ROOT}bench/results`;

function log(message) {
  process.stderr.write(`${message}\n`);
}

// The JSON is formatted with prettier because `npm run lint` checks every
// file that the root .gitignore does not list, this folder included.
async function saveRawResults(name, data) {
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  const path = `${RESULTS_DIRECTORY}/${name}.json`;
  writeFileSync(
    path,
    await prettier.format(JSON.stringify(data), { parser: 'json' }),
  );
  log(`raw results: ${path}`);
}

async function runMode(settings) {
  const machine = describeMachine();
  if (settings.mode === 'overhead') {
    const result = await runOverhead(settings, log);
    await saveRawResults('overhead', { machine, settings, ...result });
    return ['overhead', overheadMarkdown(result, settings, machine)];
  }
  if (settings.mode === 'soak') {
    const soak = await runSoak(settings, log);
    await saveRawResults(`soak-${settings.soakVariant}`, {
      machine,
      settings,
      ...soak,
    });
    const section =
      settings.soakVariant === 'blocking' ? 'soak-blocking' : 'soak';
    return [section, soakMarkdown(soak, settings, machine)];
  }
  const profiles = await runProfiles(settings, log);
  await saveRawResults('profile', { machine, settings, profiles });
  return ['profile', profileMarkdown(profiles, settings, machine)];
}

async function main() {
  let settings;
  try {
    settings = parseOptions(process.argv.slice(2));
  } catch (error) {
    log(
      `bench: ${error.message}. Run npm run bench -- --help for the options.`,
    );
    process.exitCode = 2;
    return;
  }
  if (settings.mode === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const [section, markdown] = await runMode(settings);
  process.stdout.write(`${markdown}\n`);
  if (settings.write) {
    await writeSection(section, markdown);
    log(`wrote the ${section} section of docs/benchmarks.md`);
  }
}

main().catch((error) => {
  log(`bench: ${error.stack ?? error}`);
  process.exitCode = 1;
});
