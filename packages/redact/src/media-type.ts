/** Body formats that have a dedicated redactor. */
export type BodyFormat = 'json' | 'form' | 'xml' | 'graphql' | 'text';

const JSON_TYPES: ReadonlySet<string> = new Set([
  'application/json',
  'application/x-ndjson',
  'application/jsonl',
]);
const XML_TYPES: ReadonlySet<string> = new Set(['application/xml', 'text/xml']);
// Fetch sends a string body as text/plain when no Content-Type is set, so
// JSON often arrives under these types.
const SNIFFED_TYPES: ReadonlySet<string> = new Set([
  '',
  'text/plain',
  'application/octet-stream',
]);

/** Reduces a media type to its lower-case essence, without parameters. */
export function mediaTypeEssence(mediaType: string): string {
  const semicolon = mediaType.indexOf(';');
  const essence = semicolon < 0 ? mediaType : mediaType.slice(0, semicolon);
  return essence.trim().toLowerCase();
}

/** Chooses the redactor for a body from its media type, and from its first character where the type is generic. */
export function bodyFormat(mediaType: string, text: string): BodyFormat {
  const essence = mediaTypeEssence(mediaType);
  if (JSON_TYPES.has(essence) || essence.endsWith('+json')) {
    return 'json';
  }
  if (essence === 'application/x-www-form-urlencoded') {
    return 'form';
  }
  if (XML_TYPES.has(essence) || essence.endsWith('+xml')) {
    return 'xml';
  }
  if (essence === 'application/graphql') {
    return 'graphql';
  }
  if (SNIFFED_TYPES.has(essence) && looksLikeJson(text)) {
    return 'json';
  }
  return 'text';
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart().charAt(0);
  return first === '{' || first === '[';
}
