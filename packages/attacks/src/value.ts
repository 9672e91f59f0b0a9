import { detectCommandInjection } from './command-injection';
import { decodedVariants } from './decode';
import { detectNoSqlText } from './nosql';
import { detectPathTraversal } from './path-traversal';
import { detectPrototypePollutionText } from './prototype-pollution';
import { detectSqlInjection } from './sqli/detect';
import { detectSsrf } from './ssrf';
import type { AttackFamily, ValueFinding } from './types';
import { detectXss } from './xss';

type Detector = (text: string) => string | undefined;

const DETECTORS: Record<AttackFamily, Detector> = {
  sqli: detectSqlInjection,
  xss: detectXss,
  path_traversal: detectPathTraversal,
  command_injection: detectCommandInjection,
  ssrf: detectSsrf,
  nosql_injection: detectNoSqlText,
  prototype_pollution: detectPrototypePollutionText,
};

/**
 * Runs the detectors of `families` on every decoded form of `value` and
 * returns at most one finding per family: the first rule that matched.
 */
export function inspectText(
  value: string,
  families: readonly AttackFamily[],
): ValueFinding[] {
  const findings: ValueFinding[] = [];
  const variants = decodedVariants(value);
  for (const family of families) {
    const detect = DETECTORS[family];
    for (const variant of variants) {
      const rule = detect(variant);
      if (rule !== undefined) {
        findings.push({ family, rule });
        break;
      }
    }
  }
  return findings;
}
