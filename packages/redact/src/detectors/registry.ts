import { basicAuth } from './basic-auth';
import { bearerToken } from './bearer-token';
import { creditCard } from './credit-card';
import type { Detector } from './detector';
import { email } from './email';
import { jwt } from './jwt';

// Order decides between two detections that start at the same offset and
// have the same length.
const DETECTORS: readonly Detector[] = [
  bearerToken,
  basicAuth,
  jwt,
  creditCard,
  email,
];

/** Names of the built-in value detectors, which are also their mask types. */
export const BUILT_IN_DETECTORS: readonly string[] = Object.freeze(
  DETECTORS.map((detector) => detector.name),
);

/** Returns the built-in detectors whose names are listed, in built-in order. */
export function selectDetectors(names: readonly string[]): Detector[] {
  const wanted = new Set(names);
  return DETECTORS.filter((detector) => wanted.has(detector.name));
}

/** Returns every built-in detector. */
export function allDetectors(): Detector[] {
  return [...DETECTORS];
}
