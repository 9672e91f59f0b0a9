'use strict';
// Server-Sent Events: each request gets a stream of events, then the end.
const express = require('express');
const { listen } = require('./listen.cjs');

const EVENTS_PER_STREAM = 10;

const app = express();
app.get('/events', (request, response) => {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
  });
  for (let id = 1; id <= EVENTS_PER_STREAM; id += 1) {
    const data = JSON.stringify({ id, price: 100 + id, symbol: 'ACME' });
    response.write(`id: ${id}\nevent: tick\ndata: ${data}\n\n`);
  }
  response.end();
});
listen(app);
