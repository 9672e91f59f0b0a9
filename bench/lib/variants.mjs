// The agent variants that the benchmark compares.

/**
 * Every built-in filter in block mode with rules that the benchmark's own
 * traffic never matches, so every request pays for every check and none is
 * answered early: an IP deny list of documentation ranges, a path rule, a
 * per-IP token bucket far above the load's rate, and attack detection at
 * both stages.
 */
const BLOCKING_ENVIRONMENT = {
  TRACEGATE_BLOCKING_IP: JSON.stringify({
    mode: 'block',
    deny: [
      '192.0.2.0/24',
      '198.51.100.0/24',
      '203.0.113.0/24',
      '2001:db8::/32',
    ],
  }),
  TRACEGATE_BLOCKING_RULES: JSON.stringify({
    mode: 'block',
    rules: [{ name: 'admin', path: '/admin/*', action: 'block' }],
  }),
  TRACEGATE_BLOCKING_RATE_LIMIT: JSON.stringify({
    mode: 'block',
    limits: [{ name: 'per-ip', by: 'ip', capacity: 1e9, refillPerSecond: 1e9 }],
  }),
  TRACEGATE_BLOCKING_ATTACKS: JSON.stringify({ mode: 'block' }),
};

/**
 * Every variant; `nodeArgs` go before the app path and `env` adds to the
 * environment that every variant shares.
 */
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
  {
    id: 'blocking',
    name: 'Tracegate with blocking filters',
    nodeArgs: ['--require', '@tracegate/agent/register'],
    env: BLOCKING_ENVIRONMENT,
  },
];

/** Returns the variant with the given id, or throws. */
export function variantById(id) {
  const variant = VARIANTS.find((candidate) => candidate.id === id);
  if (variant === undefined) throw new Error(`unknown variant ${id}`);
  return variant;
}
