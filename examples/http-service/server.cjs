'use strict';
// CommonJS entry: node --require @tracegate/agent/register server.cjs
const http = require('node:http');
const { listen } = require('./routes.cjs');

listen(http);
