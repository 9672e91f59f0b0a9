import { PERCENT, PLUS, charMask } from './char-mask';
import { detectCommandInjection } from './command-injection';
import { decodedVariants } from './decode';
import { MAX_VALUE_CHARS } from './limits';
import { detectNoSqlText } from './nosql';
import { detectPathTraversal } from './path-traversal';
import { GATES } from './prefilter';
import { detectPrototypePollutionText } from './prototype-pollution';
import { detectSqlInjection } from './sqli/detect';
import { detectSsrf } from './ssrf';
import type { AttackFamily, ValueFinding } from './types';
import { detectXss } from './xss';

type Detector = (text: string, classes: number) => string | undefined;

const DETECTORS: Record<AttackFamily, Detector> = {
  sqli: detectSqlInjection,
  xss: detectXss,
  path_traversal: detectPathTraversal,
  command_injection: detectCommandInjection,
  ssrf: detectSsrf,
  nosql_injection: detectNoSqlText,
  prototype_pollution: detectPrototypePollutionText,
};

/** Receives the findings of one value. */
export type FindingSink = (family: AttackFamily, rule: string) => void;

/** Runs the detector of `family` on `text` unless its gate rules it out. */
function detect(
  family: AttackFamily,
  text: string,
  classes: number,
  prefilter: boolean,
): string | undefined {
  if (prefilter && !GATES[family](text, classes)) {
    return undefined;
  }
  return DETECTORS[family](text, classes);
}

/**
 * Runs the detectors of `families` on every decoded form of `value` and
 * passes at most one finding per family to `sink`: the first rule that
 * matched. A value without `%` or `+` has one form, so it is inspected
 * without building the list of forms. `prefilter: false` runs every
 * detector, which the tests use to check that the gates skip nothing.
 * Characters past `maxChars` are not inspected. `plusAsSpace: false`
 * leaves out the form-encoding reading of `+`.
 */
export function inspectText(
  value: string,
  families: readonly AttackFamily[],
  sink: FindingSink,
  prefilter = true,
  maxChars = MAX_VALUE_CHARS,
  plusAsSpace = true,
): void {
  const text = value.length > maxChars ? value.slice(0, maxChars) : value;
  const classes = charMask(text);
  const encoded = plusAsSpace ? PERCENT | PLUS : PERCENT;
  if ((classes & encoded) === 0) {
    for (const family of families) {
      const rule = detect(family, text, classes, prefilter);
      if (rule !== undefined) {
        sink(family, rule);
      }
    }
    return;
  }
  const variants = decodedVariants(text, plusAsSpace);
  const masks = variants.map((variant, index) =>
    index === 0 ? classes : charMask(variant),
  );
  for (const family of families) {
    for (let index = 0; index < variants.length; index++) {
      const rule = detect(family, variants[index], masks[index], prefilter);
      if (rule !== undefined) {
        sink(family, rule);
        break;
      }
    }
  }
}

/** Returns the findings of `inspectText` as a list. */
export function textFindings(
  value: string,
  families: readonly AttackFamily[],
  prefilter = true,
): ValueFinding[] {
  const findings: ValueFinding[] = [];
  inspectText(
    value,
    families,
    (family, rule) => findings.push({ family, rule }),
    prefilter,
  );
  return findings;
}
