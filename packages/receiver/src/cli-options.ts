import { parseArgs } from 'node:util';

/** Settings of the tracegate-receiver command, after parsing and validation. */
export interface CliOptions {
  host: string;
  httpPort: number;
  grpcPort: number;
  json: boolean;
  help: boolean;
}

/** Result of parseCliOptions, which is either the options or the message that explains why the arguments are invalid. */
export type CliParseResult = { options: CliOptions } | { error: string };

/** Usage text that --help prints. */
export const USAGE = `Usage: tracegate-receiver [options]

Receives OpenTelemetry trace exports over OTLP/HTTP (protobuf and JSON) and
OTLP/gRPC, and prints each span as it arrives. Stop it with Ctrl+C.

Options:
  --host <address>     address to listen on (default 127.0.0.1)
  --http-port <port>   port for OTLP/HTTP, POST /v1/traces (default 4318;
                       0 picks a free port)
  --grpc-port <port>   port for OTLP/gRPC (default 4317; 0 picks a free port)
  --json               print each span as one line of JSON instead of text
  -h, --help           print this help and exit
`;

const OPTION_SPECS = {
  host: { type: 'string' },
  'http-port': { type: 'string' },
  'grpc-port': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const DEFAULTS = { host: '127.0.0.1', httpPort: '4318', grpcPort: '4317' };

/** Parses and validates the command-line arguments (without the node and script paths). */
export function parseCliOptions(args: string[]): CliParseResult {
  let values: ReturnType<typeof parseStrict>['values'];
  try {
    values = parseStrict(args).values;
  } catch (error) {
    return { error: describeParseError(error) };
  }

  const httpPort = parsePort(
    '--http-port',
    values['http-port'] ?? DEFAULTS.httpPort,
  );
  if (typeof httpPort === 'string') {
    return { error: httpPort };
  }
  const grpcPort = parsePort(
    '--grpc-port',
    values['grpc-port'] ?? DEFAULTS.grpcPort,
  );
  if (typeof grpcPort === 'string') {
    return { error: grpcPort };
  }
  const host = values.host ?? DEFAULTS.host;
  if (host === '') {
    return { error: 'option --host requires a non-empty address' };
  }
  return {
    options: {
      host,
      httpPort,
      grpcPort,
      json: values.json ?? false,
      help: values.help ?? false,
    },
  };
}

function parseStrict(args: string[]) {
  return parseArgs({
    args,
    options: OPTION_SPECS,
    strict: true,
    allowPositionals: false,
  });
}

// Some parseArgs messages span several lines, and the command prints one.
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, ' ');
}

// Returns the port, or the error message when the value is not a port number.
function parsePort(option: string, value: string): number | string {
  const port = /^[0-9]{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    return `option ${option} must be a port number from 0 to 65535, got "${value}"`;
  }
  return port;
}
