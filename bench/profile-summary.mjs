// Prints the top self-time functions and components of .cpuprofile files.
// node bench/profile-summary.mjs <file.cpuprofile> [...] [--top <n>]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { summariseProfile } from './lib/cpu-profile.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '20' } },
});
if (positionals.length === 0) {
  console.error(
    'Usage: node bench/profile-summary.mjs <file.cpuprofile> [...] [--top <n>]',
  );
  process.exit(2);
}
for (const path of positionals) {
  const summary = summariseProfile(
    JSON.parse(readFileSync(path, 'utf8')),
    Number(values.top),
  );
  console.log(`${path}: ${summary.totalMs.toFixed(0)} ms sampled`);
  console.log('components:');
  for (const entry of summary.components) {
    console.log(
      `  ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.name}`,
    );
  }
  console.log('functions by self time:');
  for (const entry of summary.functions) {
    console.log(
      `  ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.selfMs.toFixed(0).padStart(6)} ms  ${entry.name}`,
    );
  }
}
