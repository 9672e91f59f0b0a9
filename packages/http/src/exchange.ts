import type { Attributes, Span } from '@opentelemetry/api';
import type { FindingSink } from '@tracegate/redact';
import type { BodyAttributeNames } from './attributes';
import {
  ATTR_SENSITIVE_FIELDS,
  ATTR_SENSITIVE_TYPES,
  REQUEST_BODY,
  REQUEST_HEADER_PREFIX,
  RESPONSE_BODY,
  RESPONSE_HEADER_PREFIX,
} from './attributes';
import { BodyBuffer } from './body-buffer';
import type { BodyHeaders } from './body-render';
import { headerText, renderBody } from './body-render';
import type { CaptureSettings } from './capture-settings';
import type { HeaderEntries } from './header-render';
import { renderHeaders } from './header-render';
import { renderParsedBody, snapshotJson } from './parsed-body';
import { guarded, reportFailure } from './safe';

type Finding = Parameters<FindingSink>[0];

/**
 * Span attributes that hold a URL or its query, in the stable HTTP semantic
 * conventions (`url.*`) and the older ones (`http.target`, `http.url`).
 */
const URL_ATTRIBUTES = [
  'url.full',
  'url.query',
  'url.original',
  'http.target',
  'http.url',
] as const;

/** Accessors for one message's headers, read when the span ends. */
export interface MessageSource {
  headers: () => HeaderEntries;
  bodyHeaders: () => BodyHeaders;
}

/**
 * Capture state of one request/response exchange, kept from the hooks that
 * see the messages until the span ends. Attributes are written only at span
 * end because the body often finishes after the instrumentation's own hooks
 * have run (an app may respond before reading the request body, or never read it).
 */
export class Exchange {
  readonly requestBody: BodyBuffer | undefined;
  readonly responseBody: BodyBuffer | undefined;
  request: MessageSource | undefined;
  response: MessageSource | undefined;
  /** The request body as a framework parsed it, preferred over the raw bytes. */
  private parsedRequestBody: string | undefined;
  private readonly findings: Finding[] = [];

  constructor(
    private readonly span: Span,
    private readonly settings: CaptureSettings,
  ) {
    this.requestBody = settings.requestBody
      ? new BodyBuffer(settings.maxBodyBytes)
      : undefined;
    this.responseBody = settings.responseBody
      ? new BodyBuffer(settings.maxBodyBytes)
      : undefined;
  }

  /** Serializes a body the app's framework parsed from the request. */
  setParsedRequestBody(body: unknown): void {
    if (this.requestBody === undefined) return;
    this.parsedRequestBody = snapshotJson(
      body,
      this.settings.maxBodyBytes,
      this.requestBody.ended ? this.requestBody.size : undefined,
    );
  }

  /** Writes every captured attribute onto the span. */
  flush(): void {
    const attributes: Attributes = {};
    const { settings } = this;
    if (this.request !== undefined) {
      const source = this.request;
      if (settings.requestHeaders) {
        Object.assign(
          attributes,
          this.headerAttributes(source, REQUEST_HEADER_PREFIX, 'request'),
        );
      }
      Object.assign(
        attributes,
        this.bodyAttributes(this.requestBody, source, REQUEST_BODY, 'request'),
      );
    }
    if (this.response !== undefined) {
      const source = this.response;
      if (settings.responseHeaders) {
        Object.assign(
          attributes,
          this.headerAttributes(source, RESPONSE_HEADER_PREFIX, 'response'),
        );
      }
      Object.assign(
        attributes,
        this.bodyAttributes(
          this.responseBody,
          source,
          RESPONSE_BODY,
          'response',
        ),
      );
    }
    Object.assign(attributes, this.urlAttributes());
    Object.assign(attributes, this.findingAttributes());
    this.span.setAttributes(attributes);
  }

  private headerAttributes(
    source: MessageSource,
    prefix: string,
    direction: string,
  ): Attributes {
    return guarded(`${direction} headers`, {}, () =>
      renderHeaders(
        source.headers(),
        prefix,
        this.settings.redactor,
        this.sink(`${direction}.`),
      ),
    );
  }

