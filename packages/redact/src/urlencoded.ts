import type { RedactionContext } from './context';
import { mask } from './mask';
import { decodeComponent } from './percent-decode';
import { keySegment } from './path';
import { applyHits, findHits } from './text-scan';

/**
 * Redacts `key=value` pairs separated by '&', as in query strings and
 * x-www-form-urlencoded bodies. Only masked keys and values change, so every
 * other byte, including its percent-encoding, stays as written.
 */
export function redactUrlEncoded(
  text: string,
  context: RedactionContext,
  prefix: string,
): string {
  let result = '';
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('&', start);
    if (end < 0) {
      end = text.length;
    }
    result += redactPair(text.slice(start, end), context, prefix);
    if (end < text.length) {
      result += '&';
    }
    start = end + 1;
  }
  return result;
}

function redactPair(
  pair: string,
  context: RedactionContext,
  prefix: string,
): string {
  const equals = pair.indexOf('=');
  const rawKey = equals < 0 ? pair : pair.slice(0, equals);
  const rawValue = equals < 0 ? '' : pair.slice(equals + 1);
  const key = decodeComponent(rawKey);
  const keyText = redactKey(rawKey, key, context, prefix);
  if (equals < 0) {
    return keyText;
  }
  const path = prefix + keySegment(key === keyText ? key : keyText);
  return `${keyText}=${redactValue(rawValue, key, path, context)}`;
}

function redactKey(
  rawKey: string,
  key: string,
  context: RedactionContext,
  prefix: string,
): string {
  const hits = findHits(key, context.detectors);
  if (hits.length === 0) {
    return rawKey;
  }
  const masked = applyHits(key, hits);
  for (const hit of hits) {
    context.reporter.report(hit.type, prefix + keySegment(masked));
  }
  return masked;
}

function redactValue(
  rawValue: string,
  key: string,
  path: string,
  context: RedactionContext,
): string {
  if (rawValue === '') {
    return rawValue;
  }
  const rule = context.keys.matchCompound(key);
  if (rule !== undefined) {
    context.reporter.report(rule, path);
    return mask(rule);
  }
  const hits = findHits(decodeComponent(rawValue), context.detectors);
  if (hits.length === 0) {
    return rawValue;
  }
  // Offsets in the decoded value do not map back to the encoded bytes, so
  // the whole value is replaced by the mask of its first detection.
  for (const hit of hits) {
    context.reporter.report(hit.type, path);
  }
  return mask(hits[0].type);
}
