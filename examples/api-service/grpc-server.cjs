'use strict';
// The gRPC part of the example: an Accounts service on 127.0.0.1.
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const path = require('node:path');

const definition = protoLoader.loadSync(
  path.join(__dirname, 'accounts.proto'),
  { keepCase: true },
);
const { accounts } = grpc.loadPackageDefinition(definition);

function getAccount(call, callback) {
  if (call.request.account_id === 'missing') {
    callback({ code: grpc.status.NOT_FOUND, details: 'no such account' });
    return;
  }
  callback(null, {
    account_id: call.request.account_id,
    owner_email: 'jane.doe@example.com',
    card_number: '4111111111111111',
  });
}

function listPayments(call) {
  for (const cents of [1200, 3400]) {
    call.write({ cents, card_number: '5555555555554444' });
  }
  call.end();
}

/** Starts the gRPC server on a free port and resolves with its address. */
function startGrpc() {
  const server = new grpc.Server();
  server.addService(accounts.v1.Accounts.service, { getAccount, listPayments });
  return new Promise((resolve, reject) => {
    server.bindAsync(
      '127.0.0.1:0',
      grpc.ServerCredentials.createInsecure(),
      (error, port) => {
        if (error) reject(error);
        else resolve(`127.0.0.1:${port}`);
      },
    );
  });
}

module.exports = { startGrpc, accounts };
