// Command-line options of bench/run.mjs.
import { parseArgs } from 'node:util';

/** Usage text of bench/run.mjs. */
export const USAGE = `Usage: npm run bench -- [options]

Without options, runs the overhead benchmark (about 19 minutes on 2 cores)
and writes its section of docs/benchmarks.md.

  --quick            one short round (about 2 minutes), for a smoke test
  --rounds <n>       rounds of the overhead run (default 3)
  --soak             run the memory soak instead, against Tracegate
  --minutes <n>      length of the soak in minutes (default 5)
  --variant <id>     agent variant of the soak: tracegate (default) or blocking
  --profile          profile Tracegate under load with node --cpu-prof instead
  --no-write         print the results but leave docs/benchmarks.md as it is
  -h, --help         print this text
`;

/** Parses argv into a mode and the settings of that mode. */
export function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      soak: { type: 'boolean', default: false },
      minutes: { type: 'string', default: '5' },
      variant: { type: 'string', default: 'tracegate' },
      profile: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const mode = values.help
    ? 'help'
    : values.soak
      ? 'soak'
      : values.profile
        ? 'profile'
        : 'overhead';
  const rounds = positiveNumber(
    '--rounds',
    values.rounds ?? (values.quick ? '1' : '3'),
  );
  const quick = values.quick;
  return {
    mode,
    write: !values['no-write'],
    command: [
      'npm run bench',
      ...(argv.length > 0 ? ['--', ...argv] : []),
    ].join(' '),
    rounds,
    soakMinutes: positiveNumber('--minutes', values.minutes),
    soakVariant: soakVariant(values.variant),
    warmupSeconds: quick ? 1 : 2,
    latencySeconds: quick ? 2 : 6,
    throughputSeconds: quick ? 2 : 5,
    // Requests per second of the latency phase: below the unthrottled
    // throughput of every variant and scenario on a 2-core machine, so the
    // phase measures latency at moderate load.
    rate: 150,
    latencyConnections: 1,
    throughputConnections: 8,
  };
}

function soakVariant(id) {
  if (id !== 'tracegate' && id !== 'blocking') {
    throw new Error(
      `invalid --variant value "${id}": expected tracegate or blocking`,
    );
  }
  return id;
}

function positiveNumber(name, text) {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(
      `invalid ${name} value "${text}": expected a positive number`,
    );
  }
  return value;
}
