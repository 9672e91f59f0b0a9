import { Redactor } from '@tracegate/redact';
import type { GrpcCaptureOptions } from './types';
import {
  DEFAULT_MAX_CALL_BYTES,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_MAX_MESSAGE_EVENTS,
} from './types';

/** gRPC capture options with every default applied, built once per configuration. */
export interface CaptureSettings {
  server: boolean;
  client: boolean;
  requestMetadata: boolean;
  responseMetadata: boolean;
  requestMessages: boolean;
  responseMessages: boolean;
  maxMessageBytes: number;
  maxCallBytes: number;
  maxMessageEvents: number;
  codeLocations: boolean;
  redactor: Redactor;
}

/** Applies defaults to user options; an invalid number falls back to its default. */
export function resolveCaptureSettings(
  options: GrpcCaptureOptions = {},
): CaptureSettings {
  return {
    server: options.server ?? true,
    client: options.client ?? true,
    requestMetadata: options.requestMetadata ?? true,
    responseMetadata: options.responseMetadata ?? true,
    requestMessages: options.requestMessages ?? true,
    responseMessages: options.responseMessages ?? true,
    maxMessageBytes: count(options.maxMessageBytes, DEFAULT_MAX_MESSAGE_BYTES),
    maxCallBytes: count(options.maxCallBytes, DEFAULT_MAX_CALL_BYTES),
    maxMessageEvents: count(
      options.maxMessageEvents,
      DEFAULT_MAX_MESSAGE_EVENTS,
    ),
    codeLocations: options.codeLocations ?? true,
    redactor:
      options.redactor instanceof Redactor
        ? options.redactor
        : new Redactor(options.redactor),
  };
}

function count(value: number | undefined, fallback: number): number {
  return Number.isSafeInteger(value) && value! >= 0 ? value! : fallback;
}
