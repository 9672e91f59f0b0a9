'use strict';
// GET returning a small JSON object.
const express = require('express');
const { listen } = require('./listen.cjs');

const app = express();
app.get('/orders/:id', (request, response) => {
  response.json({ id: request.params.id, status: 'shipped', items: 3 });
});
listen(app);
