import { createClientIpResolver } from '@tracegate/blocking';
import type { ZodType } from 'zod';
import { z } from 'zod';
import { showString } from './show-value';
import type { ValueKind } from './value-kind';
import { fromZod } from './value-kind';

/**
 * A trusted proxy: an IP address, a CIDR range or a preset of proxy-addr
 * (`loopback`, `linklocal`, `uniquelocal`).
 */
export const trustedProxySchema = z
  .string()
  .trim()
  .refine(
    (entry) =>
      createClientIpResolver({ trustedProxies: [entry] }).problems.length === 0,
  );

/** An absolute request path such as `/graphql`. */
export const requestPathSchema = z
  .string()
  .trim()
  .regex(/^\/[^\s?#]*$/);

/** A module path or package name that `require` resolves. */
export const modulePathSchema = z.string().trim().min(1);

/** A JWT claim name. */
export const claimNameSchema = z.string().trim().min(1).max(256);

/** Creates the kind of one string checked by a schema. */
export function checkedStringKind(
  typeLabel: string,
  accepted: string,
  schema: ZodType<string>,
): ValueKind<string> {
  return {
    typeLabel,
    describeAccepted: () => accepted,
    parse: (raw) => fromZod(schema.safeParse(raw)),
    fromEnv: (text) => text,
    format: (value) => showString(value),
  };
}