  private bodyAttributes(
    buffer: BodyBuffer | undefined,
    source: MessageSource,
    names: BodyAttributeNames,
    direction: string,
  ): Attributes {
    if (buffer === undefined) return {};
    const parsed = names === REQUEST_BODY ? this.parsedRequestBody : undefined;
    if (parsed !== undefined) {
      return guarded('parsed request body', {}, () =>
        renderParsedBody(
          parsed,
          buffer,
          headerText(source.bodyHeaders().contentType),
          this.settings,
          this.sink(`${direction}.`),
        ),
      );
    }
    return guarded(`${direction} body`, {}, () =>
      renderBody(
        buffer,
        source.bodyHeaders(),
        names,
        this.settings,
        isComplete(buffer, source),
        this.sink(`${direction}.`),
      ),
    );
  }

  /**
   * Redacts the URL attributes the upstream instrumentation set when the
   * span started, so a token in a query string does not leave in clear.
   * If redaction throws, every URL attribute is masked instead of kept.
   */
  private urlAttributes(): Attributes {
    const current = (this.span as { attributes?: Attributes }).attributes;
    if (current === undefined) return {};
    return guarded('url attributes', maskedUrlAttributes(current), () => {
      const redacted: Attributes = {};
      const { redactor } = this.settings;
      const sink = this.sink('request.');
      for (const name of URL_ATTRIBUTES) {
        const value = current[name];
        if (typeof value !== 'string') continue;
        redacted[name] =
          name === 'url.query'
            ? redactor.url(`?${value}`, sink).slice(1)
            : redactor.url(value, sink);
      }
      return redacted;
    });
  }

  private sink(prefix: string): FindingSink {
    return (finding) => {
      if (finding.type === 'unparsed') {
        // The redactor failed on this value and recorded it fully masked.
        reportFailure(
          'redaction',
          new Error(`could not parse ${finding.path}`),
        );
      }
      // Bounded: a body full of e-mail addresses must not grow this list.
      if (this.findings.length < 100) {
        this.findings.push({ type: finding.type, path: prefix + finding.path });
      }
    };
  }

  private findingAttributes(): Attributes {
    if (this.findings.length === 0) return {};
    const types = [...new Set(this.findings.map((finding) => finding.type))];
    const fields = [
      ...new Set(
        this.findings.map((finding) => `${finding.path}=${finding.type}`),
      ),
    ];
    return { [ATTR_SENSITIVE_TYPES]: types, [ATTR_SENSITIVE_FIELDS]: fields };
  }
}

/**
 * Tells whether the whole body was seen. The end-of-body marker can arrive
 * after the span ended although every byte came before: Node pushes it late
 * when the app responded without reading the body. A Content-Length that
 * matches the bytes seen settles it then.
 */
function isComplete(buffer: BodyBuffer, source: MessageSource): boolean {
  if (buffer.ended) return true;
  const declared = Number(headerText(source.bodyHeaders().contentLength));
  return Number.isSafeInteger(declared) && buffer.size >= declared;
}

// The mask that the redactor gives a value it could not parse.
const UNPARSED_MASK = '[REDACTED:unparsed]';

function maskedUrlAttributes(current: Attributes): Attributes {
  const masked: Attributes = {};
  for (const name of URL_ATTRIBUTES) {
    if (typeof current[name] === 'string') masked[name] = UNPARSED_MASK;
  }
  return masked;
}

const exchanges = new WeakMap<Span, Exchange>();

/**
 * Returns the exchange of a span, creating it on first use and arranging for
 * it to be flushed right before the span ends, whichever code path ends it.
 * Returns undefined for spans that are not recorded (sampled out).
 */
export function exchangeFor(
  span: Span,
  settings: CaptureSettings,
): Exchange | undefined {
  const known = exchanges.get(span);
  if (known !== undefined) return known;
  if (!span.isRecording()) return undefined;
  const exchange = new Exchange(span, settings);
  exchanges.set(span, exchange);
  flushBeforeEnd(span, exchange);
  return exchange;
}

function flushBeforeEnd(span: Span, exchange: Exchange): void {
  // The original is called with the span as `this` below.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalEnd = span.end;
  span.end = function endAfterFlush(this: Span, ...args) {
    // Dropping every reference to the exchange frees the captured bytes
    // while the ended span waits in the export queue.
    span.end = originalEnd;
    exchanges.delete(span);
    guarded('flush', undefined, () => exchange.flush());
    return originalEnd.apply(this, args);
  };
}
