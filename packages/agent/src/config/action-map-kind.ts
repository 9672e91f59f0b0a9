import type { RedactionAction } from '@tracegate/redact';
import { ACTIONS } from '@tracegate/redact';
import { showName, showValue } from './show-value';
import type { ParseResult, ValueKind } from './value-kind';

type ActionMap = Record<string, RedactionAction>;

/**
 * Maximum types in `redaction.actions`, so that a hostile input cannot grow
 * the map without bound.
 */
export const MAX_ACTION_TYPES = 256;

// Detector types, key rules, header names and custom detector names are all
// HTTP tokens, which also keeps `=` and `,` of the env format out of names.
const TYPE_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/;

/** Parse failure of `type=action` text from the environment, with its reason. */
class ActionSyntaxError {
  constructor(readonly detail: string) {}
}

function parseAction(value: unknown): RedactionAction | undefined {
  if (typeof value !== 'string') return undefined;
  const action = value.trim().toLowerCase();
  return ACTIONS.find((known) => known === action);
}

function parseActionMap(raw: unknown): ParseResult<ActionMap> {
  if (raw instanceof ActionSyntaxError) {
    return { ok: false, detail: raw.detail };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false };
  }
  const names = Object.keys(raw);
  if (names.length > MAX_ACTION_TYPES) {
    const detail = `${names.length} types are more than the maximum of ${MAX_ACTION_TYPES}`;
    return { ok: false, detail };
  }
  const actions = new Map<string, RedactionAction>();
  for (const name of names) {
    if (!TYPE_NAME.test(name)) {
      return { ok: false, detail: `${showName(name)} is not a type name` };
    }
    const value: unknown = (raw as Record<string, unknown>)[name];
    const action = parseAction(value);
    if (action === undefined) {
      const detail = `the action of ${name}, ${showValue(value)}, is not one of ${ACTIONS.join(', ')}`;
      return { ok: false, detail };
    }
    // The redactor looks types up in lower case.
    actions.set(name.toLowerCase(), action);
  }
  // fromEntries defines own properties, so no name can reach a prototype.
  return { ok: true, value: Object.fromEntries(actions) };
}

/** Reads `type=action` pairs separated by commas. */
function parseActionPairs(text: string): unknown {
  const pairs: Array<[string, string]> = [];
  for (const [index, item] of text.split(',').entries()) {
    if (item.trim() === '') continue;
    const equals = item.indexOf('=');
    if (equals <= 0) {
      return new ActionSyntaxError(`pair ${index + 1} is not type=action`);
    }
    pairs.push([item.slice(0, equals).trim(), item.slice(equals + 1).trim()]);
  }
  return Object.fromEntries(pairs);
}

function formatActionMap(value: ActionMap): string {
  const pairs = Object.entries(value).map(([type, action]) => {
    return `${type}=${action}`;
  });
  return pairs.length === 0 ? '{}' : `{${pairs.join(', ')}}`;
}

function mergeActionMaps(
  lower: ActionMap | undefined,
  upper: ActionMap,
): ActionMap {
  const merged = new Map(Object.entries(lower ?? {}));
  for (const [type, action] of Object.entries(upper)) merged.set(type, action);
  return Object.fromEntries(merged);
}

/** Map of redaction types to actions, merged per type across layers. */
export const actionMapKind: ValueKind<ActionMap> = {
  typeLabel: `map of type to action (${ACTIONS.join(', ')})`,
  describeAccepted: (source) =>
    source === 'env'
      ? `comma-separated type=action pairs with actions from ${ACTIONS.join(', ')}, for example credit_card=partial,email=hash`
      : `a mapping of types to actions from ${ACTIONS.join(', ')}, for example credit_card: partial`,
  parse: parseActionMap,
  fromEnv: parseActionPairs,
  format: formatActionMap,
  merge: mergeActionMaps,
};
