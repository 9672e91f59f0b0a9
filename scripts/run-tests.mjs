// Runs every compiled test file (`*.test.js`) of the packages and of test/
// with node's test runner. Listing files explicitly keeps helper modules in
// test folders from being run as tests, which a bare directory would do.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = [
  ...readdirSync('packages').map((name) =>
    join('packages', name, 'dist', 'test'),
  ),
  join('test', 'dist'),
];

function testFiles(directory) {
  let names;
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

const only = process.argv.slice(2);
const files = roots
  .flatMap(testFiles)
  .filter(
    (file) => only.length === 0 || only.some((part) => file.includes(part)),
  )
  .sort();
if (files.length === 0) {
  console.error('no test files found: run `npm run build` first');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
