import { showValue } from './show-value';
import type { FilterOptionsInput } from './types';
import type { ParseResult, ValueKind } from './value-kind';

/** Parse failure of JSON text from the environment. */
class JsonSyntaxError {}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parser's message quotes the text, which may hold a Redis password.
    return new JsonSyntaxError();
  }
}

function parseOptions(raw: unknown): ParseResult<FilterOptionsInput> {
  if (raw instanceof JsonSyntaxError) {
    return { ok: false, detail: 'the text is not valid JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false };
  }
  // A JSON round trip keeps plain data only and drops getters and
  // prototypes, so the filters read a stable copy.
  try {
    return {
      ok: true,
      value: JSON.parse(JSON.stringify(raw)) as FilterOptionsInput,
    };
  } catch {
    return { ok: false, detail: 'the mapping cannot be copied as JSON' };
  }
}

// Only the mode and the field names are printed: a rate limit's redisUrl
// can carry a password.
function formatOptions(value: FilterOptionsInput): string {
  const fields = Object.keys(value).join(', ');
  const mode = typeof value.mode === 'string' ? value.mode : 'unset';
  return `a mapping with mode ${mode} and the fields ${fields}`;
}

function showOptionsInput(raw: unknown): string {
  if (typeof raw === 'string') return `a string of ${raw.length} characters`;
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    return formatOptions(raw as FilterOptionsInput);
  }
  return showValue(raw);
}

/**
 * Creates the kind of a built-in filter's options: a mapping in YAML and in
 * the options, a JSON object in the environment. Only the shape is checked
 * here; the filter's own validation checks each field when the agent starts
 * and leaves out invalid parts.
 */
export function filterOptionsKind(
  example: string,
): ValueKind<FilterOptionsInput> {
  return {
    typeLabel: 'filter options mapping',
    describeAccepted: (source) =>
      source === 'env'
        ? `a JSON object, for example ${example}`
        : 'a mapping of the filter options',
    parse: parseOptions,
    fromEnv: parseJson,
    format: formatOptions,
    showInput: showOptionsInput,
  };
}
