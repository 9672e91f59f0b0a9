import { decodeHTML } from 'entities';

// Tags that run script or load active content without any attribute. A
// namespace prefix may be empty: old Internet Explorer ran `<:vmlframe>`.
const ACTIVE_TAG =
  /<\s{0,8}\/?\s{0,8}(?:[a-z]{0,20}:)?(?:script|iframe|frame|frameset|object|embed|applet|base|meta|link|style|svg|math|xml|import|isindex|form|template|portal|xss|animate|set|handler|layer|ilayer|bgsound|vmlframe|xmp|plaintext|noscript|image)\b/i;
// An event handler attribute inside something that looks like a tag. The
// separators cover `<img/onerror=`, `<x "onclick=` and backtick tricks.
const EVENT_HANDLER = /<[a-z!/?%][^>]{0,150}?[\s/"'`;+]on[a-z]{3,40}\s{0,8}=/i;
// A quoted attribute value closed early and followed by an event handler.
// A closed value followed by a plain tag (`"><img class=x>`) is not
// reported alone: pasted HTML does that too.
const ATTRIBUTE_BREAKOUT = /["'`][\s/]{0,8}on[a-z]{3,40}\s{0,8}=/i;
// A quoted attribute closed early and followed by an attribute that loads
// script without an event: `'formaction=javascript:...`, `"srcdoc=`.
const ACTIVE_ATTRIBUTE_BREAKOUT =
  /["'`][\s/]{0,8}(?:formaction|srcdoc)\s{0,8}=/i;
// XML that loads an external resource: XInclude, a remote schema, or an
// external entity declared outside a `<!` (`!ENTITY % x SYSTEM`).
const EXTERNAL_MARKUP =
  /<[a-z]{1,20}:include\b|\bxsi\s{0,8}:\s{0,8}(?:nonamespace)?schemalocation\s{0,8}=|!entity\s{1,8}%?\s{0,8}[a-z0-9_.-]{1,40}\s{1,8}(?:system|public)\b/i;
// JSFuck and similar code written with brackets and bangs: `!![]`, or
// `![]` three times. Markdown's empty-alt image `![](x)` has a bracket
// after it and is left out.
const BRACKET_CODE =
  /!\s{0,8}!\s{0,8}\[\s{0,8}\]|(?:!\s{0,8}\[\s{0,8}\](?!\s{0,8}\()[^!]{0,20}){3}/;
// A run of nothing but JSFuck characters and whitespace. A form body
// turns its `+` into spaces, so whitespace counts as well.
const JSFUCK_RUN = /[![\]()+\s]{12,}/g;
// An empty array that is not followed by a call, unlike Markdown's `![]()`.
const EMPTY_ARRAY = /\[\s{0,8}\](?!\s{0,8}\()/g;
// `!` or `+` that coerces an array: `![]`, `+[]`, `!+[]`.
const COERCED_ARRAY = /[!+]\s{0,8}\[/;
// How many empty arrays, and how many `!`, a run needs: `(![]+[])[+[]]`
// is the letter "f" and has three and one.
const JSFUCK_ARRAYS = 3;
const JSFUCK_BANGS = 1;
// An event handler written without its tag whose value calls a function:
// `onerror=alert(1)`, as injected into an unquoted attribute.
const BARE_HANDLER =
  /(?:^|[\s"'`/+;])on[a-z]{3,40}\s{0,8}=\s{0,8}["'`]?\s{0,8}[a-z_$][\w$.]{0,40}\s{0,8}[(`]/i;
// Document type declarations, entities and XML processing instructions
// load external content or redefine markup.
const MARKUP_DECLARATION =
  /<[?!]\s{0,8}(?:xml|doctype|entity|attlist|element|import)/i;
// Script URLs. Whitespace and control characters inside the scheme are
// removed before this runs, as browsers ignore them.
const SCRIPT_URL =
  /(?:java|vb|live|mocha)script:(?:$|.{0,200}?[(`=\\[+;%'"])/is;
const DATA_HTML_URL =
  /data:\s{0,8}(?:text\/html|text\/xml|image\/svg\+xml|application\/(?:x-)?(?:xhtml\+xml|javascript|ecmascript))/i;
const CSS_SCRIPT =
  /(?:expression\s{0,8}\(|-moz-binding|(?:behaviou?r|binding)\s{0,8}:\s{0,8}url|@import)/i;
const CSS_COMMENT = /\/\*.{0,200}?\*\//gs;
// A handler attribute name alone, as a probe sends it: `onload=`. Only
// event name stems that browsers define, so `online=1` is not matched.
const HANDLER_NAME =
  /(?:^|[^a-z0-9_])on(?:load|error|mouse|click|dblclick|focus|blur|key|change|submit|input|begin|end|toggle|pointer|animation|transition|drag|drop|scroll|wheel|resize|message|hashchange|pageshow|popstate|readystatechange|select|start|finish|abort|beforeunload|unload|copy|cut|paste|contextmenu|play|pause|canplay|search|show|invalid|auxclick|propertychange|filterchange|activate|beforeactivate|webkit|touch|gesture|repeat|help|zoom|bounce)[a-z]{0,40}\s{0,8}=/i;
// Calls of JavaScript sinks written as code: `alert(1)`, `eval('x')`,
// `document.write(`. Without a space before the bracket, so prose such
// as "please confirm (required)" is not matched.
const SCRIPT_SINK =
  /(?:^|[^a-z0-9_$.])(?:alert|prompt|confirm|eval|settimeout|setinterval|execscript|fromcharcode|atob|btoa)(?:\(|`)|(?:document\.(?:write|writeln|body\.appendchild|createelement)\(|\.innerhtml\s{0,8}=)/i;
// Client-side template expressions that reach the Function constructor:
// `{{constructor.constructor('alert(1)')()}}`.
const TEMPLATE_KEYWORD = /constructor|\$eval|\$on/gi;
// How far before such a keyword the opening `{{` may be.
const TEMPLATE_REACH = 200;
// Any handler attribute; the tag patterns run only when one is present,
// which keeps their bounded scans off most input.
const HANDLER_PRESENT = /on[a-z]{3,40}\s{0,8}=/i;
// Server-side includes in a value: `<!--#exec cmd=...-->`.
const SERVER_SIDE_INCLUDE =
  /<!--\s{0,8}#\s{0,8}(?:exec|include|echo|set|config|fsize|flastmod|printenv)/i;
// Leaving a JavaScript string to call a sink: `';alert(1)//`.
export const SCRIPT_BREAKOUT =
  /["'`]\s{0,8}[;)+,]\s{0,8}(?:alert|prompt|confirm|eval|document\.|window\.|top\.|self\.|parent\.|fetch|settimeout|setinterval)/i;

// Browsers skip control characters inside a URL scheme: `java\0script:`.
// eslint-disable-next-line no-control-regex
const CONTROL_AND_SPACE = /[\u0000-\u0020\u007f]+/g;
// Entity names that HTML defines with a capital letter but that some
// parsers also accept in lower case, used to hide `javascript:`.
const LOWER_CASE_ENTITY = /&(tab|newline|colon|lpar|rpar);/gi;
const LOWER_CASE_ENTITIES: Record<string, string | undefined> = {
  tab: '\t',
  newline: '\n',
  colon: ':',
  lpar: '(',
  rpar: ')',
};
// UTF-7 forms of < > and ", which old browsers decoded when a page had no
// charset: `+ADw-script+AD4-`.
const UTF7_MARKUP = /\+AD[w4I]-?/g;
const UTF7: Record<string, string | undefined> = {
  '+ADw-': '<',
  '+ADw': '<',
  '+AD4-': '>',
  '+AD4': '>',
  '+ACI-': '"',
  '+ACI': '"',
};

/**
 * Decodes entities, including ones without a trailing semicolon, and drops
 * NUL characters, which several parsers skip inside names.
 */
function decodeEntities(value: string): string {
  const named = value.includes('&')
    ? value.replace(LOWER_CASE_ENTITY, (_, name: string) => {
        return LOWER_CASE_ENTITIES[name.toLowerCase()] ?? '';
      })
    : value;
  const decoded = named.includes('&') ? decodeHTML(named) : named;
  const utf7 = decoded.includes('+AD')
    ? decoded.replace(UTF7_MARKUP, (match) => UTF7[match] ?? match)
    : decoded;
  return utf7.includes('\u0000') ? utf7.replaceAll('\u0000', '') : utf7;
}

function urlRule(compact: string): string | undefined {
  if (SCRIPT_URL.test(compact)) {
    return 'xss.script_url';
  }
  return DATA_HTML_URL.test(compact) ? 'xss.data_url' : undefined;
}

/** `{{` followed within a short reach by a keyword that leaves the sandbox. */
function templateInjection(text: string): boolean {
  if (!text.includes('{{')) {
    return false;
  }
  for (const match of text.matchAll(TEMPLATE_KEYWORD)) {
    const start = Math.max(0, match.index - TEMPLATE_REACH);
    if (text.slice(start, match.index).includes('{{')) {
      return true;
    }
  }
  return false;
}

function markupRule(text: string): string | undefined {
  if (ACTIVE_TAG.test(text)) {
    return 'xss.active_tag';
  }
  const handler = HANDLER_PRESENT.test(text);
  if (handler && EVENT_HANDLER.test(text)) {
    return 'xss.event_handler';
  }
  if (handler && ATTRIBUTE_BREAKOUT.test(text)) {
    return 'xss.attribute_breakout';
  }
  if (handler && BARE_HANDLER.test(text)) {
    return 'xss.event_handler';
  }
  if (ACTIVE_ATTRIBUTE_BREAKOUT.test(text)) {
    return 'xss.attribute_breakout';
  }
  if (MARKUP_DECLARATION.test(text) || EXTERNAL_MARKUP.test(text)) {
    return 'xss.markup_declaration';
  }
  if (CSS_SCRIPT.test(text) || CSS_SCRIPT.test(text.replace(CSS_COMMENT, ''))) {
    return 'xss.css_script';
  }
  if (HANDLER_NAME.test(text)) {
    return 'xss.event_handler';
  }
  if (SERVER_SIDE_INCLUDE.test(text)) {
    return 'xss.server_side_include';
  }
  if (templateInjection(text)) {
    return 'xss.template_injection';
  }
  return SCRIPT_BREAKOUT.test(text) ? 'xss.script_breakout' : undefined;
}

/**
 * Returns whether `text` has JSFuck-style code: a run of only `[]()!+`
 * and whitespace with three empty arrays, a `!` and a coerced array, as
 * in `(![]+[])[+!+[]]`.
 */
function jsfuckCode(text: string): boolean {
  for (const match of text.matchAll(JSFUCK_RUN)) {
    const run = match[0];
    const arrays = run.match(EMPTY_ARRAY)?.length ?? 0;
    const bangs = run.split('!').length - 1;
    if (
      arrays >= JSFUCK_ARRAYS &&
      bangs >= JSFUCK_BANGS &&
      COERCED_ARRAY.test(run)
    ) {
      return true;
    }
  }
  return false;
}

function codeRule(text: string): string | undefined {
  if (text.includes(':')) {
    const url = urlRule(text.replace(CONTROL_AND_SPACE, ''));
    if (url !== undefined) {
      return url;
    }
  }
  if (SCRIPT_SINK.test(text)) {
    return 'xss.script_sink';
  }
  if (BRACKET_CODE.test(text) || (text.includes('[') && jsfuckCode(text))) {
    return 'xss.script_obfuscation';
  }
  return undefined;
}

/**
 * Classifies `value` as cross-site scripting after decoding HTML entities:
 * tags that run script, event-handler attributes, script and HTML data
 * URLs, attribute and script-string breakouts. Returns the rule id.
 */
export function detectXss(value: string): string | undefined {
  if (!/[<>"'`:(=.{+![]/.test(value)) {
    return undefined;
  }
  const text = decodeEntities(value);
  return markupRule(text) ?? codeRule(text);
}

export const XSS_PATTERNS: readonly RegExp[] = [
  ACTIVE_TAG,
  ACTIVE_ATTRIBUTE_BREAKOUT,
  BRACKET_CODE,
  JSFUCK_RUN,
  EMPTY_ARRAY,
  COERCED_ARRAY,
  EXTERNAL_MARKUP,
  EVENT_HANDLER,
  ATTRIBUTE_BREAKOUT,
  BARE_HANDLER,
  MARKUP_DECLARATION,
  HANDLER_NAME,
  SCRIPT_SINK,
  TEMPLATE_KEYWORD,
  HANDLER_PRESENT,
  SERVER_SIDE_INCLUDE,
  LOWER_CASE_ENTITY,
  UTF7_MARKUP,
  SCRIPT_URL,
  DATA_HTML_URL,
  CSS_SCRIPT,
  SCRIPT_BREAKOUT,
  CONTROL_AND_SPACE,
  CSS_COMMENT,
];
