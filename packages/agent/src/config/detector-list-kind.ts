import type { RedactionAction } from '@tracegate/redact';
import { ACTIONS } from '@tracegate/redact';
import { z } from 'zod';
import { showName } from './show-value';
import type { CustomDetectorConfig } from './types';
import type { ParseResult, ValueKind } from './value-kind';

/**
 * Maximum custom detectors. Each value detector scans every captured value,
 * so the limit bounds the cost per request as well as memory.
 */
// NOTE: 64 is an estimate of what a service needs, not a measured cost limit.
export const MAX_CUSTOM_DETECTORS = 64;

/** Maximum characters of one pattern, because @tracegate/redact rejects longer ones. */
const MAX_PATTERN_CHARS = 1000;

// The rule @tracegate/redact applies to custom detector names.
const DETECTOR_NAME = /^[a-z][a-z0-9_.-]{0,63}$/;

const patternSchema = z.string().min(1).max(MAX_PATTERN_CHARS);

const detectorSchema = z.strictObject({
  name: z.string().regex(DETECTOR_NAME),
  keyPattern: patternSchema.optional(),
  valuePattern: patternSchema.optional(),
  flags: z
    .string()
    .regex(/^[imsu]*$/)
    .refine((flags) => new Set(flags).size === flags.length)
    .optional(),
  action: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(ACTIONS as [RedactionAction, ...RedactionAction[]]))
    .optional(),
});

const FIELD_RULES: Readonly<Record<string, string>> = {
  name: 'must be a lower-case name of letters, digits, _, . or - (for example employee_id)',
  keyPattern: `must be a non-empty string of at most ${MAX_PATTERN_CHARS} characters`,
  valuePattern: `must be a non-empty string of at most ${MAX_PATTERN_CHARS} characters`,
  flags: 'must be a string of distinct flags from i, m, s and u',
  action: `must be one of ${ACTIONS.join(', ')}`,
};

/** Parse failure of JSON text from the environment. */
class JsonSyntaxError {}

function describeEntryIssue(
  index: number,
  field: PropertyKey | undefined,
): string {
  const entry = `entry ${index + 1}`;
  if (typeof field === 'string' && field in FIELD_RULES) {
    return `${entry}: ${field} ${FIELD_RULES[field]}`;
  }
  return `${entry} must be a mapping of name, keyPattern or valuePattern, and the optional flags and action`;
}

// Fields are copied one by one so that an absent field stays absent.
function toConfig(entry: z.infer<typeof detectorSchema>): CustomDetectorConfig {
  const detector: CustomDetectorConfig = { name: entry.name };
  if (entry.keyPattern !== undefined) detector.keyPattern = entry.keyPattern;
  if (entry.valuePattern !== undefined) {
    detector.valuePattern = entry.valuePattern;
  }
  if (entry.flags !== undefined) detector.flags = entry.flags;
  if (entry.action !== undefined) detector.action = entry.action;
  return detector;
}

function parseEntry(
  raw: unknown,
  index: number,
): ParseResult<CustomDetectorConfig> {
  const result = detectorSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
      const fields = issue.keys.map(showName).join(', ');
      const detail = `entry ${index + 1} has the unknown field ${fields}`;
      return { ok: false, detail };
    }
    return { ok: false, detail: describeEntryIssue(index, issue?.path[0]) };
  }
  const hasKey = result.data.keyPattern !== undefined;
  const hasValue = result.data.valuePattern !== undefined;
  if (hasKey === hasValue) {
    const detail = `entry ${index + 1} (${result.data.name}) must set exactly one of keyPattern and valuePattern`;
    return { ok: false, detail };
  }
  return { ok: true, value: toConfig(result.data) };
}

function parseDetectorList(raw: unknown): ParseResult<CustomDetectorConfig[]> {
  if (raw instanceof JsonSyntaxError) {
    return { ok: false, detail: 'the text is not valid JSON' };
  }
  if (!Array.isArray(raw)) return { ok: false };
  if (raw.length > MAX_CUSTOM_DETECTORS) {
    const detail = `${raw.length} detectors are more than the maximum of ${MAX_CUSTOM_DETECTORS}`;
    return { ok: false, detail };
  }
  const detectors: CustomDetectorConfig[] = [];
  const names = new Set<string>();
  for (const [index, entry] of (raw as unknown[]).entries()) {
    const parsed = parseEntry(entry, index);
    if (!parsed.ok) return parsed;
    if (names.has(parsed.value.name)) {
      const detail = `entry ${index + 1} repeats the name ${parsed.value.name}`;
      return { ok: false, detail };
    }
    names.add(parsed.value.name);
    detectors.push(parsed.value);
  }
  return { ok: true, value: detectors };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parser's message quotes the text, so only the fact is kept.
    return new JsonSyntaxError();
  }
}

function formatDetectorList(value: readonly CustomDetectorConfig[]): string {
  const names = value.map((detector) => {
    const field = detector.keyPattern === undefined ? 'value' : 'key';
    return `${detector.name} (${field} pattern)`;
  });
  return names.length === 0 ? '[]' : `[${names.join(', ')}]`;
}

/**
 * List of custom detectors, checked for shape only: pattern syntax and safety
 * are checked when the Redactor is built. The list replaces the lower layer's
 * list whole.
 */
export const detectorListKind: ValueKind<CustomDetectorConfig[]> = {
  typeLabel: 'list of custom detectors',
  describeAccepted: (source) =>
    source === 'env'
      ? 'a JSON array of objects with name, keyPattern or valuePattern, and the optional flags and action, for example [{"name":"employee_id","valuePattern":"EMP-[0-9]{6}"}]'
      : 'a list of mappings with name, keyPattern or valuePattern, and the optional flags and action',
  parse: parseDetectorList,
  fromEnv: parseJson,
  format: formatDetectorList,
};
