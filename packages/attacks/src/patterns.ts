import { COMMAND_INJECTION_PATTERNS } from './command-injection';
import { COMMAND_PATTERNS } from './command-patterns';
import { DECODE_PATTERNS } from './decode';
import { LOCATION_PATTERNS } from './location';
import { NOSQL_PATTERNS } from './nosql';
import { PATH_TRAVERSAL_PATTERNS } from './path-traversal';
import { PROTOTYPE_POLLUTION_PATTERNS } from './prototype-pollution';
import { SQL_PATTERNS } from './sqli/tokenizer';
import { SSRF_PATTERNS } from './ssrf';
import { XSS_PATTERNS } from './xss';
import { PREFILTER_PATTERNS } from './prefilter';
import { XML_PATTERNS } from './xml-values';

/** Every regular expression the detectors run, for the linear-time check. */
export const ALL_PATTERNS: Readonly<Record<string, readonly RegExp[]>> = {
  decode: DECODE_PATTERNS,
  location: LOCATION_PATTERNS,
  prefilter: PREFILTER_PATTERNS,
  xml: XML_PATTERNS,
  sqli: SQL_PATTERNS,
  xss: XSS_PATTERNS,
  path_traversal: PATH_TRAVERSAL_PATTERNS,
  command_injection: [...COMMAND_INJECTION_PATTERNS, ...COMMAND_PATTERNS],
  ssrf: SSRF_PATTERNS,
  nosql_injection: NOSQL_PATTERNS,
  prototype_pollution: PROTOTYPE_POLLUTION_PATTERNS,
};
