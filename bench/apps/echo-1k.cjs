'use strict';
// POST of a 1 KiB JSON body, echoed back.
const express = require('express');
const { listen } = require('./listen.cjs');

const app = express();
app.use(express.json());
app.post('/echo', (request, response) => {
  response.json(request.body);
});
listen(app);
