import type { Attributes, AttributeValue, Context } from '@opentelemetry/api';
import type {
  ReadableSpan,
  Span,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { Finding } from '@tracegate/http';
import { UnchangedValues } from '@tracegate/http';
import type { FindingSink, Redactor } from '@tracegate/redact';
import { logger } from './diagnostics';

/**
 * Attributes that Tracegate's capture already redacted when it set them;
 * scanning them again would find nothing and cost a pass over every body.
 */
const CAPTURED_PREFIXES = [
  'http.request.header.',
  'http.response.header.',
  'rpc.request.metadata.',
  'rpc.response.metadata.',
  'tracegate.',
];
const CAPTURED_KEYS = new Set([
  'http.request.body',
  'http.response.body',
  'rpc.request.body',
  'rpc.response.body',
  'graphql.document',
]);

/**
 * Attribute keys of the connection's own addresses, which every server and
 * client span carries. An IP address there is not data the API handles, so
 * it is left out of `tracegate.sensitive.*`. An action that masks IP
 * addresses still masks it.
 */
const CONNECTION_KEYS = new Set([
  'client.address',
  'server.address',
  'network.peer.address',
  'network.local.address',
  'source.address',
  'destination.address',
  'net.host.ip',
  'net.peer.ip',
  'net.host.name',
  'net.peer.name',
  'http.client_ip',
]);

const ATTR_SENSITIVE_TYPES = 'tracegate.sensitive.types';
const ATTR_SENSITIVE_FIELDS = 'tracegate.sensitive.fields';

/**
 * Runs the redactor once more before export, over every string attribute,
 * event attribute and status message that capture did not set itself. A
 * value written by another instrumentation, such as a database statement
 * or an exception message, then does not leave in clear.
 */
export class LastCheckSpanProcessor implements SpanProcessor {
  private failureLogged = false;
  /** Attribute values this processor's redactor returned unchanged, with their findings. */
  private readonly unchanged = new UnchangedValues();

  constructor(private readonly redactor: Redactor) {}

  onStart(_span: Span, _context: Context): void {}

  onEnd(span: ReadableSpan): void {
    try {
      this.check(span);
    } catch (error) {
      if (this.failureLogged) return;
      this.failureLogged = true;
      // The redactor masks a value it cannot parse, so this is reached only
      // by a failure around it; the log line matches capture's format.
      logger.error(
        `capture step "last check" failed; span ${span.spanContext().spanId} ` +
          `is exported as checked so far (further failures are not logged): ` +
          String(error),
      );
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  private check(span: ReadableSpan): void {
    const found: Array<{ type: string; path: string }> = [];
    const sink =
      (prefix: string): FindingSink =>
      (finding) => {
        if (found.length < 50) found.push({ type: finding.type, path: prefix });
      };
    // The SDK keeps plain objects that stay writable after the span ended.
    this.redactAttributes(span.attributes, sink, 'attribute.');
    for (const event of span.events) {
      if (event.attributes !== undefined) {
        this.redactAttributes(event.attributes, sink, `event.${event.name}.`);
      }
    }
    const status = span.status as { message?: string };
    if (typeof status.message === 'string' && status.message !== '') {
      status.message = this.redactor.text(
        status.message,
        sink('status.message'),
      );
    }
    if (found.length > 0) mergeFindings(span.attributes, found);
  }

  private redactAttributes(
    attributes: Attributes,
    sink: (path: string) => FindingSink,
    prefix: string,
  ): void {
    const { redactor, unchanged } = this;
    for (const key of Object.keys(attributes)) {
      const value = attributes[key];
      if (value === undefined || isCaptured(key)) continue;
      const known = unchanged.findingsOf(key, value);
      if (known !== undefined) {
        report(known, sink, prefix + key);
        continue;
      }
      let reported: Finding[] = [];
      const next = redactor.scanAttributeValue(key, value, (finding) => {
        reported.push(finding);
      });
      if (next === value && CONNECTION_KEYS.has(key)) reported = [];
      report(reported, sink, prefix + key);
      if (next !== value) attributes[key] = next;
      else unchanged.remember(key, value, reported);
    }
  }
}

function report(
  findings: readonly Finding[],
  sink: (path: string) => FindingSink,
  path: string,
): void {
  if (findings.length === 0) return;
  const record = sink(path);
  for (const finding of findings) record(finding);
}

// A blocking reason is written by filters, user code among them, so it is
// checked like any other attribute even though its name starts with
// `tracegate.`.
const CHECKED_TRACEGATE_KEYS = new Set(['tracegate.blocking.reason']);

function isCaptured(key: string): boolean {
  if (CHECKED_TRACEGATE_KEYS.has(key)) return false;
  return (
    CAPTURED_KEYS.has(key) ||
    CAPTURED_PREFIXES.some((prefix) => key.startsWith(prefix))
  );
}

function mergeFindings(
  attributes: Attributes,
  found: Array<{ type: string; path: string }>,
): void {
  const types = new Set(asStrings(attributes[ATTR_SENSITIVE_TYPES]));
  const fields = new Set(asStrings(attributes[ATTR_SENSITIVE_FIELDS]));
  for (const { type, path } of found) {
    types.add(type);
    fields.add(`${path}=${type}`);
  }
  attributes[ATTR_SENSITIVE_TYPES] = [...types];
  attributes[ATTR_SENSITIVE_FIELDS] = [...fields];
}

function asStrings(value: AttributeValue | undefined): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}
