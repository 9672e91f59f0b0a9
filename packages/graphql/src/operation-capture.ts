import type { Span } from '@opentelemetry/api';
import {
  ATTR_DOCUMENT,
  ATTR_DOCUMENT_TRUNCATED,
  ATTR_FIELD_COORDINATE,
  ATTR_FIELD_DURATION_MS,
  ATTR_FIELD_PATH,
  ATTR_VARIABLES,
  ATTR_VARIABLES_TRUNCATED,
  EVENT_SLOW_FIELD,
} from './attributes';
import type { CodeLocator } from './code-location';
import { maskDocument } from './document-mask';
import { recordResultErrors } from './error-recording';
import type { ExecutionRecord } from './execution-record';
import { FindingList } from './findings';
import { graphqlLanguage } from './graphql-language';
import { locationAttributes } from './location-attributes';
import { MessageMasker } from './message-mask';
import { selectOperation } from './operation';
import { countErrors } from './server-span';
import type { CaptureSettings } from './settings';
import { guarded } from './safe';
import { redactVariables } from './variable-redaction';
import { mapVariableSinks } from './variable-sinks';

/**
 * Writes what capture learned about one finished operation to its execute
 * span: the masked document, the redacted variables, the result's errors and
 * the slowest resolvers. Each part is guarded on its own, so one failing
 * step does not lose the others.
 */
export function captureOperation(
  span: Span,
  record: ExecutionRecord,
  result: unknown,
  settings: CaptureSettings,
  locator: CodeLocator,
): void {
  const findings = new FindingList();
  const document = guarded('document', undefined, () =>
    record.document === undefined
      ? undefined
      : maskDocument(
          record.document,
          graphqlLanguage,
          settings.maxDocumentLength,
        ),
  );
  if (settings.document && document !== undefined) {
    span.setAttribute(ATTR_DOCUMENT, document.text);
    if (document.truncated) span.setAttribute(ATTR_DOCUMENT_TRUNCATED, true);
  }
  const maskedValues = guarded('variables', [], () =>
    settings.variables
      ? captureVariables(span, record, settings, findings)
      : [],
  );
  span.setAttributes(findings.attributes());

  const errors = (result as { errors?: unknown } | null | undefined)?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    guarded('errors', undefined, () => {
      recordResultErrors(span, errors, {
        maxRecorded: settings.maxRecordedErrors,
        masker: new MessageMasker(
          settings.redactor,
          document?.literals ?? [],
          maskedValues,
        ),
        failures: record,
        locator: settings.codeLocations ? locator : undefined,
      });
    });
    countErrors(record.httpSpan, errors.length);
  }
  guarded('slow fields', undefined, () =>
    recordSlowFields(
      span,
      record,
      settings.codeLocations ? locator : undefined,
    ),
  );
}

/** Sets the variables attribute and returns the raw values that were masked whole. */
function captureVariables(
  span: Span,
  record: ExecutionRecord,
  settings: CaptureSettings,
  findings: FindingList,
): string[] {
  const values = record.variableValues;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    return [];
  }
  const operation = selectOperation(record.document, record.operationName);
  const sinks =
    operation === undefined || record.document === undefined
      ? undefined
      : mapVariableSinks(record.document, operation, graphqlLanguage);
  const redacted = redactVariables(
    values as Record<string, unknown>,
    sinks,
    settings.redactor,
    settings.maxVariablesLength,
    findings.sink,
  );
  span.setAttribute(ATTR_VARIABLES, redacted.text);
  if (redacted.truncated) span.setAttribute(ATTR_VARIABLES_TRUNCATED, true);
  return redacted.maskedValues;
}

function recordSlowFields(
  span: Span,
  record: ExecutionRecord,
  locator: CodeLocator | undefined,
): void {
  for (const timing of record.slowest) {
    span.addEvent(EVENT_SLOW_FIELD, {
      [ATTR_FIELD_PATH]: timing.path,
      [ATTR_FIELD_COORDINATE]: timing.coordinate,
      [ATTR_FIELD_DURATION_MS]: Math.round(timing.durationMs * 1000) / 1000,
      ...locationAttributes(locator?.locate(timing.resolver)),
    });
  }
}
