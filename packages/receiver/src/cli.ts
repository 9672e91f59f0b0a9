#!/usr/bin/env node
import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import type { CliOptions } from './cli-options';
import { parseCliOptions, USAGE } from './cli-options';
import { errorMessage } from './decode-protobuf';
import { formatSpan } from './format-span';
import type { ReceivedSpan } from './received-span';
import type { Receiver } from './receiver';
import { startReceiver } from './receiver';

const COMMAND = 'tracegate-receiver';

async function main(): Promise<void> {
  const parsed = parseCliOptions(process.argv.slice(2));
  if ('error' in parsed) {
    process.stderr.write(
      `${COMMAND}: ${parsed.error}. Run ${COMMAND} --help for the options.\n`,
    );
    process.exitCode = 2;
    return;
  }
  const options = parsed.options;
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }

  // Rejected exports and internal errors reach stderr through the diag logger.
  diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.WARN);
  const receiver = await start(options);
  if (receiver === undefined) {
    process.exitCode = 1;
    return;
  }
  // Handlers go first, because a caller may signal as soon as it reads the
  // listening line.
  stopOnSignals(receiver);
  process.stdout.write(
    `listening http=${receiver.httpUrl} grpc=${receiver.grpcUrl ?? 'disabled'}\n`,
  );
}

async function start(options: CliOptions): Promise<Receiver | undefined> {
  const printSpan = options.json
    ? (span: ReceivedSpan) => JSON.stringify(span)
    : (span: ReceivedSpan) => formatSpan(span);
  try {
    return await startReceiver({
      host: options.host,
      httpPort: options.httpPort,
      grpcPort: options.grpcPort,
      quiet: true,
      // The command prints spans as they arrive and never reads them back.
      maxSpans: 0,
      onSpans: (spans) => {
        for (const span of spans) {
          process.stdout.write(`${printSpan(span)}\n`);
        }
      },
    });
  } catch (error) {
    process.stderr.write(
      `${COMMAND}: failed to listen on ${options.host} (HTTP port ${options.httpPort}, gRPC port ${options.grpcPort}): ${errorMessage(error)}\n`,
    );
    return undefined;
  }
}

function stopOnSignals(receiver: Receiver): void {
  const stop = (reason: string): void => {
    receiver.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `${COMMAND}: failed to stop after ${reason}: ${errorMessage(error)}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  // A closed pipe on stdout, as with `| head`, ends the command like a signal.
  process.stdout.once('error', () => stop('an error on standard output'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${COMMAND}: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
