import type { RedactionContext } from './context';
import { replaceValue } from './context';
import { maskCutTail } from './cut-tail';
import { isGraphqlDocument, redactGraphql } from './graphql';
import { redactGraphqlVariables } from './graphql-request';
import { decodeComponent } from './percent-decode';
import { keySegment } from './path';
import { applyHits, reportHits } from './text-scan';

interface Pair {
  readonly rawKey: string;
  /** Raw value, or undefined for a bare key without '='. */
  readonly rawValue: string | undefined;
}

function splitPairs(text: string): Pair[] {
  return text.split('&').map((pair) => {
    const equals = pair.indexOf('=');
    return equals < 0
      ? { rawKey: pair, rawValue: undefined }
      : { rawKey: pair.slice(0, equals), rawValue: pair.slice(equals + 1) };
  });
}

/**
 * Redacts `key=value` pairs separated by '&', as in query strings and
 * x-www-form-urlencoded bodies. Only masked keys and values change, so every
 * other byte, including its percent-encoding, stays as written. A GraphQL
 * request sent as `query=...&variables=...` gets its document redacted and
 * its variables mapped to the arguments they feed. `truncated` marks text
 * cut by a size limit, whose last value may be the start of a secret.
 */
export function redactUrlEncoded(
  text: string,
  context: RedactionContext,
  prefix: string,
  truncated = false,
): string {
  const pairs = splitPairs(text);
  const graphql = graphqlPairs(pairs, context, prefix);
  return pairs
    .map((pair, index) => {
      const replaced = graphql.get(index);
      if (replaced !== undefined) {
        return `${pair.rawKey}=${replaced}`;
      }
      return redactPair(
        pair,
        context,
        prefix,
        truncated && index === pairs.length - 1,
      );
    })
    .join('&');
}

/** Returns the redacted raw values of the `query` and `variables` pairs of a GraphQL request, by pair index. */
function graphqlPairs(
  pairs: readonly Pair[],
  context: RedactionContext,
  prefix: string,
): Map<number, string> {
  const replaced = new Map<number, string>();
  const queryIndex = pairs.findIndex(
    (pair) => decodeComponent(pair.rawKey) === 'query',
  );
  const query = pairs[queryIndex]?.rawValue;
  if (query === undefined || !isGraphqlDocument(decodeComponent(query))) {
    return replaced;
  }
  const document = redactGraphql(
    decodeComponent(query),
    context,
    `${prefix}.query`,
  );
  if (document.text !== decodeComponent(query)) {
    replaced.set(queryIndex, encodeURIComponent(document.text));
  }
  const variablesIndex = pairs.findIndex(
    (pair) => decodeComponent(pair.rawKey) === 'variables',
  );
  const variables = pairs[variablesIndex]?.rawValue;
  if (variables === undefined) {
    return replaced;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeComponent(variables));
  } catch {
    return replaced;
  }
  const redacted = redactGraphqlVariables(
    parsed,
    document.variableRules,
    context,
    `${prefix}.variables`,
  );
  replaced.set(variablesIndex, encodeURIComponent(redacted));
  return replaced;
}

/** Redacts one pair; `cut` marks the last pair of a text cut by a size limit. */
function redactPair(
  pair: Pair,
  context: RedactionContext,
  prefix: string,
  cut: boolean,
): string {
  const key = decodeComponent(pair.rawKey);
  const keyText = redactKey(pair.rawKey, key, context, prefix);
  if (pair.rawValue === undefined) {
    return keyText;
  }
  const path = prefix + keySegment(key === keyText ? key : keyText);
  const value = redactValue(pair.rawValue, key, path, context);
  // The value may be the start of a secret that the detectors cannot
  // confirm.
  const tail =
    cut && value === pair.rawValue
      ? maskCutTail(value, context, path, true)
      : value;
  return `${keyText}=${tail}`;
}

function redactKey(
  rawKey: string,
  key: string,
  context: RedactionContext,
  prefix: string,
): string {
  const hits = context.detectors.find(key);
  if (hits.length === 0) {
    return rawKey;
  }
  const masked = applyHits(key, hits, context);
  reportHits(hits, context, prefix + keySegment(masked));
  return masked === key ? rawKey : masked;
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
  const value = decodeComponent(rawValue);
  const rule = context.keys.matchCompound(key);
  if (rule !== undefined) {
    return replaceValue(context, rule, value, path) ?? rawValue;
  }
  const hits = context.detectors.find(value, key);
  if (hits.length === 0) {
    return rawValue;
  }
  reportHits(hits, context, path);
  // Offsets in the decoded value do not map back to the encoded bytes, so
  // the whole value is replaced by the output of its first detection whose
  // action does not keep it.
  for (const hit of hits) {
    const replacement = context.replacer.replace(
      hit.type,
      value.slice(hit.start, hit.end),
    );
    if (replacement !== undefined) {
      return replacement;
    }
  }
  return rawValue;
}
