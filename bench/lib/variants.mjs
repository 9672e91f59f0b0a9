// The agent variants that the benchmark compares.

/** Every variant; `nodeArgs` go before the app path. */
export const VARIANTS = [
  { id: 'none', name: 'no agent', nodeArgs: [] },
  {
    id: 'otel',
    name: 'plain OpenTelemetry',
    nodeArgs: ['--require', './bench/otel-plain.js'],
  },
  {
    id: 'tracegate',
    name: 'Tracegate default',
    nodeArgs: ['--require', '@tracegate/agent/register'],
  },
];

/** Returns the variant with the given id, or throws. */
export function variantById(id) {
  const variant = VARIANTS.find((candidate) => candidate.id === id);
  if (variant === undefined) throw new Error(`unknown variant ${id}`);
  return variant;
}
