const ENCODED_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/**
 * Decodes one component of a query string or form body: '+' is a space and
 * %XX escapes are UTF-8. Malformed escapes are kept as written and invalid
 * UTF-8 becomes U+FFFD, so decoding does not throw.
 */
export function decodeComponent(raw: string): string {
  const spaced = raw.includes('+') ? raw.replace(/\+/g, ' ') : raw;
  if (!spaced.includes('%')) {
    return spaced;
  }
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(ENCODED_RUN, (run) =>
      Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'),
    );
  }
}
