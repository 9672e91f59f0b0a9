import type { RedactionContext } from './context';
import { redactGraphql } from './graphql';
import { redactHeader } from './header';
import { redactJson } from './json';
import { mask, UNPARSED_TYPE } from './mask';
import { bodyFormat } from './media-type';
import type { ResolvedOptions } from './options';
import { resolveOptions } from './options';
import { keySegment } from './path';
import { Reporter } from './reporter';
import { redactText } from './text-scan';
import type { FindingSink, RedactorOptions } from './types';
import { redactUrl, REQUEST_URL_PATHS } from './url';
import { redactUrlEncoded } from './urlencoded';
import { redactXml } from './xml';

const BODY = 'body';

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string') {
    throw new TypeError(`${name} must be a string, got ${typeof value}`);
  }
  return value;
}

/**
 * Masks secrets and personal data in headers, URLs and bodies. No method
 * throws. On an internal error or a non-string argument a method returns
 * `[REDACTED:unparsed]` and reports an `unparsed` finding.
 */
export class Redactor {
  private readonly options: ResolvedOptions;

  constructor(options?: RedactorOptions) {
    let resolved: ResolvedOptions;
    try {
      resolved = resolveOptions(options);
    } catch {
      // Options that throw when read (a hostile getter or proxy) cannot be
      // used, and the defaults still mask the common secrets.
      resolved = resolveOptions(undefined);
    }
    this.options = resolved;
  }

  /** Masks a header value: whole value for sensitive headers; cookie and
   *  set-cookie keep cookie names (and set-cookie attributes) and mask values;
   *  other headers go through the value detectors. */
  header(name: string, value: string, findings?: FindingSink): string {
    const path =
      typeof name === 'string' ? `header.${name.toLowerCase()}` : 'header';
    return this.guard(findings, path, (context) =>
      redactHeader(
        requireString(name, 'name'),
        requireString(value, 'value'),
        this.options.sensitiveHeaders,
        context,
      ),
    );
  }

  /** Masks sensitive query parameters (by key rule and by detector) in a URL
   *  or path+query string, keeping everything else byte-identical. */
  url(url: string, findings?: FindingSink): string {
    return this.guard(findings, 'url', (context) =>
      redactUrl(requireString(url, 'url'), context, REQUEST_URL_PATHS),
    );
  }

  /** Redacts a decoded body by media type (the essence, e.g.
   *  'application/json'): JSON and +json, x-www-form-urlencoded, XML and
   *  +xml, application/graphql, text/*; anything else gets the detectors. */
  body(
    text: string,
    mediaType: string,
    findings?: FindingSink,
    truncated?: boolean,
  ): string {
    return this.guard(findings, BODY, (context) => {
      const body = requireString(text, 'text');
      const type = typeof mediaType === 'string' ? mediaType : '';
      switch (bodyFormat(type, body)) {
        case 'json':
          return redactJson(body, context, truncated === true, BODY);
        case 'form':
          return redactUrlEncoded(body, context, BODY);
        case 'xml':
          return redactXml(body, context, BODY);
        case 'graphql':
          return redactGraphql(body, context, BODY);
        default:
          return redactText(body, context, BODY);
      }
    });
  }

  /** Redacts a JSON body, which `truncated` marks as cut by a size limit. */
  json(text: string, findings?: FindingSink, truncated?: boolean): string {
    return this.guard(findings, BODY, (context) =>
      redactJson(
        requireString(text, 'text'),
        context,
        truncated === true,
        BODY,
      ),
    );
  }

  /** Redacts an x-www-form-urlencoded body. */
  form(text: string, findings?: FindingSink): string {
    return this.guard(findings, BODY, (context) =>
      redactUrlEncoded(requireString(text, 'text'), context, BODY),
    );
  }

  /** Redacts an XML body. */
  xml(text: string, findings?: FindingSink): string {
    return this.guard(findings, BODY, (context) =>
      redactXml(requireString(text, 'text'), context, BODY),
    );
  }

  /** Runs the value detectors over free text. */
  text(text: string, findings?: FindingSink): string {
    return this.guard(findings, BODY, (context) =>
      redactText(requireString(text, 'text'), context, BODY),
    );
  }

  /** Redacts one named field value (used for multipart text fields). */
  field(name: string, value: string, findings?: FindingSink): string {
    const path = typeof name === 'string' ? BODY + keySegment(name) : BODY;
    return this.guard(findings, path, (context) => {
      const fieldName = requireString(name, 'name');
      const fieldValue = requireString(value, 'value');
      const rule = context.keys.matchCompound(fieldName);
      if (rule === undefined || fieldValue === '') {
        return redactText(fieldValue, context, path);
      }
      context.reporter.report(rule, path);
      return mask(rule);
    });
  }

  /** Runs one redaction and fails closed: any error returns the unparsed mask. */
  private guard(
    findings: FindingSink | undefined,
    path: string,
    run: (context: RedactionContext) => string,
  ): string {
    const reporter = new Reporter(findings);
    try {
      return run({
        keys: this.options.keys,
        detectors: this.options.detectors,
        reporter,
      });
    } catch {
      reporter.report(UNPARSED_TYPE, path);
      return mask(UNPARSED_TYPE);
    }
  }
}
