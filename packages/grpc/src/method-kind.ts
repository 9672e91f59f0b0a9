import type { MethodKind } from './internal-types';

/** Normalizes the method kind names of grpc-js (`serverStream`) and of its definitions (`server_stream`). */
export function methodKind(type: unknown): MethodKind | undefined {
  switch (type) {
    case 'unary':
      return 'unary';
    case 'serverStream':
    case 'server_stream':
      return 'server_stream';
    case 'clientStream':
    case 'client_stream':
      return 'client_stream';
    case 'bidi':
      return 'bidi';
    default:
      return undefined;
  }
}

/** Tells whether the request of a kind is one message (else a stream). */
export function hasSingleRequest(kind: MethodKind): boolean {
  return kind === 'unary' || kind === 'server_stream';
}

/** Tells whether the response of a kind is one message (else a stream). */
export function hasSingleResponse(kind: MethodKind): boolean {
  return kind === 'unary' || kind === 'client_stream';
}
