import { Field, Type } from 'protobufjs';

// google.rpc.Status as defined in googleapis google/rpc/status.proto. Field 3,
// `repeated google.protobuf.Any details`, is left out because this receiver
// sends no details.
const RpcStatus = new Type('Status')
  .add(new Field('code', 1, 'int32'))
  .add(new Field('message', 2, 'string'));

/** Code and message of a google.rpc.Status. */
export interface RpcStatusFields {
  /** gRPC status code, such as 3 for INVALID_ARGUMENT. */
  code: number;
  message: string;
}

/** Encodes a google.rpc.Status, the body that OTLP/HTTP specifies for a failed export. */
export function encodeRpcStatus(status: RpcStatusFields): Uint8Array {
  return RpcStatus.encode(RpcStatus.create(status)).finish();
}

/** Decodes a binary google.rpc.Status, for clients and tests that read error responses. */
export function decodeRpcStatus(bytes: Uint8Array): RpcStatusFields {
  const decoded = RpcStatus.toObject(RpcStatus.decode(bytes), {
    defaults: true,
  }) as RpcStatusFields;
  return { code: decoded.code, message: decoded.message };
}
