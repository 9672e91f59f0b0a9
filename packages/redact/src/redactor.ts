import { Replacer } from './actions';
import { redactAttribute } from './attribute';
import type { RedactionContext } from './context';
import { replaceValue } from './context';
import { maskCutTail } from './cut-tail';
import { redactGraphql } from './graphql';
import { redactGraphqlVariables } from './graphql-request';
import { redactHeader } from './header';
import { redactJson } from './json';
import { redactJsonTree } from './json-tree';
import { mask, UNPARSED_TYPE } from './mask';
import { bodyFormat } from './media-type';
import type { ResolvedOptions } from './options';
import { resolveOptions } from './options';
import { keySegment } from './path';
import { Reporter } from './reporter';
import { redactText } from './text-scan';
import type { AttributeValue, FindingSink, RedactorOptions } from './types';
import { redactUrl, REQUEST_URL_PATHS } from './url';
import { redactUrlEncoded } from './urlencoded';
import { redactXml } from './xml';

const BODY = 'body';
const MESSAGE = 'message';
const GRAPHQL_DOCUMENT = 'graphql.document';
const GRAPHQL_VARIABLES = 'graphql.variables';

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string') {
    throw new TypeError(`${name} must be a string, got ${typeof value}`);
  }
  return value;
}

/** A redacted GraphQL document and its variables. */
export interface RedactedGraphql {
  /** The document, with sensitive literal values masked. */
  document: string;
  /** The variables as JSON text, or undefined when none were given. */
  variables: string | undefined;
}

/**
 * Masks secrets and personal data in headers, URLs, bodies, messages and
 * span attributes. No method throws. On an internal error or a non-string
 * argument a method returns `[REDACTED:unparsed]` and reports an
 * `unparsed` finding.
 */
export class Redactor {
  /** One message per option entry that was ignored, such as a pattern that can backtrack catastrophically. */
  readonly problems: readonly string[];
  private readonly options: ResolvedOptions;
  private readonly replacer: Replacer;

