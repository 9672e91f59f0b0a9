const MIN_RANDOM_LENGTH = 24;
// Random base64url text changes between upper case, lower case, digits
// and symbols at about two of three characters. Identifiers and words in
// camel case change less often.
const MIN_CLASS_CHANGE_RATE = 0.35;
// Runs of lower-case letters in random base64url text are about 1.7
// characters long on average. In words written in camel case they are
// longer than 3.
const MAX_MEAN_LOWER_RUN = 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function characterClass(code: number): number {
  if (code >= 0x41 && code <= 0x5a) {
    return 1;
  }
  if (code >= 0x61 && code <= 0x7a) {
    return 2;
  }
  if (code >= 0x30 && code <= 0x39) {
    return 3;
  }
  return 4;
}

/**
 * Returns whether a string looks like a random token: 24 or more base64url
 * characters that mix upper case, lower case and digits and change between
 * them often. UUIDs, hex digests, words and identifiers do not qualify.
 */
export function looksRandom(text: string): boolean {
  if (
    text.length < MIN_RANDOM_LENGTH ||
    !/^[A-Za-z0-9_-]+$/.test(text) ||
    UUID.test(text)
  ) {
    return false;
  }
  if (!/[A-Z]/.test(text) || !/[a-z]/.test(text) || !/[0-9]/.test(text)) {
    return false;
  }
  let changes = 0;
  let lower = 0;
  let lowerRuns = 0;
  for (let i = 0; i < text.length; i++) {
    const kind = characterClass(text.charCodeAt(i));
    const previous = i === 0 ? 0 : characterClass(text.charCodeAt(i - 1));
    if (i > 0 && kind !== previous) {
      changes++;
    }
    if (kind === 2) {
      lower++;
      if (previous !== 2) {
        lowerRuns++;
      }
    }
  }
  return (
    changes / (text.length - 1) >= MIN_CLASS_CHANGE_RATE &&
    lower / lowerRuns <= MAX_MEAN_LOWER_RUN
  );
}
