import type { Attributes, Span } from '@opentelemetry/api';
import { SpanStatusCode } from '@opentelemetry/api';
import type { GraphQLError } from 'graphql';
import { ATTR_ERROR_COUNT, ATTR_FIELD_PATH } from './attributes';
import type { CodeLocator } from './code-location';
import { locationAttributes } from './location-attributes';
import type { MessageMasker } from './message-mask';

/** The parts of a graphql error that capture reads; any of them may be missing. */
type ResultError = Partial<
  Pick<GraphQLError, 'message' | 'path' | 'originalError' | 'name'>
>;

/** Lookup of the resolver that failed at a response path. */
export interface FailureLookup {
  failedResolver(path: readonly (string | number)[] | undefined): unknown;
}

/**
 * Records the errors of a result on a span: the count, an `exception` event
 * for each of the first `maxRecorded` errors (with the response path and the
 * failing resolver's code location when a resolver threw), and status ERROR.
 * Every message goes through the masker first.
 */
export function recordResultErrors(
  span: Span,
  errors: readonly ResultError[],
  options: {
    maxRecorded: number;
    masker: MessageMasker;
    failures?: FailureLookup;
    locator?: CodeLocator;
  },
): void {
  span.setAttribute(ATTR_ERROR_COUNT, errors.length);
  const messages = errors
    .slice(0, Math.max(options.maxRecorded, 1))
    .map((error) => options.masker.mask(String(error?.message ?? '')));
  for (const [index, error] of errors.slice(0, options.maxRecorded).entries()) {
    span.addEvent(
      'exception',
      errorAttributes(error, messages[index], options),
    );
  }
  span.setStatus({ code: SpanStatusCode.ERROR, message: messages[0] });
}

function errorAttributes(
  error: ResultError,
  message: string,
  options: {
    masker: MessageMasker;
    failures?: FailureLookup;
    locator?: CodeLocator;
  },
): Attributes {
  const original = error?.originalError;
  const attributes: Attributes = {
    'exception.type': original?.name ?? error?.name ?? 'GraphQLError',
    'exception.message': message,
  };
  if (typeof original?.stack === 'string') {
    attributes['exception.stacktrace'] = options.masker.mask(original.stack);
  }
  const path = Array.isArray(error?.path) ? error.path : undefined;
  if (path !== undefined) attributes[ATTR_FIELD_PATH] = path.join('.');
  const resolver = options.failures?.failedResolver(path);
  if (resolver !== undefined && options.locator !== undefined) {
    Object.assign(
      attributes,
      locationAttributes(options.locator.locate(resolver)),
    );
  }
  return attributes;
}
