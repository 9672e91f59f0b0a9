import { Redactor } from '@tracegate/redact';
import type { GraphqlCaptureOptions } from './types';
import {
  DEFAULT_MAX_RECORDED_ERRORS,
  DEFAULT_MAX_TEXT_LENGTH,
  DEFAULT_SLOW_FIELDS,
} from './types';

/** GraphQL capture options with every default applied, built once per configuration. */
export interface CaptureSettings {
  document: boolean;
  variables: boolean;
  maxDocumentLength: number;
  maxVariablesLength: number;
  maxRecordedErrors: number;
  slowFields: number;
  codeLocations: boolean;
  redactor: Redactor;
}

/** Applies defaults to user options; an invalid number falls back to its default. */
export function resolveCaptureSettings(
  options: GraphqlCaptureOptions = {},
): CaptureSettings {
  return {
    document: options.document ?? true,
    variables: options.variables ?? true,
    maxDocumentLength: count(
      options.maxDocumentLength,
      DEFAULT_MAX_TEXT_LENGTH,
    ),
    maxVariablesLength: count(
      options.maxVariablesLength,
      DEFAULT_MAX_TEXT_LENGTH,
    ),
    maxRecordedErrors: count(
      options.maxRecordedErrors,
      DEFAULT_MAX_RECORDED_ERRORS,
    ),
    slowFields: count(options.slowFields, DEFAULT_SLOW_FIELDS),
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
