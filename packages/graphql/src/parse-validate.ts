import type { Span, Tracer } from '@opentelemetry/api';
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { KIND } from './ast-kinds';
import { maskDocument, rememberParsedDocument } from './document-mask';
import { recordResultErrors } from './error-recording';
import { graphqlLanguage } from './graphql-language';
import type { DocumentNode } from './internal-types';
import { MessageMasker } from './message-mask';
import { definitionsOf } from './operation';
import { guarded } from './safe';
import { countErrors, currentHttpSpan } from './server-span';
import type { CaptureSettings } from './settings';

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/** Span names, the same as instrumentation-graphql uses. */
export const SPAN_NAMES = {
  parse: 'graphql.parse',
  parseSchema: 'graphql.parseSchema',
  validate: 'graphql.validate',
  validateSchema: 'graphql.validateSchema',
  execute: 'graphql.execute',
} as const;

/** Quoted text in a syntax error message, which can be a piece of a literal. */
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/**
 * Wraps graphql's `parse` with a `graphql.parse` span. A syntax error is
 * recorded with its quoted text masked (it can quote a literal value),
 * counted on the HTTP server span, and thrown to the caller unchanged.
 */
export function wrapParse(
  original: AnyFunction,
  tracer: () => Tracer,
): AnyFunction {
  return function parse(this: unknown, ...args: unknown[]) {
    const span = tracer().startSpan(SPAN_NAMES.parse);
    let document: unknown;
    try {
      document = context.with(trace.setSpan(context.active(), span), () =>
        original.apply(this, args),
      );
    } catch (error) {
      guarded('parse error', undefined, () => recordParseFailure(span, error));
      span.end();
      throw error;
    }
    guarded('parse span', undefined, () => {
      if (!hasOperation(document)) span.updateName(SPAN_NAMES.parseSchema);
      else rememberParsedDocument(document, args[0]);
    });
    span.end();
    return document;
  };
}

/**
 * Wraps graphql's `validate` with a `graphql.validate` span. Validation
 * errors are recorded with the document's literals masked, set the status
 * to ERROR and are counted on the HTTP server span. The caller gets the
 * same errors array.
 */
export function wrapValidate(
  original: AnyFunction,
  tracer: () => Tracer,
  settings: () => CaptureSettings,
): AnyFunction {
  return function validate(this: unknown, ...args: unknown[]) {
    const span = tracer().startSpan(SPAN_NAMES.validate);
    let errors: unknown;
    try {
      errors = context.with(trace.setSpan(context.active(), span), () =>
        original.apply(this, args),
      );
    } catch (error) {
      guarded('validate error', undefined, () => {
        span.setStatus({ code: SpanStatusCode.ERROR });
      });
      span.end();
      throw error;
    }
    guarded('validate span', undefined, () =>
      recordValidation(
        span,
        args[1] as DocumentNode | undefined,
        errors,
        settings(),
      ),
    );
    span.end();
    return errors;
  };
}

/** Records validation errors on the validate span and counts them on the HTTP span. */
export function recordValidation(
  span: Span,
  document: DocumentNode | undefined,
  errors: unknown,
  settings: CaptureSettings,
): void {
  if (document?.loc === undefined) span.updateName(SPAN_NAMES.validateSchema);
  if (!Array.isArray(errors) || errors.length === 0) return;
  const masked =
    document === undefined
      ? undefined
      : maskDocument(document, graphqlLanguage, settings.maxDocumentLength);
  recordResultErrors(span, errors, {
    maxRecorded: settings.maxRecordedErrors,
    masker: new MessageMasker(settings.redactor, masked?.literals ?? [], []),
  });
  countErrors(currentHttpSpan(), errors.length);
}

/** Records a syntax error, with its quoted text masked, and counts it on the HTTP span. */
export function recordParseFailure(span: Span, error: unknown): void {
  const message =
    error instanceof Error
      ? error.message.replace(QUOTED, '"***"')
      : 'parse failed';
  span.addEvent('exception', {
    'exception.type': error instanceof Error ? error.name : typeof error,
    'exception.message': message,
  });
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  countErrors(currentHttpSpan(), 1);
}

/** Tells whether a parsed document has an operation (not only type definitions). */
export function hasOperation(document: unknown): boolean {
  return definitionsOf(document).some(
    (definition) => definition?.kind === KIND.OPERATION_DEFINITION,
  );
}
