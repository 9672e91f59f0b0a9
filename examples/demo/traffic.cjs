// Scripted traffic for the example service: each request carries data that
// Tracegate must redact before it leaves the service.
'use strict';
const http = require('node:http');

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

/** Sends one traffic item with node:http and returns status, headers, body and chunk arrival times. */
function request(base, { method, path, headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      `${base}${path}`,
      { method, headers },
      (response) => {
        const chunks = [];
        const arrivals = [];
        response.on('data', (chunk) => {
          chunks.push(chunk);
          arrivals.push(Date.now());
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode,
            headers: response.headers,
            body: Buffer.concat(chunks),
            arrivals,
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The demo's requests, in order, with a one-line description each. */
const TRAFFIC = [
  {
    what: 'JSON payment with a card number, a CVV, a JWT and an e-mail',
    method: 'POST',
    path: '/api/payments',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${JWT}`,
    },
    body: JSON.stringify({
      amount: 4200,
      card: { number: '4242 4242 4242 4242', cvv: '123' },
      customer: { name: 'Jane Doe', email: 'jane.doe@example.com' },
      sessionToken: JWT,
    }),
  },
  {
    what: 'form login with a password',
    method: 'POST',
    path: '/api/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'username=jane&password=hunter2',
  },
  {
    what: 'gzip-compressed JSON response',
    method: 'GET',
    path: '/api/report',
    headers: { 'accept-encoding': 'gzip' },
  },
  { what: 'Server-Sent Events stream', method: 'GET', path: '/api/events' },
  {
    what: 'outgoing calls with http.get and fetch',
    method: 'GET',
    path: '/api/proxy',
  },
];

/**
 * Requests that the demo's blocking filters stop before the service
 * receives them: one matches a path rule, one carries SQL injection in its query.
 */
const BLOCKED_TRAFFIC = [
  {
    what: 'blocked by the path rule for /admin/*',
    method: 'GET',
    path: '/admin/users',
  },
  {
    what: 'blocked by attack detection: SQL injection in the query',
    method: 'GET',
    path: `/api/report?id=${encodeURIComponent("1' OR '1'='1")}`,
  },
];

module.exports = { TRAFFIC, BLOCKED_TRAFFIC, request };
