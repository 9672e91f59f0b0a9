import type { Budget } from './budget';
import { childLocation } from './location';
import { isNoSqlOperator } from './nosql';
import { isProtoKey } from './prototype-pollution';
import type { Collector } from './collector';

function keyFindings(
  key: string,
  value: unknown,
  location: string,
  collector: Collector,
): void {
  if (isNoSqlOperator(key)) {
    collector.add('nosql_injection', location, 'nosql_injection.operator_key');
  }
  if (isProtoKey(key)) {
    collector.add(
      'prototype_pollution',
      location,
      'prototype_pollution.proto_key',
    );
  }
  const nested = value as Record<string, unknown> | null;
  if (
    key === 'constructor' &&
    typeof nested === 'object' &&
    nested !== null &&
    Object.prototype.hasOwnProperty.call(nested, 'prototype')
  ) {
    collector.add(
      'prototype_pollution',
      location,
      'prototype_pollution.constructor_prototype',
    );
  }
}

/**
 * Walks a parsed body depth first, within the depth and value limits,
 * inspecting string values and object keys.
 */
export function walkBody(
  value: unknown,
  location: string,
  depth: number,
  collector: Collector,
  budget: Budget,
): void {
  if (typeof value === 'string') {
    if (budget.take(value.length)) {
      collector.addText(value, location, collector.valueFamilies);
    }
    return;
  }
  if (typeof value !== 'object' || value === null) {
    return;
  }
  if (depth >= budget.limits.maxDepth) {
    budget.reach('maxDepth');
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && budget.take(0); i++) {
      walkBody(
        value[i],
        childLocation(location, i),
        depth + 1,
        collector,
        budget,
      );
    }
    return;
  }
  // Own keys, `__proto__` included: JSON.parse creates it as an own key.
  for (const key of Object.keys(value)) {
    if (!budget.take(key.length)) {
      return;
    }
    const child = (value as Record<string, unknown>)[key];
    const keyLocation = childLocation(location, key);
    keyFindings(key, child, keyLocation, collector);
    // Keys carry payloads too: a form field without `=` parses as a key.
    collector.addText(key, keyLocation, collector.families);
    walkBody(child, keyLocation, depth + 1, collector, budget);
  }
}
