import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCliOptions } from '../src/cli-options';

void describe('parseCliOptions', () => {
  void it('applies defaults', () => {
    assert.deepEqual(parseCliOptions([]), {
      options: {
        host: '127.0.0.1',
        httpPort: 4318,
        grpcPort: 4317,
        json: false,
        help: false,
      },
    });
  });

  void it('reads every option', () => {
    const result = parseCliOptions([
      '--host',
      '::1',
      '--http-port=0',
      '--grpc-port',
      '65535',
      '--json',
      '-h',
    ]);

    assert.deepEqual(result, {
      options: {
        host: '::1',
        httpPort: 0,
        grpcPort: 65535,
        json: true,
        help: true,
      },
    });
  });

  const invalidCases = [
    { args: ['--port', '1'], pattern: /Unknown option '--port'/ },
    {
      args: ['--http-port'],
      pattern: /'--http-port <value>' argument missing/,
    },
    { args: ['--http-port', '65536'], pattern: /from 0 to 65535, got "65536"/ },
    {
      args: ['--grpc-port', '-1'],
      pattern: /'--grpc-port' argument is ambiguous/,
    },
    { args: ['--grpc-port', '1.5'], pattern: /got "1\.5"/ },
    { args: ['--host', ''], pattern: /--host requires a non-empty address/ },
    { args: ['extra'], pattern: /Unexpected argument 'extra'/ },
  ];
  for (const { args, pattern } of invalidCases) {
    void it(`rejects ${args.join(' ') || 'empty host'}`, () => {
      const result = parseCliOptions(args);

      assert.ok('error' in result, 'arguments were accepted');
      assert.match(result.error, pattern);
      assert.doesNotMatch(result.error, /\n/);
    });
  }
});
