import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { AttackFinding, AttackInput } from '../src';
import { INSPECTED_HEADERS, STANDARD_HEADERS, inspectRequest } from '../src';

function decodeOnce(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function cookiesOf(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) {
      cookies[part.slice(0, index).trim()] = part.slice(index + 1).trim();
    }
  }
  return cookies;
}

async function inputOf(request: IncomingMessage): Promise<AttackInput> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? values[0] : values;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return {
    path: decodeOnce(url.pathname),
    query,
    headers: request.headers,
    cookies: cookiesOf(request.headers.cookie),
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

// A server that inspects each request and returns the findings as JSON,
// as the blocking filter would see them.
const server = createServer((request, response) => {
  inputOf(request)
    .then((input) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(inspectRequest(input)));
    })
    .catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
});
let origin = '';

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function send(
  path: string,
  init: RequestInit = {},
): Promise<AttackFinding[]> {
  const response = await fetch(origin + path, init);
  assert.equal(response.status, 200);
  return (await response.json()) as AttackFinding[];
}

function summary(findings: AttackFinding[]): string[] {
  return findings.map((finding) => `${finding.rule}@${finding.location}`);
}

describe('inspectRequest over HTTP', () => {
  it('finds nothing in an ordinary API request', async () => {
    const findings = await send('/api/v1/orders/42?expand=customer&q=blue', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        referer: 'http://localhost:3000/cart',
        cookie: 'session=abc123; theme=dark',
      },
      body: JSON.stringify({ note: "O'Brien's order, 1-1", qty: 2 }),
    });
    assert.deepEqual(findings, []);
  });

  it('names query, body, cookie, header and path locations', async () => {
    const findings = await send(
      `/files/..%2f..%2fapp?id=${encodeURIComponent("1' OR '1'='1")}`,
      {
        method: 'POST',
        headers: {
          'user-agent': '<script>alert(1)</script>',
          cookie: `pref=${encodeURIComponent('x | whoami')}`,
        },
        body: JSON.stringify({ user: { url: 'http://169.254.169.254/' } }),
      },
    );
    assert.deepEqual(summary(findings).sort(), [
      'command_injection.separator@cookie.pref',
      'path_traversal.dot_dot@path',
      'sqli.string_breakout@query.id',
      'ssrf.internal_host@body.user.url',
      'xss.active_tag@header.user-agent',
    ]);
  });

  it('never puts the value in a finding', async () => {
    const payload = "zz9' UNION SELECT secret FROM vault--";
    const findings = await send(`/?${encodeURIComponent(payload)}=1`);
    assert.equal(findings.length, 1);
    assert.ok(!JSON.stringify(findings).includes('vault'));
    assert.equal(findings[0]?.location, 'query.*');
  });

  it('ignores headers outside the inspected list', async () => {
    assert.ok(!INSPECTED_HEADERS.includes('x-custom'));
    const findings = await send('/', {
      headers: { 'x-custom': "' OR 1=1--", accept: '<script>' },
    });
    assert.deepEqual(findings, []);
  });

  it('inspects custom headers on request', () => {
    const input: AttackInput = {
      path: '/',
      query: {},
      headers: {
        'x-client-ip': "' OR 1=1--",
        accept: '<script>',
        authorization: "Bearer ' OR 1=1--",
        'sec-ch-ua': '"<script>";v="1"',
        cookie: '<script>',
      },
      cookies: {},
    };
    const findings = inspectRequest(input, { customHeaders: true });
    assert.deepEqual(summary(findings), [
      'sqli.string_breakout@header.x-client-ip',
    ]);
    assert.ok(STANDARD_HEADERS.has('authorization'));
    assert.deepEqual(inspectRequest(input), []);
  });

  it('leaves internal URLs in Referer alone', async () => {
    const findings = await send('/', {
      headers: { referer: 'http://127.0.0.1:8080/admin' },
    });
    assert.deepEqual(findings, []);
  });

  it('limits findings to the chosen families', () => {
    const input: AttackInput = {
      path: '/',
      query: { a: "' OR '1'='1", b: '<script>x</script>' },
      headers: {},
      cookies: {},
    };
    const findings = inspectRequest(input, { families: ['xss'] });
    assert.deepEqual(summary(findings), ['xss.active_tag@query.b']);
  });

  it('inspects every value of a repeated parameter', () => {
    const input: AttackInput = {
      path: '/',
      query: { tag: ['shoes', '<svg onload=x()>'] },
      headers: {},
      cookies: {},
    };
    assert.deepEqual(summary(inspectRequest(input)), [
      'xss.active_tag@query.tag',
    ]);
  });
});
