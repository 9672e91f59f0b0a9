import type { AttackFamily, AttackInput } from '../src';
import { inspectValue } from '../src';

/** Rule ids that `inspectValue` reports for `value` in one family. */
export function rulesFor(value: string, family: AttackFamily): string[] {
  return inspectValue(value, [family]).map((finding) => finding.rule);
}

/** Returns an empty request for a test to fill in. */
export function emptyRequest(): AttackInput {
  return { path: '/', query: {}, headers: {}, cookies: {} };
}
