/** A hostile input: `prefix`, then `pump` repeated `repeat` times, then `suffix`. */
export interface HostileInput {
  readonly prefix: string;
  readonly pump: string;
  readonly repeat: number;
  readonly suffix: string;
}

/** A corpus pattern, the shape it stands for, and the input built to slow it down. */
export interface CorpusPattern {
  readonly source: string;
  readonly flags: string;
  readonly shape: string;
  readonly input: HostileInput;
}

function hostile(
  prefix: string,
  pump: string,
  repeat: number,
  suffix: string,
): HostileInput {
  return { prefix, pump, repeat, suffix };
}

// Exponential shapes need a few dozen pumps, polynomial ones tens of
// thousands. Each input ends in a character that makes the match fail, so
// the engine tries every way to split the pumped run.
const EXPONENTIAL = 32;
const POLYNOMIAL = 40_000;
const CUBIC = 4_000;
// Inputs for the patterns expected to be safe are about 100 KB, longer
// than any of the hostile inputs above.
const LONG = 100_000;

/** Classic catastrophic-backtracking shapes, each with its attack input. */
export const BAD_PATTERNS: readonly CorpusPattern[] = [
  {
    source: '(a+)+$',
    flags: '',
    shape: 'nested quantifier',
    input: hostile('', 'a', EXPONENTIAL, '!'),
  },
  {
    source: '^(\\d+)*$',
    flags: '',
    shape: 'nested quantifier',
    input: hostile('', '1', EXPONENTIAL, '!'),
  },
  {
    source: '(\\w+\\s?)*$',
    flags: '',
    shape: 'nested quantifier with an optional separator',
    input: hostile('', 'a', EXPONENTIAL, '!'),
  },
  {
    source: '(x+x+)+y',
    flags: '',
    shape: 'adjacent quantifiers inside a repetition',
    input: hostile('', 'x', EXPONENTIAL, ''),
  },
  {
    source: '^/(\\w|\\d)+$',
    flags: '',
    shape: 'overlapping alternatives under a quantifier',
    input: hostile('/', '1', EXPONENTIAL, '!'),
  },
  {
    source: '(a|aa)+$',
    flags: '',
    shape: 'overlapping alternatives under a quantifier',
    input: hostile('', 'a', 2 * EXPONENTIAL, '!'),
  },
  {
    source: '(\\d|\\d\\d)+x',
    flags: '',
    shape: 'overlapping alternatives under a quantifier',
    input: hostile('', '1', 2 * EXPONENTIAL, '!'),
  },
  {
    source: '^(a|a?)+$',
    flags: '',
    shape: 'overlapping alternatives under a quantifier',
    input: hostile('', 'a', EXPONENTIAL, '!'),
  },
  {
    source: '^([a-z]|[a-f0-9])+$',
    flags: 'i',
    shape: 'overlapping character classes under a quantifier',
    input: hostile('', 'a', EXPONENTIAL, '!'),
  },
  {
    source: '(?:\\w|-|\\.)*@example\\.com',
    flags: '',
    shape: 'alternatives under a star, unanchored',
    input: hostile('', 'a', POLYNOMIAL, ''),
  },
  {
    source: '^(.*a){12}$',
    flags: '',
    shape: 'bounded repetition of a star',
    input: hostile('', 'a', 40, '!'),
  },
  {
    source: '^(\\s*-?\\s*)*$',
    flags: '',
    shape: 'optional between stars, repeated',
    input: hostile('', ' ', EXPONENTIAL, '!'),
  },
  {
    source: '\\d+\\d+$',
    flags: '',
    shape: 'adjacent overlapping quantifiers',
    input: hostile('', '1', CUBIC, '!'),
  },
  {
    source: '.*.*=.*',
    flags: '',
    shape: 'adjacent overlapping stars',
    input: hostile('', 'a', CUBIC, ''),
  },
  {
    source: '\\w+@corp\\.com',
    flags: '',
    shape: 'unanchored quantifier followed by a literal',
    input: hostile('', 'a', POLYNOMIAL, ''),
  },
  {
    source: '^\\d*-?\\d*-?\\d*$',
    flags: '',
    shape: 'stars joined by optionals',
    input: hostile('', '1', POLYNOMIAL, '!'),
  },
  {
    source: '(ab)*(ab)*c',
    flags: '',
    shape: 'adjacent stars over the same sequence',
    input: hostile('', 'ab', CUBIC, ''),
  },
  {
    source: '([a-z0-9]+\\.)+com',
    flags: '',
    shape: 'nested quantifier, unanchored',
    input: hostile('', 'a.', POLYNOMIAL, ''),
  },
];

