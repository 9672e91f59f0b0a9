import type { Detector } from './detectors/detector';
import type { TokenFlag } from './wasm-flags';

/** The check by which the WebAssembly scanner finds the tokens where a built-in detector can match. */
export interface Prefilter {
  /** The token flag that the scanner sets wherever the detector can match. */
  readonly flag: TokenFlag;
  /** Characters before the token that the detector reads as context. */
  readonly lookBehind: number;
  /** Set when a detection can run past the end of the token it starts in. */
  readonly spanning: boolean;
}

const prefilters = new WeakMap<Detector, Prefilter>();

/** Records the prefilter of a built-in detector. */
export function setPrefilter(detector: Detector, prefilter: Prefilter): void {
  prefilters.set(detector, prefilter);
}

/** Returns the prefilter of a built-in detector, or undefined for a custom one. */
export function prefilterOf(detector: Detector): Prefilter | undefined {
  return prefilters.get(detector);
}
