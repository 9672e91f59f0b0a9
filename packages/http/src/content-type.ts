import { parse } from 'content-type';

/** A parsed Content-Type header value. */
export interface MediaType {
  /** Lower-case type/subtype without parameters, e.g. `application/json`. */
  essence: string;
  /** The charset parameter, lower-case, when present. */
  charset?: string;
  /** The boundary parameter of multipart types, when present. */
  boundary?: string;
}

/** Parses a Content-Type value; returns undefined for a missing or invalid one. */
export function parseMediaType(
  value: string | number | string[] | undefined,
): MediaType | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    const parsed = parse(text);
    return {
      essence: parsed.type.toLowerCase(),
      charset: parsed.parameters.charset?.toLowerCase(),
      boundary: parsed.parameters.boundary,
    };
  } catch {
    // Lenient fallback: take what precedes the first ';' so a slightly
    // malformed header (an unquoted parameter with spaces) is still matched.
    const essence = text.split(';', 1)[0]?.trim().toLowerCase() ?? '';
    return /^[\w.+-]+\/[\w.+-]+$/.test(essence) ? { essence } : undefined;
  }
}

/**
 * Matches media types against configured patterns: `type/subtype`,
 * `type/*`, and structured-syntax suffixes such as `application/*+json`.
 */
export class MediaTypeMatcher {
  private readonly exact = new Set<string>();
  private readonly anySubtype = new Set<string>();
  private readonly suffixes: Array<{ type: string; suffix: string }> = [];

  constructor(patterns: readonly string[]) {
    for (const raw of patterns) {
      const pattern = raw.trim().toLowerCase();
      const [type, subtype] = pattern.split('/', 2);
      if (!type || !subtype) continue;
      if (subtype === '*') this.anySubtype.add(type);
      else if (subtype.startsWith('*+'))
        this.suffixes.push({ type, suffix: subtype.slice(1) });
      else this.exact.add(pattern);
    }
  }

  matches(essence: string): boolean {
    if (this.exact.has(essence)) return true;
    const slash = essence.indexOf('/');
    const type = essence.slice(0, slash);
    if (this.anySubtype.has(type)) return true;
    return this.suffixes.some(
      ({ type: t, suffix }) => t === type && essence.endsWith(suffix),
    );
  }
}
