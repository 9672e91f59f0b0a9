import type { FindingSink, Redactor } from '@tracegate/redact';
import type { VariableSinks } from './variable-sinks';

/** Redacted variables as JSON text, and the raw values that were masked whole. */
export interface RedactedVariables {
  text: string;
  truncated: boolean;
  /** String forms of the masked values, so error messages can mask them too. */
  maskedValues: string[];
}

/** Path prefix of variable findings, as in `graphql.variables.p=password`. */
export const VARIABLES_PATH = 'graphql.variables';

/** Masked raw values remembered per operation for error messages. */
const MAX_MASKED_VALUES = 50;
/** Shorter masked values are not searched in error messages, because they match ordinary words. */
const MIN_MASKED_VALUE_LENGTH = 3;
/** The mask that the redactor returns in place of the input when redaction fails. */
const UNPARSED_MASK = '[REDACTED:unparsed]';
/** Values looked at per masked variable when collecting its leaves. */
const MAX_LEAF_VISITS = 1000;
/** Value that is passed to `Redactor.field` only to learn whether a name is sensitive. */
const PROBE = 'x';

/**
 * Redacts an operation's variables. A variable is masked whole when its own
 * name, its type name, or an argument or input field it feeds is a
 * sensitive key. Any other variable goes through the JSON redactor, which
 * applies the key rules to the keys inside it and the value detectors to
 * every value. The text is cut at `maxLength` characters after redaction.
 */
export function redactVariables(
  values: Readonly<Record<string, unknown>>,
  sinks: VariableSinks | undefined,
  redactor: Redactor,
  maxLength: number,
  findings: FindingSink,
): RedactedVariables {
  const entries: string[] = [];
  const maskedValues: string[] = [];
  let length = 2;
  let truncated = false;
  for (const [name, value] of Object.entries(values)) {
    const path = `${VARIABLES_PATH}.${name}`;
    const key = JSON.stringify(name) + ':';
    const remaining = maxLength - length - key.length - 1;
    if (remaining <= 0) {
      truncated = true;
      break;
    }
    const names = sinks?.get(name) ?? new Set([name]);
    const maskType = sensitiveType(redactor, names);
    let valueText: string;
    if (maskType !== undefined) {
      findings({ type: maskType, path });
      collectLeaves(value, maskedValues);
      valueText = JSON.stringify(`[REDACTED:${maskType}]`);
    } else {
      // A long string is shortened before encoding, so an upload sent as a
      // variable is not copied whole.
      const json = toJson(
        typeof value === 'string' && value.length > remaining
          ? value.slice(0, remaining)
          : value,
      );
      if (json === undefined) continue;
      const cut = json.length > remaining;
      valueText = redactor.json(
        cut ? json.slice(0, remaining) : json,
        (finding) => findings({ ...finding, path: rebase(finding.path, path) }),
        cut,
      );
      // A failed redaction returns the bare mask, which is not JSON.
      if (valueText === UNPARSED_MASK) valueText = JSON.stringify(valueText);
      truncated ||= cut;
    }
    entries.push(key + valueText);
    length += key.length + valueText.length + 1;
    if (truncated) break;
  }
  const text = `{${entries.join(',')}${truncated ? '' : '}'}`;
  return { text: text.slice(0, maxLength), truncated, maskedValues };
}

/** Returns the key rule that makes one of `names` sensitive, if any. */
function sensitiveType(
  redactor: Redactor,
  names: ReadonlySet<string>,
): string | undefined {
  for (const name of names) {
    let type: string | undefined;
    redactor.field(name, PROBE, (finding) => {
      type = finding.type;
    });
    if (type !== undefined) return type;
  }
  return undefined;
}

function toJson(value: unknown): string | undefined {
  try {
    // JSON.stringify returns undefined for undefined and functions.
    const json: string | undefined = JSON.stringify(value);
    return json;
  } catch {
    // Cyclic or BigInt values can come from apps that call execute directly.
    return JSON.stringify('[unserializable]');
  }
}

/** Moves a redactor finding path (`body.a.b`) under the variable's path. */
function rebase(findingPath: string, variablePath: string): string {
  return findingPath.startsWith('body')
    ? variablePath + findingPath.slice('body'.length)
    : `${variablePath}.${findingPath}`;
}

/** Collects the string forms of a masked value's leaves, iteratively and bounded. */
function collectLeaves(value: unknown, into: string[]): void {
  const stack: unknown[] = [value];
  let visited = 0;
  while (stack.length > 0 && into.length < MAX_MASKED_VALUES) {
    if (++visited > MAX_LEAF_VISITS) return;
    const item = stack.pop();
    if (typeof item === 'string' || typeof item === 'number') {
      const text = String(item);
      if (text.length >= MIN_MASKED_VALUE_LENGTH) into.push(text);
    } else if (typeof item === 'object' && item !== null) {
      for (const child of Object.values(item)) {
        if (stack.length >= MAX_LEAF_VISITS) break;
        stack.push(child);
      }
    }
  }
}
