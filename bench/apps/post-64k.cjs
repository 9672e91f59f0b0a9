'use strict';
// POST of a 64 KiB JSON body, with a small JSON acknowledgement as the response.
const express = require('express');
const { listen } = require('./listen.cjs');

const app = express();
// Express's default JSON limit is 100 KB, so state it next to the body size.
app.use(express.json({ limit: '256kb' }));
app.post('/documents', (request, response) => {
  const items = Array.isArray(request.body.items) ? request.body.items : [];
  response.status(201).json({ stored: items.length });
});
listen(app);