  constructor(options?: RedactorOptions) {
    let resolved: ResolvedOptions;
    try {
      resolved = resolveOptions(options);
    } catch (error) {
      // Options that throw when read (a hostile getter or proxy) cannot be
      // used, and the defaults still mask the common secrets.
      resolved = resolveOptions(undefined);
      const reason = error instanceof Error ? error.message : String(error);
      resolved = {
        ...resolved,
        problems: [
          `Redactor options could not be read (${reason}); the defaults are used.`,
        ],
      };
    }
    this.options = resolved;
    this.problems = resolved.problems;
    this.replacer = new Replacer(resolved.actions);
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

  /** Masks sensitive query parameters (by key rule and by detector), the
   *  password of the user information and secret-looking path segments of a
   *  URL or path+query string, keeping everything else byte-identical. */
  url(url: string, findings?: FindingSink): string {
    return this.guard(findings, 'url', (context) =>
      redactUrl(requireString(url, 'url'), context, REQUEST_URL_PATHS),
    );
  }

  /** Redacts a decoded body by media type (the essence, e.g.
   *  'application/json'): JSON and +json, x-www-form-urlencoded, XML and
   *  +xml, application/graphql, text/*; anything else gets the detectors.
   *  `truncated` marks a body that a size limit cut, so its last value may be
   *  the start of a secret and is masked when it could be. */
  body(
    text: string,
    mediaType: string,
    findings?: FindingSink,
    truncated?: boolean,
  ): string {
    return this.guard(findings, BODY, (context) => {
      const body = requireString(text, 'text');
      const cut = truncated === true;
      const type = typeof mediaType === 'string' ? mediaType : '';
      switch (bodyFormat(type, body)) {
        case 'json':
          return redactJson(body, context, cut, BODY);
        case 'form':
          return redactUrlEncoded(body, context, BODY, cut);
        case 'xml':
          return this.cutTail(redactXml(body, context, BODY), context, cut);
        case 'graphql':
          return this.cutTail(
            redactGraphql(body, context, BODY).text,
            context,
            cut,
          );
        default:
          return this.cutTail(redactText(body, context, BODY), context, cut);
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

  /** Redacts an x-www-form-urlencoded body, which `truncated` marks as cut by a size limit. */
  form(text: string, findings?: FindingSink, truncated?: boolean): string {
    return this.guard(findings, BODY, (context) =>
      redactUrlEncoded(
        requireString(text, 'text'),
        context,
        BODY,
        truncated === true,
      ),
    );
  }

  /** Redacts an XML body, which `truncated` marks as cut by a size limit. */
  xml(text: string, findings?: FindingSink, truncated?: boolean): string {
    return this.guard(findings, BODY, (context) =>
      this.cutTail(
        redactXml(requireString(text, 'text'), context, BODY),
        context,
        truncated === true,
      ),
    );
  }

  /** Runs the value detectors over free text, which `truncated` marks as cut by a size limit. */
  text(text: string, findings?: FindingSink, truncated?: boolean): string {
    return this.guard(findings, BODY, (context) =>
      this.cutTail(
        redactText(requireString(text, 'text'), context, BODY),
        context,
        truncated === true,
      ),
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
        return redactText(fieldValue, context, path, fieldName);
      }
      return replaceValue(context, rule, fieldValue, path) ?? fieldValue;
    });
  }

  /**
   * Redacts a GraphQL document and its variables, as a GraphQL server or
   * client instrumentation has them. A variable that feeds an argument
   * named by a key rule (`login(password: $p)`) is masked whole. Findings
   * are reported under `graphql.document` and `graphql.variables`.
   */
  graphql(
    document: string,
    variables?: unknown,
    findings?: FindingSink,
  ): RedactedGraphql {
    const reporter = new Reporter(findings);
    const context = this.context(reporter);
    try {
      const redacted = redactGraphql(
        requireString(document, 'document'),
        context,
        GRAPHQL_DOCUMENT,
      );
      return {
        document: redacted.text,
        variables:
          variables === undefined
            ? undefined
            : redactGraphqlVariables(
                variables,
                redacted.variableRules,
                context,
                GRAPHQL_VARIABLES,
              ),
      };
    } catch {
      reporter.report(UNPARSED_TYPE, GRAPHQL_DOCUMENT);
      return {
        document: mask(UNPARSED_TYPE),
        variables:
          variables === undefined
            ? undefined
            : JSON.stringify(mask(UNPARSED_TYPE)),
      };
    }
  }

  /**
   * Redacts a decoded message, such as a gRPC request or response object,
   * and returns it as compact JSON text. Key rules and detectors apply at
   * any depth. Bigint values become strings, bytes become text when they
   * are printable and base64 otherwise, and cycles become "[Circular]".
   */
  message(value: unknown, findings?: FindingSink, prefix = MESSAGE): string {
    return this.guard(findings, prefix, (context) =>
      redactJsonTree(value, context, prefix),
    );
  }

  /**
   * Redacts one span attribute value by its key, for a last check of every
   * attribute before export. Header attributes (`http.request.header.*`)
   * are redacted as headers, URL attributes as URLs, `graphql.document` as
   * GraphQL, JSON text as JSON, and any other string (`db.statement`,
   * `exception.message`) as free text. A key that matches a key rule masks
   * the whole value. Findings use the attribute key as path. Values that
   * are already redacted keep their masks and are not reported again.
   */
  scanAttributeValue(
    key: string,
    value: AttributeValue,
    findings?: FindingSink,
  ): AttributeValue {
    const reporter = new Reporter(findings);
    try {
      return redactAttribute(
        requireString(key, 'key'),
        value,
        this.context(reporter),
        this.options.sensitiveHeaders,
      );
    } catch {
      reporter.report(
        UNPARSED_TYPE,
        typeof key === 'string' ? key : 'attribute',
      );
      return mask(UNPARSED_TYPE);
    }
  }

  private cutTail(
    text: string,
    context: RedactionContext,
    truncated: boolean,
  ): string {
    return truncated ? maskCutTail(text, context, BODY) : text;
  }

  private context(reporter: Reporter): RedactionContext {
    return {
      keys: this.options.keys,
      detectors: this.options.detectors,
      reporter,
      replacer: this.replacer,
      graphqlLiterals: this.options.graphqlLiterals,
    };
  }

  /** Runs one redaction and fails closed: any error returns the unparsed mask. */
  private guard(
    findings: FindingSink | undefined,
    path: string,
    run: (context: RedactionContext) => string,
  ): string {
    const reporter = new Reporter(findings);
    try {
      return run(this.context(reporter));
    } catch {
      reporter.report(UNPARSED_TYPE, path);
      return mask(UNPARSED_TYPE);
    }
  }
}
