// The benchmark scenarios: one app in bench/apps/ each, and the request that
// the load client sends to it.

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Returns a JSON object whose serialised form is close to `bytes` long. */
function jsonBodyOfSize(bytes) {
  const items = [];
  let body = JSON.stringify({ items });
  for (let index = 0; body.length < bytes; index += 1) {
    items.push({
      sku: `SKU-${String(index).padStart(6, '0')}`,
      quantity: (index % 5) + 1,
      note: 'deliver to the side door, ring twice',
    });
    body = JSON.stringify({ customer: 'jane.doe@example.com', items });
  }
  return body;
}

const ORDER_QUERY = JSON.stringify({
  query:
    'query Order($id: ID!) { order(id: $id) { id status items { sku quantity } } }',
  variables: { id: 'ord-42' },
});

/** Every scenario, in the order of the report. */
export const SCENARIOS = [
  {
    name: 'GET small JSON',
    app: 'get-small.cjs',
    protocol: 'http',
    request: { method: 'GET', path: '/orders/42' },
  },
  {
    name: 'POST 1 KiB JSON echo',
    app: 'echo-1k.cjs',
    protocol: 'http',
    request: {
      method: 'POST',
      path: '/echo',
      headers: JSON_HEADERS,
      body: jsonBodyOfSize(1024),
    },
  },
  {
    name: 'POST 64 KiB JSON',
    app: 'post-64k.cjs',
    protocol: 'http',
    request: {
      method: 'POST',
      path: '/documents',
      headers: JSON_HEADERS,
      body: jsonBodyOfSize(64 * 1024),
    },
  },
  {
    name: 'SSE stream (10 events)',
    app: 'sse.cjs',
    protocol: 'http',
    request: {
      method: 'GET',
      path: '/events',
      headers: { accept: 'text/event-stream' },
    },
  },
  {
    name: 'GraphQL query',
    app: 'graphql.cjs',
    protocol: 'http',
    request: {
      method: 'POST',
      path: '/graphql',
      headers: JSON_HEADERS,
      body: ORDER_QUERY,
    },
  },
  {
    name: 'gRPC unary',
    app: 'grpc.cjs',
    protocol: 'grpc',
  },
];

/** The scenario with the 64 KiB body, which the soak run uses. */
export const LARGE_BODY_SCENARIO = SCENARIOS[2];
