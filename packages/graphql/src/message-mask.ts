import type { Redactor } from '@tracegate/redact';
import { LITERAL_PLACEHOLDER } from './document-mask';

/** Values searched per message; more would make each error cost too much. */
const MAX_VALUES = 250;
/**
 * Shorter strings are masked only in their quoted form (`"ab"`), because
 * their bare form also matches inside ordinary words of the message.
 */
const MIN_BARE_LENGTH = 4;

/**
 * Masks the values an error message may repeat: the document's string and
 * number literals (graphql quotes them in validation and coercion messages),
 * the raw values of variables that were masked whole, and whatever the
 * redactor's value detectors find.
 */
export class MessageMasker {
  private readonly strings: string[] = [];
  private readonly numbers: string[] = [];

  constructor(
    private readonly redactor: Redactor,
    literals: Iterable<string>,
    maskedValues: Iterable<string>,
  ) {
    for (const value of [...literals, ...maskedValues]) {
      if (this.strings.length + this.numbers.length >= MAX_VALUES) break;
      if (value === '') continue;
      if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value))
        this.numbers.push(value);
      else if (value.length >= MIN_BARE_LENGTH) this.strings.push(value);
      else this.strings.push(JSON.stringify(value));
    }
    // Longer values first, so a value that contains a shorter one is masked whole.
    this.strings.sort((a, b) => b.length - a.length);
  }

  /**
   * Returns the message with known values masked and detector findings
   * redacted.
   * NOTE: a secret that a resolver writes into its message in another form
   * (encoded, or not passed as a masked variable) is not found.
   */
  mask(message: string): string {
    let text = message;
    for (const value of this.strings) {
      text = text.split(value).join(LITERAL_PLACEHOLDER);
    }
    for (const value of this.numbers) {
      text = text.replace(numberPattern(value), LITERAL_PLACEHOLDER);
    }
    return this.redactor.text(text);
  }
}

/** Matches a number that is not part of a longer number or word. */
function numberPattern(value: string): RegExp {
  const escaped = value.replace(/[.+-]/g, (character) => `\\${character}`);
  return new RegExp(`(?<![\\w.])${escaped}(?![\\w.])`, 'g');
}
