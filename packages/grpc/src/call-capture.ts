import type { Attributes, Span } from '@opentelemetry/api';
import { SpanStatusCode } from '@opentelemetry/api';
import type { FindingSink } from '@tracegate/redact';
import {
  ATTR_CANCELLED,
  ATTR_CAPTURE_ERRORS,
  ATTR_DROPPED_EVENTS,
  ATTR_REQUEST_BODY,
  ATTR_REQUEST_BODY_TRUNCATED,
  ATTR_REQUEST_MESSAGES,
  ATTR_RESPONSE_BODY,
  ATTR_RESPONSE_BODY_TRUNCATED,
  ATTR_RESPONSE_MESSAGES,
  ATTR_SENSITIVE_FIELDS,
  ATTR_SENSITIVE_TYPES,
  ATTR_STATUS_CODE,
  ATTR_STATUS_MESSAGE,
  EVENT_MESSAGE_BODY,
  EVENT_MESSAGE_BODY_TRUNCATED,
  EVENT_MESSAGE_ID,
  EVENT_MESSAGE_TYPE,
  MESSAGE_EVENT,
  REQUEST_METADATA_PREFIX,
  RESPONSE_METADATA_PREFIX,
  UPSTREAM_ERROR_MESSAGE,
} from './attributes';
import { codeLocationAttributes } from './code-location';
import type { Direction, MethodKind, Side, StatusLike } from './internal-types';
import {
  isMetadata,
  mergeMetadataAttributes,
  renderMetadata,
} from './metadata-render';
import { hasSingleRequest, hasSingleResponse } from './method-kind';
import { renderMessageJson, cutUtf8 } from './message-json';
import { reportFailure } from './safe';
import type { CaptureSettings } from './settings';
import { SpanEndControl } from './span-end';
import { STATUS_OK, STATUS_UNKNOWN } from './status';

type Finding = Parameters<FindingSink>[0];

// Bounded: a stream full of e-mail addresses must not grow this list.
const MAX_FINDINGS = 100;

/**
 * Capture state of one gRPC call on one side, created when the call starts
 * and reachable only from that call's own wrappers and listeners. Messages,
 * metadata and status are written onto the span as they happen. Counts,
 * findings and failed steps are written right before the span ends.
 */
export class CallCapture {
  private readonly endControl: SpanEndControl;
  private readonly findings: Finding[] = [];
  private readonly failedSteps = new Set<string>();
  private readonly messageCounts = { request: 0, response: 0 };
  private readonly responseMetadata: Attributes = {};
  private remainingBytes: number;
  private events = 0;
  private droppedEvents = 0;
  private statusRecorded = false;

  constructor(
    private readonly span: Span,
    private readonly settings: CaptureSettings,
    private readonly side: Side,
    private readonly kind: MethodKind,
  ) {
    this.remainingBytes = settings.maxCallBytes;
    this.endControl = new SpanEndControl(span, () => this.flush());
  }

  /** True until the span really ends. */
  get open(): boolean {
    return !this.endControl.ended;
  }

  /** Records `code.*` attributes of the function that handles the call. */
  recordCodeLocation(handler: object): void {
    this.step('code location', () =>
      this.span.setAttributes(codeLocationAttributes(handler)),
    );
  }

  /** Records the metadata that the client sent. */
  recordRequestMetadata(metadata: unknown): void {
    if (!this.open || !this.settings.requestMetadata) return;
    if (!isMetadata(metadata)) return;
    this.step('request metadata', () =>
      this.span.setAttributes(
        renderMetadata(
          metadata,
          REQUEST_METADATA_PREFIX,
          this.settings.redactor,
          this.settings.maxMessageBytes,
          this.sink((path) => metadataPath('request', path)),
        ),
      ),
    );
  }

  /** Records response headers or trailers, merged under the same keys. */
  recordResponseMetadata(metadata: unknown): void {
    if (!this.open || !this.settings.responseMetadata) return;
    if (!isMetadata(metadata)) return;
    this.step('response metadata', () => {
      const rendered = renderMetadata(
        metadata,
        RESPONSE_METADATA_PREFIX,
        this.settings.redactor,
        this.settings.maxMessageBytes,
        this.sink((path) => metadataPath('response', path)),
      );
      mergeMetadataAttributes(this.responseMetadata, rendered);
      const changed: Attributes = {};
      for (const name of Object.keys(rendered)) {
        changed[name] = this.responseMetadata[name];
      }
      this.span.setAttributes(changed);
    });
  }

