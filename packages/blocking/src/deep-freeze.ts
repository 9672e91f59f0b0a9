/**
 * Freezes a value and everything in it, so a filter cannot change what the
 * filters after it see. It walks with its own stack because a hostile body
 * or message can nest deeper than the call stack allows.
 */
export function deepFreeze<T>(value: T): T {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null || Object.isFrozen(next)) {
      continue;
    }
    Object.freeze(next);
    for (const child of Object.values(next)) pending.push(child);
  }
  return value;
}
