'use strict';
// Routes of the example service. The HTTP module is passed in, so the
// CommonJS and the ES module entry points each use their own import of it.
const zlib = require('node:zlib');

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response, status, value) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
}

function getText(http, url) {
  return new Promise((resolve, reject) => {
    http
      .get(
        url,
        { headers: { authorization: 'Bearer upstream-secret-token' } },
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () =>
            resolve(Buffer.concat(chunks).toString('utf8')),
          );
        },
      )
      .on('error', reject);
  });
}

const routes = {
  // A JSON payment with a card number and a token in the request, and the
  // customer's e-mail address in the response.
  'POST /api/payments': async (http, request, response) => {
    const payment = JSON.parse(await readBody(request));
    sendJson(response, 201, {
      id: 'pay_1001',
      status: 'accepted',
      amount: payment.amount,
      receiptEmail: payment.customer && payment.customer.email,
    });
  },
  // A form login that answers with a session cookie.
  'POST /api/login': async (http, request, response) => {
    const form = new URLSearchParams(await readBody(request));
    response.setHeader(
      'set-cookie',
      `session=s3ss10n-${form.get('username')}; HttpOnly; Path=/`,
    );
    sendJson(response, 200, { user: form.get('username'), loggedIn: true });
  },
  // A gzip-compressed JSON report.
  'GET /api/report': async (http, request, response) => {
    const report = {
      rows: [{ account: 'acct-1', owner: 'jane.doe@example.com', total: 1250 }],
    };
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    response.end(zlib.gzipSync(JSON.stringify(report)));
  },
  // A Server-Sent Events stream of three events, each written on its own.
  'GET /api/events': async (http, request, response) => {
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
    });
    for (let i = 1; i <= 3; i++) {
      response.write(`id: ${i}\ndata: {"tick":${i}}\n\n`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    response.end();
  },
  // Calls the upstream route over http.get and over fetch.
  'GET /api/proxy': async (http, request, response, self) => {
    const viaHttp = await getText(http, `${self}/api/upstream`);
    const viaFetch = await (
      await fetch(`${self}/api/upstream`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': 'fetch-key-123',
        },
        body: JSON.stringify({ password: 'hunter2', query: 'status' }),
      })
    ).text();
    sendJson(response, 200, {
      viaHttp: JSON.parse(viaHttp),
      viaFetch: JSON.parse(viaFetch),
    });
  },
  'GET /api/upstream': async (http, request, response) => {
    sendJson(response, 200, { upstream: 'ok', apiToken: 'tok_live_abcdef' });
  },
  'POST /api/upstream': async (http, request, response) => {
    await readBody(request);
    sendJson(response, 200, { upstream: 'ok', apiToken: 'tok_live_abcdef' });
  },
};

function createApp(http) {
  const server = http.createServer((request, response) => {
    const path = new URL(request.url, 'http://localhost').pathname;
    const route = routes[`${request.method} ${path}`];
    const self = `http://127.0.0.1:${server.address().port}`;
    if (route === undefined) {
      sendJson(response, 404, { error: 'not found' });
      return;
    }
    route(http, request, response, self).catch((error) => {
      if (!response.headersSent)
        sendJson(response, 500, { error: error.message });
      else response.destroy(error);
    });
  });
  return server;
}

// Starts the service on 127.0.0.1 and PORT (default 3000; 0 picks a free
// port) and prints the address on the first line of stdout.
function listen(http) {
  const server = createApp(http);
  const port = Number(process.env.PORT ?? 3000);
  server.listen(port, '127.0.0.1', () => {
    console.log(`listening http://127.0.0.1:${server.address().port}`);
  });
  return server;
}

module.exports = { createApp, listen };