  /**
   * Records one message: the only message of its direction becomes
   * `rpc.<direction>.body`, a stream message an `rpc.message` event. Every
   * message is counted. Past `maxMessageEvents` a message is only counted,
   * and past `maxCallBytes` its event has no body.
   */
  recordMessage(direction: Direction, message: unknown): void {
    if (!this.open) return;
    const id = ++this.messageCounts[direction];
    const enabled =
      direction === 'request'
        ? this.settings.requestMessages
        : this.settings.responseMessages;
    if (!enabled) return;
    const single =
      direction === 'request'
        ? hasSingleRequest(this.kind)
        : hasSingleResponse(this.kind);
    if (single) {
      // A second message here is a protocol error that grpc-js rejects, so
      // it is only counted.
      if (id === 1) this.recordBody(direction, message);
      return;
    }
    if (this.events >= this.settings.maxMessageEvents) {
      this.droppedEvents++;
      return;
    }
    this.events++;
    this.recordMessageEvent(direction, id, message);
  }

  /**
   * Records the final status and any trailers in it. Only the first status
   * counts: grpc-js reports some twice, as an error and as a status.
   */
  recordStatus(status: StatusLike): void {
    if (this.statusRecorded || !this.open) return;
    this.statusRecorded = true;
    this.step('status', () => {
      const attributes: Attributes = { [ATTR_STATUS_CODE]: status.code };
      if (status.code !== STATUS_OK && status.details !== '') {
        const details = cutUtf8(status.details, this.settings.maxMessageBytes);
        attributes[ATTR_STATUS_MESSAGE] = this.settings.redactor.text(
          details,
          this.sink((path) => replaceRoot(path, 'body', 'status.message')),
        );
      }
      this.span.setAttributes(attributes);
    });
    this.recordResponseMetadata(status.metadata);
    this.endControl.markStatusKnown();
  }

  /**
   * Records a call that the client cancelled or that ran past its deadline,
   * and ends the span: instrumentation-grpc 0.223 never ends the span of a
   * cancelled streaming call, and ends a unary one only when the handler
   * responds later.
   */
  recordCancelled(code: number, message: string): void {
    if (!this.open) return;
    this.step('cancellation', () => {
      this.span.setAttribute(ATTR_CANCELLED, true);
      this.span.setStatus({ code: SpanStatusCode.ERROR, message });
    });
    this.recordStatus({ code, details: message });
    this.endControl.endNow();
  }

  /**
   * Records an exception thrown by a server handler and ends the span.
   * grpc-js ends such a call with status UNKNOWN, and instrumentation-grpc
   * 0.223 would leave its span open.
   */
  recordHandlerError(error: unknown): void {
    if (!this.open) return;
    this.recordException(error);
    this.recordStatus({ code: STATUS_UNKNOWN, details: '' });
    this.endControl.endNow();
  }

  /**
   * Records an exception thrown by a server handler, with its message and
   * stack redacted, and sets the span status to ERROR. The span stays open.
   */
  recordException(error: unknown): void {
    if (!this.open) return;
    this.step('handler error', () => {
      const { redactor, maxMessageBytes } = this.settings;
      const sink = this.sink((path) => replaceRoot(path, 'body', 'exception'));
      const fields =
        typeof error === 'object' && error !== null
          ? (error as Record<string, unknown>)
          : { message: String(error) };
      this.span.recordException({
        name: typeof fields.name === 'string' ? fields.name : 'Error',
        message: redactor.text(
          cutUtf8(
            typeof fields.message === 'string' ? fields.message : '',
            maxMessageBytes,
          ),
          sink,
        ),
        stack:
          typeof fields.stack === 'string'
            ? redactor.text(cutUtf8(fields.stack, maxMessageBytes), sink)
            : undefined,
      });
      this.span.setStatus({
        code: SpanStatusCode.ERROR,
        message: 'the handler threw an exception',
      });
    });
  }

  private recordBody(direction: Direction, message: unknown): void {
    this.step(`${direction} message`, () => {
      const root = `${direction}.body`;
      const rendered = this.renderMessage(message, root);
      const names =
        direction === 'request'
          ? [ATTR_REQUEST_BODY, ATTR_REQUEST_BODY_TRUNCATED]
          : [ATTR_RESPONSE_BODY, ATTR_RESPONSE_BODY_TRUNCATED];
      const attributes: Attributes = { [names[1]]: rendered.truncated };
      if (rendered.text !== undefined) attributes[names[0]] = rendered.text;
      this.span.setAttributes(attributes);
    });
  }

