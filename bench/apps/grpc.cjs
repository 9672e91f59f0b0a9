'use strict';
// A gRPC unary call served by @grpc/grpc-js.
const grpc = require('@grpc/grpc-js');
const { orders } = require('./orders-proto.cjs');
const { exitOnSignal } = require('./listen.cjs');

function getOrder(call, callback) {
  callback(null, {
    order_id: call.request.order_id,
    status: 'shipped',
    items: 3,
  });
}

const server = new grpc.Server();
server.addService(orders.Orders.service, { getOrder });
server.bindAsync(
  '127.0.0.1:0',
  grpc.ServerCredentials.createInsecure(),
  (error, port) => {
    if (error) {
      console.error(`failed to bind the gRPC server: ${error.message}`);
      process.exit(1);
    }
    console.log(`listening port=${port}`);
  },
);
exitOnSignal();
