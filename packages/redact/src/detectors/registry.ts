import type { KeyRules } from '../key-rules';
import { awsAccessKeyId, awsSecretAccessKey } from './aws-keys';
import { basicAuth } from './basic-auth';
import { bearerToken } from './bearer-token';
import { creditCard } from './credit-card';
import type { Detector } from './detector';
import { digestAuth } from './digest-auth';
import type { DigitCheck } from './digit-groups';
import { digitGroupDetector } from './digit-groups';
import { email } from './email';
import { iban } from './iban';
import { ipv4Address, ipv6Address } from './ip-address';
import { jwt } from './jwt';
import { keyValueDetector } from './key-value';
import { phone, phoneCheck } from './phone';
import type { NationalPlan } from './national-plan';
import { privateKey } from './private-key';
import { usSsn } from './us-ssn';
import { urlCredentials } from './url-credentials';
import {
  githubToken,
  googleApiKey,
  slackToken,
  stripeKey,
} from './vendor-tokens';

const KEY_VALUE = 'key_value';

// Order decides between two detections that start at the same offset and
// have the same length, so the more specific detectors come first.
const TEXT_DETECTORS: readonly Detector[] = [
  privateKey,
  bearerToken,
  basicAuth,
  digestAuth,
  jwt,
  awsAccessKeyId,
  awsSecretAccessKey,
  githubToken,
  slackToken,
  stripeKey,
  googleApiKey,
  urlCredentials,
  iban,
  email,
  ipv4Address,
  ipv6Address,
];

const DIGIT_CHECKS: readonly DigitCheck[] = [creditCard, usSsn, phone];

/** Names of the built-in value detectors, which select them in options. */
export const BUILT_IN_DETECTORS: readonly string[] = Object.freeze([
  ...TEXT_DETECTORS.map((detector) => detector.name),
  ...DIGIT_CHECKS.map((check) => check.name),
  KEY_VALUE,
]);

/**
 * Returns the built-in detectors, all of them or those named, in built-in
 * order. The digit checks share one detector, and the key-value detector
 * uses the key rules. Phone numbers are also read in the national format
 * of each country in `phonePlans`.
 */
export function buildDetectors(
  names: readonly string[] | undefined,
  keys: KeyRules,
  phonePlans: readonly NationalPlan[] = [],
): Detector[] {
  const wanted = names === undefined ? undefined : new Set(names);
  const isWanted = (name: string): boolean => wanted?.has(name) ?? true;
  const detectors = TEXT_DETECTORS.filter((detector) =>
    isWanted(detector.name),
  );
  const checks = DIGIT_CHECKS.filter((check) => isWanted(check.name)).map(
    (check) =>
      check === phone && phonePlans.length > 0 ? phoneCheck(phonePlans) : check,
  );
  if (checks.length > 0) {
    detectors.push(digitGroupDetector(checks));
  }
  if (isWanted(KEY_VALUE)) {
    detectors.push(keyValueDetector(keys));
  }
  return detectors;
}
