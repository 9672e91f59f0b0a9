import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspectRequest } from '../src';
import { emptyRequest } from './helpers';

// Header values written to follow the formats that browsers, proxies,
// tracing systems, webhook senders and SDKs send: client hints, trace
// context, signatures, tokens, IP lists, JSON and free text.
const CUSTOM_HEADERS: Array<[string, string]> = [
  [
    'sec-ch-ua',
    '"Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"',
  ],
  [
    'sec-ch-ua-full-version-list',
    '"Chromium";v="124.0.6367.91", "Google Chrome";v="124.0.6367.91", "Not-A.Brand";v="99.0.0.0"',
  ],
  ['sec-ch-ua-platform', '"Windows"'],
  ['sec-ch-ua-mobile', '?0'],
  ['sec-fetch-site', 'same-origin'],
  ['sec-fetch-mode', 'cors'],
  ['sec-fetch-dest', 'empty'],
  ['sec-fetch-user', '?1'],
  ['traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
  ['tracestate', 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7'],
  ['baggage', 'userId=alice,serverNode=DF%2028,isProduction=false;ttl=30'],
  [
    'x-amzn-trace-id',
    'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
  ],
  ['x-cloud-trace-context', '105445aa7843bc8bf206b12000100000/1;o=1'],
  ['x-b3-traceid', '80f198ee56343ba864fe8b2a57d3eff7'],
  [
    'b3',
    '80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90',
  ],
  ['x-request-id', 'f058ebd6-02f7-4d3f-942e-904344e8cde5'],
  ['x-forwarded-for', '203.0.113.195, 70.41.3.18, 150.172.238.178'],
  ['x-real-ip', '10.0.0.12'],
  ['forwarded', 'for=192.0.2.60;proto=http;by=203.0.113.43'],
  ['x-forwarded-proto', 'https'],
  ['x-forwarded-port', '443'],
  ['x-csrf-token', 'yq0sW3+Q7cK1fZ8v/9XyTg=='],
  ['x-xsrf-token', 'eyJpdiI6IkZ3dVwvN1wvT1wvTUE9PSIsInZhbHVlIjoiYWJjIn0='],
  ['x-api-key', 'sk_live_51H8x7K2eZvKYlo2C0123456789'],
  [
    'x-auth-token',
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  ],
  [
    'x-hub-signature-256',
    'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
  ],
  [
    'stripe-signature',
    't=1492774577,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd,v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39',
  ],
  [
    'x-slack-signature',
    'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
  ],
  ['x-slack-request-timestamp', '1531420618'],
  ['x-github-event', 'pull_request'],
  ['x-github-delivery', '72d3162e-cc78-11e3-81ab-4c9367dc0958'],
  [
    'x-square-hmacsha256-signature',
    'oOYLDk5f0tQ+2bhbELH1e1yS3wVAp0HquHoaTgaZ8U4=',
  ],
  ['x-shopify-hmac-sha256', 'XWmrwMey6OsLMeiZKwP4FppHH3cmAiiJJAweH5Jo4bM='],
  ['x-shopify-shop-domain', 'johns-apparel.myshopify.com'],
  ['x-client-data', 'CIe2yQEIorbJAQipncoBCMDdygEIlKHLAQ=='],
  ['x-requested-with', 'XMLHttpRequest'],
  ['x-http-method-override', 'PATCH'],
  ['x-datadog-trace-id', '1234567890123456789'],
  ['x-datadog-origin', 'synthetics'],
  ['cf-ray', '7c5b5b6f0e3a1234-FRA'],
  ['cf-connecting-ip', '198.51.100.7'],
  ['cf-ipcountry', 'DE'],
  ['cdn-loop', 'cloudflare; loops=1'],
  ['cf-visitor', '{"scheme":"https"}'],
  ['via', '1.1 varnish, 1.1 google'],
  ['x-envoy-expected-rq-timeout-ms', '15000'],
  ['x-envoy-original-path', '/api/v1/orders?limit=20&sort=-created_at'],
  ['apollographql-client-name', 'web-checkout'],
  ['apollographql-client-version', '2.4.1'],
  ['x-correlation-id', '3fa85f64-5717-4562-b3fc-2c963f66afa6'],
  ['x-device-id', 'A1B2C3D4-E5F6-7890-ABCD-EF1234567890'],
  ['x-app-version', '5.12.0 (build 4021; iOS 17.4.1)'],
  ['x-timezone', 'Europe/Berlin'],
  ['x-locale', 'de-DE'],
  ['x-amz-content-sha256', 'UNSIGNED-PAYLOAD'],
  ['x-amz-date', '20260412T101500Z'],
  [
    'x-amz-security-token',
    'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDx',
  ],
  ['x-goog-api-client', 'gl-node/20.20.2 gccl/7.1.0'],
  ['x-ms-client-request-id', '9f8c7e6d-5b4a-3c2d-1e0f-a9b8c7d6e5f4'],
  ['x-newrelic-id', 'VQYGVF5SCBAJVFdRBQ=='],
  ['newrelic', 'eyJ2IjpbMCwxXSwiZCI6eyJ0eSI6IkJyb3dzZXIifX0='],
  ['x-powered-by', 'PHP/8.2.1'],
  ['x-original-host', 'shop.example.com'],
  ['x-forwarded-server', 'lb-1.internal'],
  ['x-user-agent', 'grpc-node-js/1.10.8'],
  ['grpc-timeout', '5S'],
  ['x-grpc-web', '1'],
  ['x-filename', 'Quarterly report (final) - Q3 2026.pdf'],
  ['x-comment', "It's done; see PR #42 -- thanks!"],
  ['x-search', 'shoes & bags | sale'],
  ['x-path', '/var/www/uploads/2026/12/photo.jpg'],
  ['x-callback-url', 'https://shop.example/cb?id=1&sig=abc'],
  ['x-json', '{"user":{"id":1,"roles":["admin","editor"]}}'],
  ['x-tags', 'a,b;c=d'],
  ['x-range', 'bytes=0-1023'],
  ['x-cache', 'HIT from cache-fra1'],
  ['x-cache-key', '/api/items?page=2#frag'],
  ['x-original-uri', '/app/index.php?page=1'],
  ['x-forwarded-prefix', '/api'],
  ['x-wap-profile', 'http://wap.samsungmobile.com/uaprof/SGH-I777.xml'],
  ['x-operamini-phone-ua', 'Mozilla/5.0 (Linux; U; Android 2.3.4; en-us)'],
  ['x-ua-compatible', 'IE=edge,chrome=1'],
  ['x-purpose', 'preview'],
  ['purpose', 'prefetch'],
  ['x-moz', 'prefetch'],
  [
    'x-sentry-auth',
    'Sentry sentry_version=7, sentry_client=sentry.javascript.browser/7.1.0, sentry_key=abc123',
  ],
  ['x-signature', '1a2b3c4d5e6f7g8h9i0j1k2l3m4n5onabcde=6p7q8r9s0t'],
];

describe('custom header inspection', () => {
  it('leaves ordinary custom headers alone', () => {
    for (const [name, value] of CUSTOM_HEADERS) {
      const input = { ...emptyRequest(), headers: { [name]: value } };
      // Listing the name also inspects the standard ones (`sec-ch-ua`).
      const options = { customHeaders: true, headers: [name] };
      const findings = inspectRequest(input, options);
      assert.deepEqual(findings, [], `${name}: ${value}`);
    }
  });

  it('reports an attack in a custom header', () => {
    const input = {
      ...emptyRequest(),
      headers: { 'x-device-name': '"><svg onload=alert(1)>' },
    };
    const findings = inspectRequest(input, { customHeaders: true });
    assert.deepEqual(
      findings.map((finding) => finding.location),
      ['header.x-device-name'],
    );
  });
});
