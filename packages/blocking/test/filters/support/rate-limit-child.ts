// Runs rate-limit checks in a separate process against a shared Redis.
// Usage: node rate-limit-child.js <redis url> <key prefix> <checks>
// Prints `{"allowed":n,"blocked":n}` on stdout.
import { createRateLimitFilter } from '../../../src/filters';
import { sharedLimit } from './shared-limit';
import { makeView } from './views';

async function main(): Promise<void> {
  const [url, keyPrefix, checks] = process.argv.slice(2);
  const filter = createRateLimitFilter({
    mode: 'block',
    // As in the parent test: a slow Redis reply must not pass as fail-open.
    redisTimeoutMs: 1000,
    limits: [sharedLimit(url, keyPrefix)],
  });
  if (filter === undefined) throw new Error('the filter was not created');
  await filter.ready(5000);
  let allowed = 0;
  let blocked = 0;
  for (let i = 0; i < Number(checks); i += 1) {
    const verdict = await filter.check(makeView('/items'));
    if (verdict === undefined) allowed += 1;
    else blocked += 1;
  }
  await filter.close();
  process.stdout.write(JSON.stringify({ allowed, blocked }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
