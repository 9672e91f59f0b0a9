import type { RedactionContext } from './context';
import { replaceValue } from './context';
import { looksRandom } from './random-token';
import { applyHits, reportHits } from './text-scan';

/** Type of a path segment that looks like a secret without a detector naming it. */
export const URL_TOKEN_TYPE = 'url_token';

// Path words after which the next segment is a one-time secret, as in
// `/reset-password/<token>` or `/verify/<code>`.
const SECRET_CARRIERS: ReadonlySet<string> = new Set([
  'reset',
  'resetpassword',
  'passwordreset',
  'verify',
  'verifyemail',
  'verification',
  'confirm',
  'confirmemail',
  'confirmation',
  'activate',
  'activation',
  'invite',
  'invitation',
  'magic',
  'magiclink',
  'loginlink',
  'unsubscribe',
]);
const MIN_CARRIED_LENGTH = 6;

function decodePathSegment(segment: string): string {
  if (!segment.includes('%')) {
    return segment;
  }
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Returns the type under which a segment is a secret because of the segment before it, or undefined. */
function carriedSecretType(
  segment: string,
  previous: string | undefined,
  context: RedactionContext,
): string | undefined {
  if (
    previous === undefined ||
    segment.length < MIN_CARRIED_LENGTH ||
    !/[0-9]/.test(segment)
  ) {
    return undefined;
  }
  const rule = context.keys.match(previous);
  if (rule !== undefined) {
    return rule;
  }
  return SECRET_CARRIERS.has(previous.toLowerCase().replace(/[-_.]/g, ''))
    ? URL_TOKEN_TYPE
    : undefined;
}

function redactSegment(
  segment: string,
  previous: string | undefined,
  context: RedactionContext,
  path: string,
): string {
  const value = decodePathSegment(segment);
  const hits = context.detectors.find(value);
  if (hits.length > 0) {
    if (value === segment) {
      reportHits(hits, context, path);
      return applyHits(segment, hits, context);
    }
    // Offsets in the decoded segment do not map back to the encoded one.
    reportHits(hits, context, path);
    const replacement = hits
      .map((hit) =>
        context.replacer.replace(hit.type, value.slice(hit.start, hit.end)),
      )
      .find((text) => text !== undefined);
    return replacement ?? segment;
  }
  const type = looksRandom(value)
    ? URL_TOKEN_TYPE
    : carriedSecretType(value, previous, context);
  if (type === undefined) {
    return segment;
  }
  return replaceValue(context, type, value, path) ?? segment;
}

/**
 * Redacts the path of a URL segment by segment: detections, segments that
 * look like random tokens, and segments after a word such as `reset` or a
 * key rule such as `token` (`/reset/<token>`, `/api_key/<key>`).
 */
export function redactUrlPath(
  pathText: string,
  context: RedactionContext,
  findingPath: string,
): string {
  if (pathText === '' || pathText === '/') {
    return pathText;
  }
  const segments = pathText.split('/');
  let previous: string | undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment !== '') {
      segments[i] = redactSegment(segment, previous, context, findingPath);
      previous = decodePathSegment(segment);
    }
  }
  return segments.join('/');
}
