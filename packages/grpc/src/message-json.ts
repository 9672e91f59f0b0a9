/** JSON text of one message, cut to a byte limit. */
export interface RenderedJson {
  text: string;
  /** True when the text is not the whole message. */
  truncated: boolean;
}

type Frame =
  | { kind: 'array'; source: object; items: ArrayLike<unknown>; index: number }
  | {
      kind: 'object';
      source: object;
      keys: string[];
      next: number;
      index: number;
    }
  | {
      kind: 'map';
      source: object;
      entries: Iterator<[unknown, unknown]>;
      index: number;
    };

/** Text that stops growing at a character budget. */
class BoundedText {
  private readonly parts: string[] = [];
  private length = 0;
  full = false;

  constructor(private readonly budget: number) {}

  get remaining(): number {
    return this.budget - this.length;
  }

  push(token: string): void {
    if (this.full) return;
    if (token.length > this.remaining) {
      this.parts.push(token.slice(0, this.remaining));
      this.length = this.budget;
      this.full = true;
      return;
    }
    this.parts.push(token);
    this.length += token.length;
  }

  text(): string {
    return this.parts.join('');
  }
}

/**
 * Renders a deserialized message as JSON without ever building more than
 * `maxBytes` of text, so a 100 MB message costs no more than a small one.
 * The message is walked with an explicit stack, so deep nesting uses no call
 * stack. Byte arrays become base64 strings and 64-bit `Long` values decimal
 * strings, as in the protobuf JSON mapping. Only own enumerable properties
 * are read, so protobufjs defaults kept on the prototype are left out, as
 * the JSON mapping leaves out default values.
 */
export function renderMessageJson(
  message: unknown,
  maxBytes: number,
): RenderedJson {
  const out = new BoundedText(maxBytes);
  const stack: Frame[] = [];
  // Containers on the current path: a repeated one is a cycle.
  const open = new Set<object>();
  writeValue(message, out, stack, open);
  while (stack.length > 0 && !out.full) {
    const frame = stack[stack.length - 1];
    if (!writeNextMember(frame, out, stack, open)) {
      out.push(frame.kind === 'array' ? ']' : '}');
      open.delete(frame.source);
      stack.pop();
    }
  }
  const whole = out.text();
  const text = cutUtf8(whole, maxBytes);
  return {
    text,
    truncated: out.full || stack.length > 0 || text.length < whole.length,
  };
}

/** Writes the next member of a container, or returns false at its end. */
function writeNextMember(
  frame: Frame,
  out: BoundedText,
  stack: Frame[],
  open: Set<object>,
): boolean {
  if (frame.kind === 'array') {
    if (frame.index >= frame.items.length) return false;
    if (frame.index > 0) out.push(',');
    const item = frame.items[frame.index++];
    writeValue(isOmitted(item) ? null : item, out, stack, open);
    return true;
  }
  for (;;) {
    const member = nextEntry(frame);
    if (member === undefined) return false;
    const [key, value] = member;
    if (isOmitted(value)) continue;
    out.push(`${frame.index++ > 0 ? ',' : ''}${JSON.stringify(key)}:`);
    writeValue(value, out, stack, open);
    return true;
  }
}

function nextEntry(
  frame: Exclude<Frame, { kind: 'array' }>,
): [string, unknown] | undefined {
  if (frame.kind === 'map') {
    const next = frame.entries.next();
    return next.done ? undefined : [String(next.value[0]), next.value[1]];
  }
  if (frame.next >= frame.keys.length) return undefined;
  const key = frame.keys[frame.next++];
  return [key, (frame.source as Record<string, unknown>)[key]];
}

// JSON.stringify leaves these out of objects and writes null in arrays.
function isOmitted(value: unknown): boolean {
  return (
    value === undefined ||
    typeof value === 'function' ||
    typeof value === 'symbol'
  );
}

function writeValue(
  value: unknown,
  out: BoundedText,
  stack: Frame[],
  open: Set<object>,
): void {
  if (value === null || typeof value !== 'object') {
    out.push(primitiveToken(value, out.remaining));
    return;
  }
  const leaf = leafToken(value, out.remaining);
  if (leaf !== undefined) {
    out.push(leaf);
    return;
  }
  if (open.has(value)) {
    out.push('"[Circular]"');
    return;
  }
  open.add(value);
  if (Array.isArray(value)) {
    out.push('[');
    stack.push({ kind: 'array', source: value, items: value, index: 0 });
  } else if (value instanceof Map) {
    out.push('{');
    const entries = (value as Map<unknown, unknown>).entries();
    stack.push({ kind: 'map', source: value, entries, index: 0 });
  } else {
    out.push('{');
    const keys = Object.keys(value);
    stack.push({ kind: 'object', source: value, keys, next: 0, index: 0 });
  }
}

function primitiveToken(value: unknown, remaining: number): string {
  switch (typeof value) {
    case 'string':
      // Cut before escaping, so a huge string is never copied whole.
      return JSON.stringify(
        value.length > remaining ? value.slice(0, remaining) : value,
      );
    case 'number':
      // The protobuf JSON mapping writes these three as strings.
      return Number.isFinite(value) ? String(value) : `"${String(value)}"`;
    case 'bigint':
      return `"${value.toString()}"`;
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return 'null';
  }
}

/** Returns the token of an object written as one value, or undefined for containers. */
function leafToken(value: object, remaining: number): string | undefined {
  if (ArrayBuffer.isView(value)) {
    // Base64 writes 4 characters per 3 bytes: encode no more than fits.
    const length = Math.min(
      value.byteLength,
      Math.ceil((remaining + 1) / 4) * 3,
    );
    const bytes = Buffer.from(value.buffer, value.byteOffset, length);
    return `"${bytes.toString('base64')}"`;
  }
  if (isLong(value)) return JSON.stringify(String(value.toString()));
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'null' : `"${value.toISOString()}"`;
  }
  return undefined;
}

interface LongLike {
  low: number;
  high: number;
  unsigned: boolean;
  toString(): string;
}

// The `long` package's values, which protobufjs and proto-loader return for
// 64-bit integers unless the `longs` option selects another type.
function isLong(value: object): value is LongLike {
  const candidate = value as Partial<LongLike>;
  return (
    typeof candidate.low === 'number' &&
    typeof candidate.high === 'number' &&
    typeof candidate.unsigned === 'boolean' &&
    typeof candidate.toString === 'function'
  );
}

/**
 * Cuts text to at most `maxBytes` of UTF-8 without splitting a character.
 * Returns the text unchanged when it fits.
 */
export function cutUtf8(text: string, maxBytes: number): string {
  // Each UTF-16 unit takes at most 3 bytes, so short text needs no encoding.
  if (text.length * 3 <= maxBytes) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) to a character start.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
