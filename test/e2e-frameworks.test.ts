import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Receiver, ReceivedSpan } from '@tracegate/receiver';
import { startReceiver } from '@tracegate/receiver';
import type { RunningService } from './support/service';
import { REPO_ROOT, startService } from './support/service';

const SERVICE_DIR = join(REPO_ROOT, 'examples', 'api-service');

type Unary = (
  request: object,
  metadata: grpc.Metadata,
  callback: (error: grpc.ServiceError | null, response?: object) => void,
) => void;

function accountsClient(address: string) {
  const definition = protoLoader.loadSync(join(SERVICE_DIR, 'accounts.proto'), {
    keepCase: true,
  });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    accounts: { v1: { Accounts: grpc.ServiceClientConstructor } };
  };
  const Accounts = loaded.accounts.v1.Accounts;
  return new Accounts(
    address,
    grpc.credentials.createInsecure(),
  ) as unknown as grpc.Client & { getAccount: Unary };
}

async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

describe('agent with Express and GraphQL', () => {
  let receiver: Receiver;
  let service: RunningService;

  before(async () => {
    receiver = await startReceiver({
      httpPort: 0,
      grpcPort: false,
      quiet: true,
    });
    service = await startService(
      [
        '--require',
        '@tracegate/agent/register',
        'examples/api-service/server.cjs',
      ],
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.httpUrl,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
    );
  });
  after(async () => {
    await service?.stop();
    await receiver?.close();
  });

  async function serverSpan(predicate: (span: ReceivedSpan) => boolean) {
    const [span] = await receiver.waitForSpans(
      (candidate) => candidate.kind === 'SERVER' && predicate(candidate),
      10_000,
    );
    assert.ok(span);
    return span;
  }

  it('names the Express route and handler', async () => {
    const response = await postJson(`${service.base}/api/v1/users/42`, {
      name: 'Jane',
      password: 'correct horse',
    });
    assert.equal(response.status, 200);
    assert.equal(response.text, '{"id":"42","updated":["name","password"]}');
    const span = await serverSpan(
      (candidate) => candidate.attributes['url.path'] === '/api/v1/users/42',
    );
    assert.equal(span.attributes['http.route'], '/api/v1/users/:id');
    assert.equal(span.attributes['code.function.name'], 'updateUser');
    assert.match(
      span.attributes['code.file.path'] as string,
      /api-service[\\/]server\.cjs$/,
    );
    const body = span.attributes['http.request.body'] as string;
    assert.ok(body.includes('"password":"[REDACTED:password]"'), body);
  });

  it('records an Express error', async () => {
    const response = await fetch(`${service.base}/api/v1/users/9/fail`);
    assert.equal(response.status, 500);
    const span = await serverSpan(
      (candidate) =>
        candidate.attributes['url.path'] === '/api/v1/users/9/fail',
    );
    assert.equal(span.status.code, 'ERROR');
    assert.ok(span.events.some((event) => event.name === 'exception'));
  });

  it('redacts a GraphQL password variable', async () => {
    const response = await postJson(`${service.base}/graphql`, {
      query:
        'mutation SignIn($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      variables: { e: 'someone', p: 'hunter2-secret' },
    });
    assert.equal(response.status, 200);
    assert.ok(response.text.includes('sess_abcdef123456'), response.text);
    await service.stop().catch(() => undefined);
    const exported = JSON.stringify(receiver.spans);
    assert.ok(
      !exported.includes('hunter2-secret'),
      'the password reached the export',
    );
    const variables = receiver.spans
      .map((span) => span.attributes['tracegate.graphql.variables'])
      .find((value): value is string => typeof value === 'string');
    assert.ok(variables, 'no span carries GraphQL variables');
    assert.ok(variables.includes('[REDACTED:password]'), variables);
  });
});

describe('agent with gRPC', () => {
  let receiver: Receiver;
  let service: RunningService;
  let grpcAddress: string;

  before(async () => {
    receiver = await startReceiver({
      httpPort: 0,
      grpcPort: false,
      quiet: true,
    });
    service = await startService(
      [
        '--require',
        '@tracegate/agent/register',
        'examples/api-service/server.cjs',
      ],
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.httpUrl,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
    );
    const response = await fetch(`${service.base}/api/grpc-address`);
    ({ grpcAddress } = (await response.json()) as { grpcAddress: string });
  });
  after(async () => {
    await service?.stop();
    await receiver?.close();
  });

  it('captures a unary call with redaction', async () => {
    const client = accountsClient(grpcAddress);
    const metadata = new grpc.Metadata();
    metadata.set('authorization', 'Bearer grpc-secret-token');
    const account = await new Promise<object>((resolve, reject) => {
      client.getAccount(
        { account_id: 'acct-9', api_token: 'tok-plain-123' },
        metadata,
        (error, response) => (error ? reject(error) : resolve(response!)),
      );
    });
    client.close();
    assert.deepEqual(account, {
      account_id: 'acct-9',
      owner_email: 'jane.doe@example.com',
      card_number: '4111111111111111',
    });
    const [span] = await receiver.waitForSpans(
      (candidate) =>
        candidate.kind === 'SERVER' && candidate.name.includes('GetAccount'),
      10_000,
    );
    assert.ok(span);
    const request = span.attributes['rpc.request.body'] as string;
    assert.ok(request.includes('acct-9'), request);
    const response = span.attributes['rpc.response.body'] as string;
    assert.ok(response.includes('"card_number":"[REDACTED:'), response);
    const exported = JSON.stringify(receiver.spans);
    for (const secret of [
      'grpc-secret-token',
      '4111111111111111',
      'jane.doe@example.com',
    ]) {
      assert.ok(!exported.includes(secret), `found ${secret} in the export`);
    }
  });
});
