import type { Detector } from './detector';

/** Detects e-mail addresses with a dotted domain and an alphabetic top-level label. */
export const email: Detector = {
  name: 'email',
  // The local part is bounded at 64 characters (RFC 5321). Each domain label
  // ends with a dot that labels cannot contain, so a run of characters can be
  // split into labels in one way only.
  pattern:
    /(?<![A-Za-z0-9_%+!#$*^`{|}~-])[A-Za-z0-9_%+!#$*^`{|}~-][A-Za-z0-9_%+!#$*^`{|}~'.-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.){1,126}[A-Za-z]{2,63}(?![A-Za-z0-9-])/g,
  confirm(_text: string, match: RegExpExecArray): number {
    const candidate = match[0];
    const at = candidate.indexOf('@');
    const local = candidate.slice(0, at);
    const domain = candidate.slice(at + 1);
    if (local.endsWith('.') || local.includes('..')) {
      return -1;
    }
    const labels = domain.split('.');
    const validLabels = labels.every(
      (label) => !label.startsWith('-') && !label.endsWith('-'),
    );
    return validLabels ? match.index + candidate.length : -1;
  },
};
