import type { Attributes } from '@opentelemetry/api';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  ATTR_CODE_COLUMN_NUMBER,
  ATTR_CODE_FILE_PATH,
  ATTR_CODE_FUNCTION_NAME,
  ATTR_CODE_LINE_NUMBER,
  ATTR_ERROR_TYPE,
} from '@opentelemetry/semantic-conventions';
import type { CodeLocation, CodeLocator } from './code-locator';
import { errorMessage, errorType } from './errors';
import type { RequestState } from './request-state';

/**
 * Writes what Express routing revealed onto the server span, right before
 * it ends: the handler's code location and the error status. Both are set
 * last because the HTTP instrumentation sets a status without a message
 * for 5xx responses when the response closes.
 */
export function finishServerSpan(
  state: RequestState,
  locator: CodeLocator,
): void {
  const { features, span } = state;
  const attributes: Attributes = {};
  const handler = state.failedHandler ?? state.handler;
  if (features.codeLocation && handler !== undefined) {
    const location = locator.locate(handler);
    if (location !== undefined)
      Object.assign(attributes, codeAttributes(location));
  }
  if (features.recordErrors && state.errors.length > 0) {
    const [first] = state.errors;
    attributes[ATTR_ERROR_TYPE] = errorType(first);
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: errorMessage(first),
    });
  }
  span.setAttributes(attributes);
}

function codeAttributes(location: CodeLocation): Attributes {
  const attributes: Attributes = {
    [ATTR_CODE_LINE_NUMBER]: location.lineNumber,
    [ATTR_CODE_COLUMN_NUMBER]: location.columnNumber,
  };
  if (location.functionName !== undefined) {
    attributes[ATTR_CODE_FUNCTION_NAME] = location.functionName;
  }
  if (location.filePath !== undefined) {
    attributes[ATTR_CODE_FILE_PATH] = location.filePath;
  }
  return attributes;
}
