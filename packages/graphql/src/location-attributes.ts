import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_CODE_COLUMN,
  ATTR_CODE_FILE,
  ATTR_CODE_FUNCTION,
  ATTR_CODE_LINE,
} from './attributes';
import type { CodeLocation } from './internal-types';

/** Converts a code location into `code.*` attributes (none when unknown). */
export function locationAttributes(
  location: CodeLocation | undefined,
): Attributes {
  if (location === undefined) return {};
  return {
    [ATTR_CODE_FUNCTION]: location.functionName,
    [ATTR_CODE_FILE]: location.filePath,
    [ATTR_CODE_LINE]: location.line,
    [ATTR_CODE_COLUMN]: location.column,
  };
}
