import { ALL_FAMILIES, inspectRequest } from '@tracegate/attacks';
import type {
  AttackFamily,
  AttackFinding,
  AttackInput,
  InspectOptions,
} from '@tracegate/attacks';

export type { AttackFamily, AttackFinding, AttackInput, InspectOptions };

/** Attack families that @tracegate/attacks detects. */
export const ATTACK_FAMILIES: readonly AttackFamily[] = ALL_FAMILIES;

export type InspectRequest = (
  input: AttackInput,
  options?: InspectOptions,
) => AttackFinding[];

/**
 * Returns the detector the attack filter calls. Tests swap it through the
 * filter's internals, which is why this stays a function.
 */
export function loadInspectRequest(): InspectRequest | undefined {
  return inspectRequest;
}
