/**
 * Describes a Redis URL for messages and logs: scheme, host, port and
 * database, never the user name or password.
 */
export function describeRedisUrl(text: string): string {
  try {
    const url = new URL(text);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

/**
 * Returns what is wrong with a configured Redis URL, or undefined when it is
 * a `redis://` or `rediss://` URL with a host. The message never repeats
 * the value, because it can carry a password.
 */
export function redisUrlProblem(value: unknown): string | undefined {
  if (value === undefined) {
    return 'is missing; the redis store needs a URL such as redis://127.0.0.1:6379';
  }
  if (typeof value !== 'string') return `must be a string, got ${typeof value}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a valid URL (expected redis://host:port or rediss://host:port)';
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    return `has scheme ${url.protocol}, but only redis: and rediss: are accepted`;
  }
  if (url.hostname === '') return 'has no host';
  return undefined;
}
