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
import { setPrefilter } from '../prefilter';
import { TokenFlag } from '../wasm-flags';
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

// The prefilter of each built-in detector. An AWS secret key may start up
// to 64 characters after an anchor of up to 20, and a US SSN without
// separators needs a word in the 40 characters before it.
// NOTE: the AWS secret key detector skips the anchors inside a secret it
// found. When that secret's own anchor lies more than 96 characters
// before a token, the token's scan does not skip them. An anchor inside
// an earlier secret could then reach a 40-character run in the token that the
// scan of the whole text leaves alone.
const AWS_SECRET_REACH = 96;
const SSN_CONTEXT = 40;
const LOCAL: ReadonlyArray<readonly [Detector, TokenFlag]> = [
  [bearerToken, TokenFlag.Bearer],
  [basicAuth, TokenFlag.Basic],
  [jwt, TokenFlag.Jwt],
  [awsAccessKeyId, TokenFlag.AwsId],
  [githubToken, TokenFlag.GitHub],
  [slackToken, TokenFlag.Slack],
  [stripeKey, TokenFlag.Stripe],
  [googleApiKey, TokenFlag.Google],
  [iban, TokenFlag.Iban],
  [email, TokenFlag.Email],
  [ipv4Address, TokenFlag.Ipv4],
  [ipv6Address, TokenFlag.Separated],
  [urlCredentials, TokenFlag.Separated],
];
for (const [detector, flag] of LOCAL) {
  setPrefilter(detector, { flag, lookBehind: 0, spanning: false });
}
// A private key without its END line, and a Digest parameter whose quoted
// value starts at the closing quote, run into the next tokens.
setPrefilter(privateKey, {
  flag: TokenFlag.PrivateKey,
  lookBehind: 0,
  spanning: true,
});
setPrefilter(digestAuth, {
  flag: TokenFlag.Digest,
  lookBehind: 0,
  spanning: true,
});
setPrefilter(awsSecretAccessKey, {
  flag: TokenFlag.AwsSecret,
  lookBehind: AWS_SECRET_REACH,
  spanning: false,
});

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
    const digits = digitGroupDetector(checks);
    setPrefilter(digits, {
      flag: TokenFlag.Digits,
      lookBehind: SSN_CONTEXT,
      spanning: false,
    });
    detectors.push(digits);
  }
  if (isWanted(KEY_VALUE)) {
    const keyValue = keyValueDetector(keys);
    setPrefilter(keyValue, {
      flag: TokenFlag.Separated,
      lookBehind: 0,
      spanning: false,
    });
    detectors.push(keyValue);
  }
  return detectors;
}