  private recordMessageEvent(
    direction: Direction,
    id: number,
    message: unknown,
  ): void {
    this.step(`${direction} message`, () => {
      const sent = (direction === 'request') === (this.side === 'client');
      const rendered = this.renderMessage(
        message,
        `${direction}.message[${id}]`,
      );
      const attributes: Attributes = {
        [EVENT_MESSAGE_TYPE]: sent ? 'SENT' : 'RECEIVED',
        [EVENT_MESSAGE_ID]: id,
        [EVENT_MESSAGE_BODY_TRUNCATED]: rendered.truncated,
      };
      if (rendered.text !== undefined) {
        attributes[EVENT_MESSAGE_BODY] = rendered.text;
      }
      this.span.addEvent(MESSAGE_EVENT, attributes);
    });
  }

  /** Renders and redacts a message within the per-message and per-call budgets. */
  private renderMessage(
    message: unknown,
    findingRoot: string,
  ): { text: string | undefined; truncated: boolean } {
    const limit = Math.min(this.settings.maxMessageBytes, this.remainingBytes);
    if (limit === 0) return { text: undefined, truncated: true };
    const json = renderMessageJson(message, limit);
    const redacted = this.settings.redactor.json(
      json.text,
      this.sink((path) => replaceRoot(path, 'body', findingRoot)),
      json.truncated,
    );
    // Masks can be longer than the values they replace. Cutting the
    // redacted text keeps the limits exact, and shortening text cannot
    // bring back a masked value.
    const text = cutUtf8(redacted, limit);
    this.remainingBytes -= Buffer.byteLength(text);
    return { text, truncated: json.truncated || text.length < redacted.length };
  }

  /** Writes counts, findings and failed steps right before the span ends. */
  private flush(): void {
    this.step('upstream error message', () => this.redactUpstreamError());
    const attributes: Attributes = {
      [ATTR_REQUEST_MESSAGES]: this.messageCounts.request,
      [ATTR_RESPONSE_MESSAGES]: this.messageCounts.response,
    };
    if (this.droppedEvents > 0) {
      attributes[ATTR_DROPPED_EVENTS] = this.droppedEvents;
    }
    if (this.findings.length > 0) {
      attributes[ATTR_SENSITIVE_TYPES] = [
        ...new Set(this.findings.map((finding) => finding.type)),
      ];
      attributes[ATTR_SENSITIVE_FIELDS] = [
        ...new Set(
          this.findings.map((finding) => `${finding.path}=${finding.type}`),
        ),
      ];
    }
    if (this.failedSteps.size > 0) {
      attributes[ATTR_CAPTURE_ERRORS] = [...this.failedSteps];
    }
    this.span.setAttributes(attributes);
  }

  /**
   * Redacts the error text that instrumentation-grpc copies from the status
   * message into `grpc.error_message` and the span status, which it sets
   * before it ends the span and so before this runs.
   */
  private redactUpstreamError(): void {
    const readable = this.span as unknown as {
      attributes?: Attributes;
      status?: { code: SpanStatusCode; message?: string };
    };
    const sink = this.sink((path) =>
      replaceRoot(path, 'body', 'status.message'),
    );
    const message = readable.attributes?.[UPSTREAM_ERROR_MESSAGE];
    if (typeof message === 'string') {
      this.span.setAttribute(
        UPSTREAM_ERROR_MESSAGE,
        this.settings.redactor.text(message, sink),
      );
    }
    const status = readable.status;
    if (status?.code === SpanStatusCode.ERROR && status.message) {
      this.span.setStatus({
        code: SpanStatusCode.ERROR,
        message: this.settings.redactor.text(status.message, sink),
      });
    }
  }

  /** Runs one capture step, logging a failure once and listing it on the span. */
  private step(name: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.failedSteps.add(name);
      reportFailure(`${this.side} ${name}`, error);
    }
  }

  private sink(rename: (path: string) => string): FindingSink {
    return (finding) => {
      if (finding.type === 'unparsed') {
        // The redactor failed on this value and recorded it fully masked.
        this.failedSteps.add('redaction');
        reportFailure(
          'redaction',
          new Error(
            `redaction failed at ${rename(finding.path)}, recorded as [REDACTED:unparsed]`,
          ),
        );
      }
      if (this.findings.length < MAX_FINDINGS) {
        this.findings.push({ type: finding.type, path: rename(finding.path) });
      }
    };
  }
}

/** Replaces the first path segment `root` with `replacement`. */
function replaceRoot(path: string, root: string, replacement: string): string {
  return path.startsWith(root) ? replacement + path.slice(root.length) : path;
}

// The redactor names header findings `header.<name>` and cookie findings
// `cookie.<name>`.
function metadataPath(direction: Direction, path: string): string {
  const name = path.startsWith('header.') ? path.slice('header.'.length) : path;
  return `${direction}.metadata.${name}`;
}
