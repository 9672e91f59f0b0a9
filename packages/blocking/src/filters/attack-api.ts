import {
  ALL_FAMILIES,
  inspectRequest,
  inspectRequestDetailed,
} from '@tracegate/attacks';
import type {
  AttackFamily,
  AttackFinding,
  AttackInput,
  InspectOptions,
  InspectResult,
} from '@tracegate/attacks';

export type {
  AttackFamily,
  AttackFinding,
  AttackInput,
  InspectOptions,
  InspectResult,
};

/** Attack families that @tracegate/attacks detects. */
export const ATTACK_FAMILIES: readonly AttackFamily[] = ALL_FAMILIES;

export type InspectRequest = (
  input: AttackInput,
  options?: InspectOptions,
) => AttackFinding[];

export type InspectRequestDetailed = (
  input: AttackInput,
  options?: InspectOptions,
) => InspectResult;

/** The detector variant that also reports which limits stopped the inspection. */
export const defaultInspectRequestDetailed: InspectRequestDetailed =
  inspectRequestDetailed;

/**
 * Returns the detector the attack filter calls. Tests swap it through the
 * filter's internals, which is why this stays a function.
 */
export function loadInspectRequest(): InspectRequest | undefined {
  return inspectRequest;
}
