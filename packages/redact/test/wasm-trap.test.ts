import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiagLogger } from '@opentelemetry/api';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { Redactor } from '../src';
import { setJsonEngine } from '../src/json';
import { loadScanner } from '../src/wasm-module';

const DOCUMENT = JSON.stringify({
  customer: { email: 'jane@example.com', card: '4242 4242 4242 4242' },
  note: 'plain',
});

function captureWarnings(): string[] {
  const warnings: string[] = [];
  const ignore = (): void => undefined;
  const logger: DiagLogger = {
    warn: (message: string) => warnings.push(message),
    error: ignore,
    info: ignore,
    debug: ignore,
    verbose: ignore,
  };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN });
  return warnings;
}

describe('WebAssembly scanner trap', () => {
  it('falls back to the JavaScript scan for good', () => {
    const redactor = new Redactor();
    setJsonEngine('javascript');
    const expected = redactor.json(DOCUMENT);
    setJsonEngine('wasm');
    const scanner = loadScanner();
    assert.ok(scanner, 'the scanner loads (run npm run build first)');
    const exports = scanner.exports;
    // A trap stands for any fault inside the module, such as an access
    // outside its memory.
    (scanner as { exports: unknown }).exports = {
      ...exports,
      memory: exports.memory,
      scan: () => {
        const wasm = (
          globalThis as unknown as {
            WebAssembly: { RuntimeError: new (message: string) => Error };
          }
        ).WebAssembly;
        throw new wasm.RuntimeError('unreachable');
      },
    };
    const warnings = captureWarnings();
    assert.equal(redactor.json(DOCUMENT), expected);
    assert.equal(redactor.json(DOCUMENT), expected);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /WebAssembly JSON scanner failed/);
    assert.equal(loadScanner(), undefined);
    diag.disable();
  });
});
