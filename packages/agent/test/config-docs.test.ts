import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import {
  CONFIG_FILE_ENV,
  CONFIG_KEYS,
  CONFIG_PROBLEM_CODES,
  MAX_BODY_BYTES_LIMIT,
  MAX_CONFIG_FILE_BYTES,
  MAX_EXPLICIT_KEY_INDICATORS,
  MAX_FLOW_INDICATORS,
  MAX_REPORTED_PROBLEMS,
  MAX_YAML_ALIAS_COUNT,
} from '../src/config';

// The compiled test sits in packages/agent/dist/test; searching upwards
// from there, then from the working directory, finds the repository docs.
function findDoc(): string {
  for (const start of [__dirname, process.cwd()]) {
    let folder = start;
    for (;;) {
      const candidate = join(folder, 'docs', 'configuration.md');
      if (existsSync(candidate)) return candidate;
      const parent = dirname(folder);
      if (parent === folder) break;
      folder = parent;
    }
  }
  throw new Error('docs/configuration.md not found above the test');
}

const DOC = readFileSync(findDoc(), 'utf8');

/**
 * Table rows of the doc as trimmed cells, keyed by their first cell without
 * backticks.
 */
function tableRows(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of DOC.split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line
      .slice(1, line.lastIndexOf('|'))
      .split('|')
      .map((cell) => cell.trim());
    const first = cells[0]?.replaceAll('`', '');
    if (first !== undefined && !rows.has(first)) rows.set(first, cells);
  }
  return rows;
}

function plain(cell: string | undefined): string {
  return (cell ?? '').replaceAll('`', '');
}

function documentedDefault(value: unknown): string {
  if (value === undefined) return 'unset';
  if (Array.isArray(value)) return value.length === 0 ? '[]' : value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

void describe('configuration docs', () => {
  const rows = tableRows();

  for (const spec of CONFIG_KEYS) {
    void it(`row of ${spec.key}`, () => {
      const cells = rows.get(spec.key);
      assert.ok(cells, `docs/configuration.md has no row for ${spec.key}`);
      assert.equal(cells[1], spec.kind.typeLabel);
      assert.equal(plain(cells[2]), documentedDefault(spec.default));
      assert.equal(plain(cells[3]), spec.env);
      assert.equal(cells[4], spec.doc);
    });
  }

  for (const [code, meaning] of Object.entries(CONFIG_PROBLEM_CODES)) {
    void it(`row of ${code}`, () => {
      const cells = rows.get(code);
      assert.ok(cells, `docs/configuration.md has no row for ${code}`);
      assert.equal(cells[1], meaning);
    });
  }

  void it('names the config file variable', () => {
    assert.ok(DOC.includes(`\`${CONFIG_FILE_ENV}\``));
  });

  void it('states the body size limit', () => {
    assert.ok(DOC.includes(String(MAX_BODY_BYTES_LIMIT)));
  });

  void it('states the file limits', () => {
    const phrases = [
      `(${MAX_CONFIG_FILE_BYTES} bytes)`,
      `expand at most ${MAX_YAML_ALIAS_COUNT} times`,
      `at most ${MAX_FLOW_INDICATORS} of the characters`,
      `at most ${MAX_EXPLICIT_KEY_INDICATORS} explicit-key indicators`,
      `more than ${MAX_REPORTED_PROBLEMS} problems`,
    ];
    for (const phrase of phrases) {
      assert.ok(DOC.includes(phrase), phrase);
    }
  });

  void it('lists the standard OTEL variables', () => {
    const variables = [
      'OTEL_SERVICE_NAME',
      'OTEL_RESOURCE_ATTRIBUTES',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
      'OTEL_EXPORTER_OTLP_HEADERS',
      'OTEL_EXPORTER_OTLP_PROTOCOL',
      'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
      'OTEL_TRACES_SAMPLER',
      'OTEL_TRACES_SAMPLER_ARG',
      'OTEL_BSP_SCHEDULE_DELAY',
      'OTEL_BSP_MAX_QUEUE_SIZE',
      'OTEL_BSP_MAX_EXPORT_BATCH_SIZE',
      'OTEL_BSP_EXPORT_TIMEOUT',
      'OTEL_SDK_DISABLED',
      'OTEL_LOG_LEVEL',
    ];
    for (const variable of variables) {
      assert.ok(rows.has(variable), `no row for ${variable}`);
    }
  });
});
