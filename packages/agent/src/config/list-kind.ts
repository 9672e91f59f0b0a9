import type { ZodType } from 'zod';
import { z } from 'zod';
import { showValue } from './show-value';
import type { ValueKind } from './value-kind';
import { fromZod } from './value-kind';

/** Entry type of a list setting. */
export interface ListEntry {
  /** Singular noun for one entry, such as `media range`. */
  noun: string;
  /** Plural of `noun` when adding an s is wrong, such as `trusted proxies`. */
  plural?: string;
  /** Typical entries, quoted in problem messages. */
  examples: string;
  schema: ZodType<string>;
}

function splitCommaList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function formatList(items: readonly string[]): string {
  return items.length === 0 ? '[]' : `[${items.join(', ')}]`;
}

/**
 * Creates the kind of a list of strings, which replaces the lower layer's list
 * whole and is comma-separated in the environment.
 */
export function listKind(entry: ListEntry): ValueKind<string[]> {
  const schema = z.array(entry.schema);
  const nouns = entry.plural ?? `${entry.noun}s`;
  return {
    typeLabel: `list of ${nouns}`,
    describeAccepted: (source) =>
      source === 'env'
        ? `a comma-separated list of ${nouns}, for example ${entry.examples}`
        : `a list of ${nouns}, for example ${entry.examples}`,
    parse: (raw) =>
      fromZod(schema.safeParse(raw), (path) => {
        const index = path[0];
        if (typeof index !== 'number' || !Array.isArray(raw)) return undefined;
        return `entry ${index + 1}, ${showValue(raw[index])}, is not a valid ${entry.noun}`;
      }),
    fromEnv: splitCommaList,
    format: formatList,
  };
}
