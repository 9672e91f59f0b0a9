const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/**
 * Decodes every run of percent-escapes once, as UTF-8. Bytes that are not
 * valid UTF-8 become U+FFFD instead of leaving the whole path undecoded, so
 * one bad escape cannot hide an encoded letter next to it.
 */
function decodeOnce(path: string): string {
  if (!path.includes('%')) return path;
  return path.replace(PERCENT_RUN, (run) =>
    Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'),
  );
}

/** Returns the path part of a request target in origin or absolute form. */
function targetPath(target: string): string {
  if (target.startsWith('/')) {
    const end = target.search(/[?#]/);
    return end === -1 ? target : target.slice(0, end);
  }
  try {
    // An absolute-form target (`GET http://host/admin`) reaches Node apps
    // with the scheme and host still in `req.url`.
    return new URL(target).pathname;
  } catch {
    return target;
  }
}

/**
 * Resolves `.` and `..` segments, drops empty segments (`//`) and a trailing
 * slash, and reads a backslash as a slash, as WHATWG URL parsing does for
 * http URLs. A `..` above the root stays at the root.
 */
export function normalizeSegments(path: string): string[] {
  const segments: string[] = [];
  for (const segment of path.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      segments.pop();
    } else {
      segments.push(segment);
    }
  }
  return segments;
}

/**
 * Returns the path that path rules compare: the request target's path,
 * percent-decoded once and then normalized (see `normalizeSegments`), so
 * `/admin/../admin/x`, `//admin/x` and `/%61dmin/x` all give `/admin/x`.
 * Decoding comes first so encoded dots and slashes (`%2e%2e`, `%2f`) are
 * normalized too.
 */
export function normalizeRequestPath(target: string): string {
  return `/${normalizeSegments(decodeOnce(targetPath(target))).join('/')}`;
}

/**
 * A normalized request path with its lower-case form and segments computed
 * at most once per request, however many patterns compare it.
 */
export class RequestPath {
  private lowerText: string | undefined;
  private segmentList: string[] | undefined;
  private lowerSegmentList: string[] | undefined;

  constructor(readonly text: string) {}

  static fromTarget(target: string): RequestPath {
    // Consecutive requests often share a target (a gRPC method path always
    // repeats), and an instance only caches values derived from its text,
    // so the last one is reused.
    if (target !== lastTarget.target) {
      lastTarget = {
        target,
        path: new RequestPath(normalizeRequestPath(target)),
      };
    }
    return lastTarget.path;
  }

  get lower(): string {
    return (this.lowerText ??= this.text.toLowerCase());
  }

  segments(caseSensitive: boolean): readonly string[] {
    if (caseSensitive) return (this.segmentList ??= split(this.text));
    return (this.lowerSegmentList ??= split(this.lower));
  }
}

let lastTarget: { target: string; path: RequestPath } | { target: undefined } =
  { target: undefined };

/** Splits a normalized path, which has no empty segments, into segments. */
function split(path: string): string[] {
  return path === '/' ? [] : path.slice(1).split('/');
}
