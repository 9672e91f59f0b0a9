import { toMaskType } from './mask';

/** Lower-cases a key and removes '-', '_' and '.' so spelling variants compare equal. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_.]/g, '');
}

/** Key-name rules: which keys hold sensitive values, and the mask type of each. */
export class KeyRules {
  private readonly typesByName = new Map<string, string>();
  private readonly patterns: readonly RegExp[];

  constructor(names: readonly string[], patterns: readonly RegExp[]) {
    for (const name of names) {
      const normalized = normalizeKey(name);
      // The first rule wins, so a default keeps its type when a caller
      // repeats it in another spelling.
      if (normalized !== '' && !this.typesByName.has(normalized)) {
        this.typesByName.set(normalized, toMaskType(name));
      }
    }
    this.patterns = patterns;
  }

  /** Returns the mask type when `key` matches a rule, otherwise undefined. */
  match(key: string): string | undefined {
    const type = this.typesByName.get(normalizeKey(key));
    if (type !== undefined) {
      return type;
    }
    // NOTE: caller RegExp rules run as given, so a pattern that backtracks
    // badly costs time on every key.
    for (const pattern of this.patterns) {
      // A global or sticky RegExp keeps lastIndex between calls, which would
      // make the same key match only every other time.
      pattern.lastIndex = 0;
      if (pattern.test(key)) {
        return toMaskType(key);
      }
    }
    return undefined;
  }

  /**
   * Matches a compound key such as `user[password]` or `user.password` by the
   * whole key and by its last segment.
   */
  matchCompound(key: string): string | undefined {
    const whole = this.match(key);
    if (whole !== undefined) {
      return whole;
    }
    const last = lastSegment(key);
    return last === key ? undefined : this.match(last);
  }
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