/** Patterns that users really write, each with a long input that comes close to matching. */
export const GOOD_PATTERNS: readonly CorpusPattern[] = [
  {
    source: '^sk_[a-z0-9]{24}$',
    flags: '',
    shape: 'anchored fixed-length token',
    input: hostile('', `sk_${'a'.repeat(23)}!`, LONG / 27, ''),
  },
  {
    source: '\\bEMP-\\d{6}\\b',
    flags: '',
    shape: 'word-bounded id',
    input: hostile('', 'EMP-12345 ', LONG / 10, ''),
  },
  {
    source: '(?<![A-Z0-9])EMP-[0-9]{6}(?![0-9])',
    flags: '',
    shape: 'id with lookarounds',
    input: hostile('', 'EMP-1234567', LONG / 11, ''),
  },
  {
    source: '^/api/v[0-9]+/users/[^/]+$',
    flags: '',
    shape: 'anchored path',
    input: hostile('/api/v1/users/', 'a', LONG, '/'),
  },
  {
    source: '^/v[0-9]{1,3}/internal(/|$)',
    flags: '',
    shape: 'anchored path prefix',
    input: hostile('/v1/', 'internal', LONG / 8, ''),
  },
  {
    source: '^/(health|ready|metrics)$',
    flags: '',
    shape: 'anchored alternation of literals',
    input: hostile('/', 'health', LONG / 6, ''),
  },
  {
    source: '^(?:GET|HEAD|POST|PUT|DELETE)$',
    flags: 'i',
    shape: 'anchored alternation of literals',
    input: hostile('', 'GET', LONG / 3, ''),
  },
  {
    source: '^/users/\\d+/keys$',
    flags: '',
    shape: 'anchored path with a number',
    input: hostile('/users/', '1', LONG, '/key'),
  },
  {
    source: '^x-internal-',
    flags: 'i',
    shape: 'anchored key prefix',
    input: hostile('', 'x-internal', LONG / 10, ''),
  },
  {
    source: '^internal[_-]?note$',
    flags: 'i',
    shape: 'anchored key with an optional separator',
    input: hostile('internal_', 'note', LONG / 4, ''),
  },
  {
    source: '\\bINV-[0-9]{4,10}\\b',
    flags: '',
    shape: 'word-bounded id with a bounded length',
    input: hostile('', 'INV-123', LONG / 7, ''),
  },
  {
    source: 'tok_[A-Za-z0-9]{32}',
    flags: '',
    shape: 'unanchored fixed-length token',
    input: hostile('', 'tok_abc', LONG / 7, ''),
  },
  {
    source: '(?<![A-Za-z0-9])[a-z]{1,32}\\d{1,8}',
    flags: '',
    shape: 'bounded runs after a lookbehind',
    input: hostile('', 'a', LONG, ''),
  },
  {
    source: '^[A-Z]{2}\\d{2}[A-Z0-9]{11,30}$',
    flags: '',
    shape: 'anchored bounded runs',
    input: hostile('GB82', 'A', LONG, '!'),
  },
  {
    source: '^/static/[^?]*\\.js$',
    flags: '',
    shape: 'anchored path with a suffix',
    input: hostile('/static/', '.js', LONG / 3, '!'),
  },
  {
    source: '^[^@\\s]+@[^@\\s]+$',
    flags: '',
    shape: 'anchored disjoint classes',
    input: hostile('', 'a', LONG, '@'),
  },
  {
    source: '^(?:[a-z0-9-]+\\.)*example\\.com$',
    flags: 'i',
    shape: 'anchored host name with repeated labels',
    input: hostile('', 'a.', LONG / 2, 'example.org'),
  },
  {
    source: '^order-[0-9a-f]{8}-[0-9a-f]{4}$',
    flags: '',
    shape: 'anchored fixed-length id',
    input: hostile('', 'order-', LONG / 6, ''),
  },
];
