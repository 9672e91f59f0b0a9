import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { BlockVerdict, Verdict } from '../types';

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

/**
 * Checks what a filter returned. `undefined` and `{ action: 'allow' }` allow;
 * a block verdict is copied field by field and frozen, so a filter cannot
 * change it after the check. Anything else is invalid.
 */
export function checkVerdict(value: unknown): VerdictCheck {
  if (value === undefined) return { ok: true, verdict: undefined };
  if (typeof value !== 'object' || value === null) {
    return invalid(`returned ${value === null ? 'null' : typeof value}`);
  }
  const action = (value as { action?: unknown }).action;
  if (action === 'allow') return { ok: true, verdict: ALLOW };
  if (action !== 'block') return invalid('returned no valid action');
  return checkBlock(value as Record<string, unknown>);
}

function invalid(problem: string): VerdictCheck {
  return { ok: false, problem };
}

function checkBlock(raw: Record<string, unknown>): VerdictCheck {
  const problem =
    checkStatus(raw.status) ??
    checkGrpcStatus(raw.grpcStatus) ??
    checkText('reason', raw.reason) ??
    checkText('rule', raw.rule) ??
    checkBody(raw.body) ??
    checkHeaders(raw.headers);
  if (problem !== undefined) return invalid(problem);
  const verdict: Record<string, unknown> = { action: 'block' };
  for (const field of ['status', 'grpcStatus', 'reason', 'rule'] as const) {
    if (raw[field] !== undefined) verdict[field] = raw[field];
  }
  if (typeof verdict.reason === 'string') {
    verdict.reason = verdict.reason.slice(0, MAX_REASON_CHARS);
  }
  if (typeof verdict.rule === 'string') {
    verdict.rule = verdict.rule.slice(0, MAX_REASON_CHARS);
  }
  if (raw.body !== undefined) verdict.body = frozenBody(raw.body);
  if (raw.headers !== undefined) {
    verdict.headers = Object.freeze({ ...(raw.headers as object) });
  }
  return {
    ok: true,
    verdict: Object.freeze(verdict) as unknown as BlockVerdict,
  };
}

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

function checkBody(body: unknown): string | undefined {
  if (body === undefined || typeof body === 'string') return undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'returned a body that is neither a string nor an object';
  }
  try {
    JSON.stringify(body);
    return undefined;
  } catch {
    return 'returned a body that cannot be serialized as JSON';
  }
}

function checkHeaders(headers: unknown): string | undefined {
  if (headers === undefined) return undefined;
  if (
    typeof headers !== 'object' ||
    headers === null ||
    Array.isArray(headers)
  ) {
    return 'returned headers that are not an object';
  }
  for (const [name, value] of Object.entries(headers)) {
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
  }
  return undefined;
}

// A copy through JSON keeps the body as it was when the filter returned it.
function frozenBody(body: unknown): unknown {
  if (typeof body === 'string') return body;
  return Object.freeze(JSON.parse(JSON.stringify(body)) as object);
}
