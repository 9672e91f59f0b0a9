import { diag } from '@opentelemetry/api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Functions that the scanner calls during a scan. */
export interface ScannerCallbacks {
  keyRule(start: number, end: number, escaped: number): number;
  token(
    kind: number,
    start: number,
    end: number,
    flags: number,
    rule: number,
    depth: number,
  ): number;
}

// The parts of the WebAssembly API used here. The TypeScript library of
// this project has no WebAssembly types, and the global is missing when
// Node.js runs with --jitless.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  readonly RuntimeError: new (message?: string) => Error;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (
    module: object,
    imports: object,
  ) => { readonly exports: object };
}

/** The exports of assembly/scanner.ts. */
interface ScannerExports {
  readonly memory: WasmMemory;
  textOffset(): number;
  stackOffset(): number;
  resetKeys(): void;
  scan(length: number, truncated: number): number;
}

/** A loaded scanner and the callbacks of the scan in progress. */
export interface Scanner {
  readonly exports: ScannerExports;
  readonly textOffset: number;
  readonly stackOffset: number;
  /** Set while a scan runs, so a nested call takes the JavaScript scan. */
  callbacks: ScannerCallbacks | undefined;
  /** The key rules whose rule ids the scanner's key table contains. */
  keys: object | undefined;
}

// The build writes the module next to the compiled sources.
const MODULE_PATH = join(__dirname, '..', 'wasm', 'scanner.wasm');
const PAGE_BYTES = 65536;

let scanner: Scanner | undefined;
let failed = false;

function instantiate(): Scanner {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) {
    throw new Error('WebAssembly is not available in this process');
  }
  const module = new wasm.Module(readFileSync(MODULE_PATH));
  let loaded: Scanner | undefined = undefined;
  const current = (): ScannerCallbacks => {
    const callbacks = loaded?.callbacks;
    if (callbacks === undefined) {
      throw new Error('scanner called back outside a scan');
    }
    return callbacks;
  };
  const instance = new wasm.Instance(module, {
    scanner: {
      keyRule: (start: number, end: number, escaped: number): number =>
        current().keyRule(start, end, escaped),
      token: (
        kind: number,
        start: number,
        end: number,
        flags: number,
        rule: number,
        depth: number,
      ): number => current().token(kind, start, end, flags, rule, depth),
    },
    env: {
      abort: (): void => {
        throw new Error('scanner aborted');
      },
    },
  });
  const exports = instance.exports as unknown as ScannerExports;
  loaded = {
    exports,
    textOffset: exports.textOffset(),
    stackOffset: exports.stackOffset(),
    callbacks: undefined,
    keys: undefined,
  };
  return loaded;
}

/**
 * Returns the scanner, loading it on first use, or undefined when
 * WebAssembly or the module is not available. A failed load is logged once
 * and not retried.
 */
export function loadScanner(): Scanner | undefined {
  if (scanner !== undefined || failed) {
    return scanner;
  }
  try {
    scanner = instantiate();
  } catch (error) {
    failed = true;
    diag.warn(
      `@tracegate/redact: loading the WebAssembly JSON scanner from ${MODULE_PATH} failed, so JSON takes the JavaScript scan`,
      error,
    );
  }
  return scanner;
}

/** Returns whether `error` is a trap of WebAssembly code. */
export function isTrap(error: unknown): boolean {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  return wasm !== undefined && error instanceof wasm.RuntimeError;
}

/**
 * Stops using the scanner for the rest of the process after it trapped,
 * because its memory may be left in any state; JSON takes the JavaScript
 * scan from then on. Logged once.
 */
export function disableScanner(error: unknown): void {
  if (failed) {
    return;
  }
  failed = true;
  scanner = undefined;
  diag.warn(
    '@tracegate/redact: the WebAssembly JSON scanner failed, so JSON takes the JavaScript scan from now on',
    error,
  );
}

/**
 * Copies `text` into the scanner's memory as UTF-16, growing the memory
 * when needed. Returns false when the memory cannot grow.
 */
export function writeText(loaded: Scanner, text: string): boolean {
  const memory = loaded.exports.memory;
  const needed = loaded.textOffset + text.length * 2;
  if (memory.buffer.byteLength < needed) {
    try {
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE_BYTES));
    } catch {
      return false;
    }
  }
  const written = Buffer.from(
    memory.buffer,
    loaded.textOffset,
    text.length * 2,
  ).write(text, 0, 'utf16le');
  return written === text.length * 2;
}
