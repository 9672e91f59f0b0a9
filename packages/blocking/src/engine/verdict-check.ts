import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { BlockVerdict, Verdict } from '../types';
import { deepFreeze } from '../deep-freeze';

/** Lowest and highest HTTP status a block verdict may set. */
export const MIN_BLOCK_STATUS = 300;
export const MAX_BLOCK_STATUS = 599;

/** Maximum characters of a verdict's reason and rule kept on the span. */
export const MAX_REASON_CHARS = 256;

/**
 * Headers a verdict may not set: the block response's framing (length,
 * chunking, connection reuse) belongs to the integration that writes it.
 */
const FRAMING_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'trailer',
]);

/** A checked verdict, or the reason it was rejected. */
export type VerdictCheck =
  | { readonly ok: true; readonly verdict: Verdict | undefined }
  | { readonly ok: false; readonly problem: string };

const ALLOW: Verdict = Object.freeze({ action: 'allow' });

/** The fields of a block verdict, each read once from what a filter returned. */
interface VerdictFields {
  readonly status: unknown;
  readonly grpcStatus: unknown;
  readonly reason: unknown;
  readonly rule: unknown;
  readonly body: unknown;
  readonly headers: unknown;
}

/**
 * Checks what a filter returned. `undefined` and `{ action: 'allow' }` allow;
 * a block verdict is copied field by field and frozen, so a filter cannot
 * change it after the check. Anything else is invalid, and so is a verdict
 * whose fields throw when read. Each field is read exactly once and the
 * check runs on that copy, because a getter or `toJSON` may return a
 * different value on every read.
 */
export function checkVerdict(value: unknown): VerdictCheck {
  try {
    return checkValue(value);
  } catch {
    return invalid('returned a verdict whose fields could not be read');
  }
}

function checkValue(value: unknown): VerdictCheck {
  if (value === undefined) return { ok: true, verdict: undefined };
  if (typeof value !== 'object' || value === null) {
    return invalid(`returned ${value === null ? 'null' : typeof value}`);
  }
  const raw = value as Record<string, unknown>;
  const action = raw.action;
  if (action === 'allow') return { ok: true, verdict: ALLOW };
  if (action !== 'block') return invalid('returned no valid action');
  return checkBlock({
    status: raw.status,
    grpcStatus: raw.grpcStatus,
    reason: raw.reason,
    rule: raw.rule,
    body: raw.body,
    headers: raw.headers,
  });
}

function invalid(problem: string): VerdictCheck {
  return { ok: false, problem };
}

function checkBlock(fields: VerdictFields): VerdictCheck {
  const body = copyBody(fields.body);
  const headers = copyHeaders(fields.headers);
  const problem =
    checkStatus(fields.status) ??
    checkGrpcStatus(fields.grpcStatus) ??
    checkText('reason', fields.reason) ??
    checkText('rule', fields.rule) ??
    (body.ok ? undefined : body.problem) ??
    (headers.ok ? undefined : headers.problem);
  if (problem !== undefined) return invalid(problem);
  const verdict: Record<string, unknown> = { action: 'block' };
  if (fields.status !== undefined) verdict.status = fields.status;
  if (fields.grpcStatus !== undefined) verdict.grpcStatus = fields.grpcStatus;
  if (typeof fields.reason === 'string') {
    verdict.reason = fields.reason.slice(0, MAX_REASON_CHARS);
  }
  if (typeof fields.rule === 'string') {
    verdict.rule = fields.rule.slice(0, MAX_REASON_CHARS);
  }
  if (body.ok && body.value !== undefined) verdict.body = body.value;
  if (headers.ok && headers.value !== undefined) {
    verdict.headers = headers.value;
  }
  return {
    ok: true,
    verdict: Object.freeze(verdict) as unknown as BlockVerdict,
  };
}

/** A field copied out of a verdict, or the reason it is invalid. */
type Copied<T> =
  | { readonly ok: true; readonly value: T | undefined }
  | { readonly ok: false; readonly problem: string };

function checkStatus(status: unknown): string | undefined {
  if (status === undefined) return undefined;
  if (
    Number.isInteger(status) &&
    (status as number) >= MIN_BLOCK_STATUS &&
    (status as number) <= MAX_BLOCK_STATUS
  ) {
    return undefined;
  }
  return `returned a status outside ${MIN_BLOCK_STATUS} to ${MAX_BLOCK_STATUS}`;
}

function checkGrpcStatus(code: unknown): string | undefined {
  if (code === undefined) return undefined;
  // 0 is OK, which would not stop the call.
  if (
    Number.isInteger(code) &&
    (code as number) >= 1 &&
    (code as number) <= 16
  ) {
    return undefined;
  }
  return 'returned a grpcStatus outside 1 to 16';
}

function checkText(field: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return undefined;
  return `returned a ${field} that is not a string`;
}

// The body is serialized once and the copy parsed from that text, so what
// was checked is what is sent.
function copyBody(body: unknown): Copied<BlockVerdict['body']> {
  if (body === undefined) return { ok: true, value: undefined };
  if (typeof body === 'string') return { ok: true, value: body };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      ok: false,
      problem: 'returned a body that is neither a string nor an object',
    };
  }
  // JSON.stringify returns undefined when `toJSON` does.
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch {
    text = undefined;
  }
  const copy: unknown = text === undefined ? undefined : JSON.parse(text);
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) {
    return {
      ok: false,
      problem: 'returned a body that cannot be serialized as a JSON object',
    };
  }
  return { ok: true, value: deepFreeze(copy as Record<string, unknown>) };
}

function copyHeaders(headers: unknown): Copied<BlockVerdict['headers']> {
  if (headers === undefined) return { ok: true, value: undefined };
  if (
    typeof headers !== 'object' ||
    headers === null ||
    Array.isArray(headers)
  ) {
    return { ok: false, problem: 'returned headers that are not an object' };
  }
  // Object.create(null): a `__proto__` header is then an ordinary entry.
  const copy = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(headers)) {
    const problem = checkHeader(name, value);
    if (problem !== undefined) return { ok: false, problem };
    copy[name] = value as string;
  }
  return { ok: true, value: Object.freeze(copy) };
}

function checkHeader(name: string, value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return 'returned a header value that is not a string';
  }
  if (FRAMING_HEADERS.has(name.toLowerCase())) {
    return `returned the framing header ${name}, which only Tracegate sets`;
  }
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value);
  } catch {
    return 'returned an invalid header name or value';
  }
  return undefined;
}
