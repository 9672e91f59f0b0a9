import { toMaskType } from './mask';

/** Lower-cases a key and removes '-', '_' and '.' so spelling variants compare equal. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_.]/g, '');
}

/** A key pattern with the type its matches get. */
export interface KeyPattern {
  readonly pattern: RegExp;
  /** Mask type, or undefined to use the lower-cased key. */
  readonly type: string | undefined;
}

// Keys repeat across the records of a body, so results are cached. The
// bound keeps a body of unique keys from growing the cache without limit.
const MAX_CACHED_KEYS = 4096;
const NO_RULE = '';

/** Returns the type of a key matched by a pattern rule: the key itself, unless it looks like data. */
function typeOfMatchedKey(key: string): string {
  // A key such as a card number or an address would leak through its mask.
  return /\d{6}|@/.test(key) ? 'key' : toMaskType(key);
}

/** Key-name rules: which keys hold sensitive values, and the mask type of each. */
export class KeyRules {
  private readonly typesByName = new Map<string, string>();
  private readonly cache = new Map<string, string>();
  private readonly compoundCache = new Map<string, string>();

  constructor(
    names: readonly string[],
    private readonly patterns: readonly KeyPattern[],
  ) {
    for (const name of names) {
      const normalized = normalizeKey(name);
      // The first rule wins, so a default keeps its type when a caller
      // repeats it in another spelling.
      if (normalized !== '' && !this.typesByName.has(normalized)) {
        this.typesByName.set(normalized, toMaskType(name));
      }
    }
  }

  /** Returns the mask type when `key` matches a rule, otherwise undefined. */
  match(key: string): string | undefined {
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      return cached === NO_RULE ? undefined : cached;
    }
    const type = this.matchUncached(key);
    remember(this.cache, key, type);
    return type;
  }

  /**
   * Matches a compound key such as `user[password]` or `user.password` by the
   * whole key and by its last segment.
   */
  matchCompound(key: string): string | undefined {
    const cached = this.compoundCache.get(key);
    if (cached !== undefined) {
      return cached === NO_RULE ? undefined : cached;
    }
    const whole = this.match(key);
    const last = whole === undefined ? lastSegment(key) : key;
    const type = whole ?? (last === key ? undefined : this.match(last));
    remember(this.compoundCache, key, type);
    return type;
  }

  private matchUncached(key: string): string | undefined {
    for (const { pattern, type } of this.patterns) {
      // A global or sticky RegExp keeps lastIndex between calls, which would
      // make the same key match only every other time.
      pattern.lastIndex = 0;
      if (type !== undefined && pattern.test(key)) {
        return type;
      }
    }
    const type = this.typesByName.get(normalizeKey(key));
    if (type !== undefined) {
      return type;
    }
    for (const { pattern, type: named } of this.patterns) {
      pattern.lastIndex = 0;
      if (named === undefined && pattern.test(key)) {
        return typeOfMatchedKey(key);
      }
    }
    return undefined;
  }
}

function remember(
  cache: Map<string, string>,
  key: string,
  type: string | undefined,
): void {
  if (cache.size >= MAX_CACHED_KEYS) {
    cache.clear();
  }
  cache.set(key, type ?? NO_RULE);
}

function lastSegment(key: string): string {
  const bracketed = /\[([^[\]]*)\]$/.exec(key);
  if (bracketed !== null && bracketed[1] !== '') {
    return bracketed[1];
  }
  const dot = key.lastIndexOf('.');
  const colon = key.lastIndexOf(':');
  const cut = Math.max(dot, colon);
  return cut >= 0 && cut < key.length - 1 ? key.slice(cut + 1) : key;
}
