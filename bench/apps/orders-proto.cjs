'use strict';
// Loads orders.proto for the gRPC app and the gRPC load client.
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const path = require('node:path');

const definition = protoLoader.loadSync(path.join(__dirname, 'orders.proto'), {
  keepCase: true,
});

/** The orders.v1 package of orders.proto, as loaded by grpc-js. */
const orders = grpc.loadPackageDefinition(definition).orders.v1;

module.exports = { orders };
