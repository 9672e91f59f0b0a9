import { createHmac } from 'node:crypto';
import { hashMask, mask, partialMask } from './mask';
import type { RedactionAction } from './types';

/** Every action name, in the order the docs list them. */
export const ACTIONS: readonly RedactionAction[] = Object.freeze([
  'mask',
  'partial',
  'hash',
  'classify',
]);

/** Types whose default action is `classify`: reported, kept in clear. */
export const CLASSIFIED_BY_DEFAULT: readonly string[] = Object.freeze([
  'ipv4',
  'ipv6',
]);

/** Default hex characters of the HMAC kept in a hash mask (64 bits). */
export const DEFAULT_HASH_LENGTH = 16;
/** Default characters kept by the partial action. */
export const DEFAULT_PARTIAL_LENGTH = 4;
/** Minimum bytes of a hash key; a shorter key is rejected. */
export const MIN_HASH_KEY_BYTES = 16;

// Types whose separators carry no identity, so `4242 4242 ...` and
// `4242424242424242` hash alike and can be correlated.
const SEPARATOR_FREE_TYPES: ReadonlySet<string> = new Set([
  'credit_card',
  'us_ssn',
  'iban',
  'phone',
]);

/** Settings of the actions, resolved from the options. */
export interface ActionSettings {
  readonly actions: ReadonlyMap<string, RedactionAction>;
  readonly hashKey: Buffer | undefined;
  readonly hashLength: number;
  readonly partialLength: number;
}

function normalizeForHash(type: string, value: string): string {
  if (SEPARATOR_FREE_TYPES.has(type)) {
    return value.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  }
  return type === 'email' ? value.toLowerCase() : value;
}

function lastAlphanumerics(value: string, count: number): string | undefined {
  const alphanumerics = value.replace(/[^A-Za-z0-9]/g, '');
  // Keeping 4 of 8 characters would reveal half a value, so short values
  // are masked whole.
  if (alphanumerics.length <= count * 2) {
    return undefined;
  }
  return alphanumerics.slice(alphanumerics.length - count);
}

/** Applies the configured action of a type to a sensitive value. */
export class Replacer {
  // One string per type, so a value with many detections does not build
  // a new mask for each.
  private readonly masks = new Map<string, string>();

  constructor(private readonly settings: ActionSettings) {}

  /** Returns the action configured for `type`, or its default. */
  action(type: string): RedactionAction {
    const configured = this.settings.actions.get(type);
    if (configured !== undefined) {
      return configured;
    }
    return CLASSIFIED_BY_DEFAULT.includes(type) ? 'classify' : 'mask';
  }

  /**
   * Returns the text that replaces `value`, or undefined when the action
   * keeps it. `cut` marks a value that a size limit cut short, whose last
   * characters are not the value's own, so `partial` masks it whole.
   */
  replace(type: string, value: string, cut = false): string | undefined {
    switch (this.action(type)) {
      case 'classify':
        return undefined;
      case 'partial':
        return this.partial(type, value, cut);
      case 'hash':
        return this.hash(type, value);
      default:
        return this.mask(type);
    }
  }

  private mask(type: string): string {
    let text = this.masks.get(type);
    if (text === undefined) {
      text = mask(type);
      if (this.masks.size < 1024) {
        this.masks.set(type, text);
      }
    }
    return text;
  }

  private partial(type: string, value: string, cut: boolean): string {
    const kept = cut
      ? undefined
      : lastAlphanumerics(value, this.settings.partialLength);
    return kept === undefined ? mask(type) : partialMask(type, kept);
  }

  private hash(type: string, value: string): string {
    const key = this.settings.hashKey;
    if (key === undefined) {
      // Without a key a plain hash could be reversed by guessing values, so
      // the value is masked (validateRedactorOptions reports the missing key).
      return mask(type);
    }
    const digest = createHmac('sha256', key)
      .update(normalizeForHash(type, value), 'utf8')
      .digest('hex');
    return hashMask(type, digest.slice(0, this.settings.hashLength));
  }
}
