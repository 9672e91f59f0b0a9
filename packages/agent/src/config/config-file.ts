import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { ProblemReport } from './problems';
import { parseYamlConfig } from './yaml-document';

/**
 * Size limit of the configuration file, 16 KiB. A configuration with every
 * key and comments fits in a few kilobytes. The limit also bounds the time
 * yaml 2.9.1 spends on malformed input, which grows with the number of
 * errors it records: 64 KiB of stray `]&` took 3.3 s on a 2-core machine.
 */
export const MAX_CONFIG_FILE_BYTES = 16 * 1024;

/** Outcome of loading the configuration file. */
export type ConfigFileResult =
  | {
      ok: true;
      tree: object;
      locate: (path: readonly string[]) => number | undefined;
    }
  | { ok: false; problem: ProblemReport };

type ReadResult =
  { ok: true; bytes: Buffer } | { ok: false; problem: ProblemReport };

const CONTINUING =
  'The agent continues with the defaults, environment variables and options.';

function fileProblem(
  path: string,
  code: ProblemReport['code'],
  sentence: string,
): ProblemReport {
  return {
    code,
    key: 'configFile',
    value: path,
    source: 'file',
    message: `Config file ${JSON.stringify(path)} ${sentence}. ${CONTINUING}`,
  };
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown error';
}

// Reads at most MAX_CONFIG_FILE_BYTES + 1 bytes, so that a file that grows
// while it is read, or one that reports size 0 like those under /proc, still
// hits the limit.
function readBounded(fd: number): Buffer | undefined {
  const buffer = Buffer.alloc(MAX_CONFIG_FILE_BYTES + 1);
  let length = 0;
  while (length < buffer.length) {
    const count = readSync(fd, buffer, length, buffer.length - length, null);
    if (count === 0) break;
    length += count;
  }
  return length > MAX_CONFIG_FILE_BYTES
    ? undefined
    : buffer.subarray(0, length);
}

function readFromDescriptor(path: string, fd: number): ReadResult {
  const stats = fstatSync(fd);
  if (!stats.isFile()) {
    return {
      ok: false,
      problem: fileProblem(
        path,
        'TG_CONFIG_FILE_UNREADABLE',
        'is not a regular file',
      ),
    };
  }
  const tooLarge = fileProblem(
    path,
    'TG_CONFIG_FILE_TOO_LARGE',
    `is larger than the limit of ${MAX_CONFIG_FILE_BYTES} bytes and was not read`,
  );
  if (stats.size > MAX_CONFIG_FILE_BYTES) {
    return { ok: false, problem: tooLarge };
  }
  const bytes = readBounded(fd);
  return bytes ? { ok: true, bytes } : { ok: false, problem: tooLarge };
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // The bytes are already read, so a failed close changes nothing for them.
  }
}

function readBytes(path: string): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK keeps a FIFO at this path from blocking start-up forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = errorCode(error);
    const problem =
      code === 'ENOENT'
        ? fileProblem(path, 'TG_CONFIG_FILE_NOT_FOUND', 'was not found')
        : fileProblem(
            path,
            'TG_CONFIG_FILE_UNREADABLE',
            `could not be opened (${code})`,
          );
    return { ok: false, problem };
  }
  try {
    return readFromDescriptor(path, fd);
  } catch (error) {
    const sentence = `could not be read (${errorCode(error)})`;
    return {
      ok: false,
      problem: fileProblem(path, 'TG_CONFIG_FILE_UNREADABLE', sentence),
    };
  } finally {
    closeQuietly(fd);
  }
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    // fatal rejects invalid UTF-8, and the default ignoreBOM: false strips a
    // BOM.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Reads and parses the YAML configuration file at an absolute path, reporting
 * every failure as a problem instead of throwing.
 */
export function loadConfigFile(path: string): ConfigFileResult {
  const read = readBytes(path);
  if (!read.ok) return read;
  const text = decodeUtf8(read.bytes);
  if (text === undefined) {
    const problem = fileProblem(
      path,
      'TG_CONFIG_FILE_INVALID',
      'is not UTF-8 text',
    );
    return { ok: false, problem };
  }
  const parsed = parseYamlConfig(text);
  if (!parsed.ok) {
    const sentence = `is not a valid configuration: ${parsed.reason}`;
    return {
      ok: false,
      problem: fileProblem(path, 'TG_CONFIG_FILE_INVALID', sentence),
    };
  }
  return parsed;
}
