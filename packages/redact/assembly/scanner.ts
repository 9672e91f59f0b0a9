// The JSON scanner of @tracegate/redact in WebAssembly. It reads JSON text
// written as UTF-16 at `textOffset()`, so offsets equal JavaScript string
// indices, and follows the grammar and the states of the JavaScript scan in
// src/json-scan.ts. For each string and number it runs the character-class
// and literal checks that every built-in detector needs to match. It calls
// JavaScript only for keys it has not seen and for the tokens that pass a
// check, sit under a sensitive key or need decoding.

// Imported from JavaScript, under the module name "scanner". `keyRule`
// returns the rule id of a key (0 when no rule matches), `token` handles
// one token and returns 0.
declare function keyRule(start: i32, end: i32, escaped: i32): i32;
declare function token(
  kind: i32,
  start: i32,
  end: i32,
  flags: i32,
  rule: i32,
  depth: i32,
): i32;

// Token kinds passed to `token`.
const KIND_KEY = 1;
const KIND_STRING = 2;
const KIND_SCALAR = 3;
const KIND_CONTAINER = 4;

// Token flags. The detector bits are documented in src/wasm-flags.ts,
// which must keep the same values.
const CLOSED = 1 << 0;
const ESCAPED = 1 << 1;
const NESTED = 1 << 2;
const CUT = 1 << 3;
const PRIVATE_KEY = 1 << 4;
const BEARER = 1 << 5;
const BASIC = 1 << 6;
const DIGEST = 1 << 7;
const JWT = 1 << 8;
const AWS_ID = 1 << 9;
const AWS_SECRET = 1 << 10;
const GITHUB = 1 << 11;
const IBAN = 1 << 12;
const EMAIL = 1 << 13;
const IPV4 = 1 << 14;
const DIGITS = 1 << 15;
const SEPARATED = 1 << 16;
const SLACK = 1 << 17;
const STRIPE = 1 << 18;
const GOOGLE = 1 << 19;
const INVALID_ESCAPE = 1 << 20;
const DETECTOR_BITS = 0xffff0;

// Results of `scan`.
const OK = 0;
const INVALID = 1;
const FALLBACK = 2;

// Token kinds the scan accepts next, as in the JavaScript scan.
const EXPECT_VALUE = 0;
const EXPECT_VALUE_OR_CLOSE = 1;
const EXPECT_KEY = 2;
const EXPECT_KEY_OR_CLOSE = 3;
const EXPECT_COLON = 4;
const EXPECT_COMMA_OR_CLOSE = 5;
const EXPECT_END = 6;

// Containers nested deeper fall back to the JavaScript scan.
const MAX_DEPTH = 512;
// A stack frame is four i32: flags (1 object, 2 escaped key, 4 closed
// key), array index, key start (its opening quote) and key end (its
// closing quote). JavaScript reads frames to build finding paths.
const FRAME_BYTES = 16;
const STACK: usize = memory.data(MAX_DEPTH * FRAME_BYTES, 16);
// The rule id of each open object's current key.
const RULES: usize = memory.data(MAX_DEPTH * 4, 16);

// Keys seen before, with their rule ids: open addressing over 4096 slots
// of four u32 (hash, length, arena offset, rule id + 1), and an arena of
// key characters. A full table or arena stops taking keys, and the keys
// not in it are requested from JavaScript each time.
const TABLE_SLOTS: u32 = 4096;
const TABLE: usize = memory.data(TABLE_SLOTS * 16, 16);
const ARENA_BYTES: u32 = 128 * 1024;
const ARENA: usize = memory.data(ARENA_BYTES, 16);
const MAX_TABLE_KEY = 64;
let arenaUsed: u32 = 0;
let tableUsed: u32 = 0;

// Character classes, one byte for each ASCII character.
const C_DIGIT: u8 = 1;
const C_LETTER: u8 = 2;
// Letters that may start a literal at a word start: every upper-case
// letter (IBAN country codes, AKIA, AIza, BEGIN) and b, d, e, g, h, r, s,
// w and x.
const C_START: u8 = 4;
// Letters that may sit inside a literal that needs no word start:
// "secret", "akia" and "asia" in any case, and "PuTTY".
const C_INSIDE: u8 = 8;
const C_BASE64: u8 = 16;
const C_KEY: u8 = 32;
const C_HEX: u8 = 64;
// '"', '\\', '@', ':', '=', control characters and every other character
// that is not a letter or digit, all of which end a word.
const C_OTHER: u8 = 128;
const CLASSES: usize = memory.data(128, 16);

let text: usize = 0;
let length: i32 = 0;
let truncated = false;
let expect = EXPECT_VALUE;
let depth = 0;
let maskedDepth = -1;
let maskedStart = 0;
let maskedRule = 0;
let lastAnchorEnd = -1000;
let topValues = 0;
let topScalar = false;
let failure = OK;

/** Returns the byte offset where JavaScript writes the text. */
export function textOffset(): usize {
  return (__heap_base + 15) & ~15;
}

/** Forgets every key, because the key rules changed. */
export function resetKeys(): void {
  memory.fill(TABLE, 0, TABLE_SLOTS * 16);
  arenaUsed = 0;
  tableUsed = 0;
}

/** Returns the offset of the stack frames, for JavaScript to read. */
export function stackOffset(): usize {
  return STACK;
}

function initClasses(): void {
  for (let c = 0; c < 128; c++) {
    let cls: u8 = 0;
    const upper = c >= 0x41 && c <= 0x5a;
    const lower = c >= 0x61 && c <= 0x7a;
    const digit = c >= 0x30 && c <= 0x39;
    if (digit) cls |= C_DIGIT | C_BASE64 | C_KEY | C_HEX;
    if (upper || lower) cls |= C_LETTER | C_BASE64 | C_KEY;
    if ((c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)) cls |= C_HEX;
    if (c == 0x2b || c == 0x2f) cls |= C_BASE64;
    if (c == 0x5f || c == 0x2d || c == 0x2e || c == 0x5b || c == 0x5d) {
      cls |= C_KEY;
    }
    if (
      upper ||
      c == 0x62 ||
      c == 0x64 ||
      c == 0x65 ||
      c == 0x67 ||
      c == 0x68 ||
      c == 0x72 ||
      c == 0x73 ||
      c == 0x77 ||
      c == 0x78
    ) {
      cls |= C_START;
    }
    if (c == 0x73 || c == 0x53 || c == 0x6b || c == 0x4b || c == 0x50) {
      cls |= C_INSIDE;
    }
    if (!upper && !lower && !digit) cls |= C_OTHER;
    store<u8>(CLASSES + c, cls);
  }
}
initClasses();

function at(position: i32): u32 {
  return <u32>load<u16>(text + ((<usize>position) << 1));
}

function classOf(code: u32): u32 {
  return code < 128 ? <u32>load<u8>(CLASSES + code) : C_OTHER;
}

function isDigitAt(position: i32): bool {
  return position >= 0 && position < length && at(position) - 0x30 < 10;
}

function isAlnum(code: u32): bool {
  return (classOf(code) & (C_DIGIT | C_LETTER)) != 0;
}

function isLetter(code: u32): bool {
  return (classOf(code) & C_LETTER) != 0;
}

/** Returns the character before `position`, or 0 at the start of the text. */
function before(position: i32): u32 {
  return position > 0 ? at(position - 1) : 0;
}

/** Returns the character at `position`, or 0 past the end of the text. */
function charAt(position: i32): u32 {
  return position < length ? at(position) : 0;
}

// Four UTF-16 code units packed as they sit in memory, for comparing
// literals with one load.
function pack(a: u32, b: u32, c: u32, d: u32): u64 {
  return (<u64>a) | ((<u64>b) << 16) | ((<u64>c) << 32) | ((<u64>d) << 48);
}

function four(position: i32): u64 {
  return position + 4 <= length
    ? load<u64>(text + ((<usize>position) << 1))
    : 0;
}

// Setting bit 5 of each unit lower-cases ASCII letters. Other characters
// change too, which can only add candidates.
const LOWER_MASK: u64 = 0x0020002000200020;

function fourLower(position: i32): u64 {
  return four(position) | LOWER_MASK;
}

/** Returns the end of the digit run at `position`. */
function digitRunEnd(position: i32): i32 {
  let end = position;
  while (end < length && at(end) - 0x30 < 10) end++;
  return end;
}

function isGroupSeparator(code: u32): bool {
  return (
    code == 0x20 ||
    code == 0x28 ||
    code == 0x29 ||
    code == 0x2e ||
    code == 0x2f ||
    code == 0x2d
  );
}

let chainFlags = 0;

/**
 * Reads the cluster of digit groups that starts at `start`, as the digit
 * detector does: runs of digits joined by at most two of ` ()./-`. Sets
 * DIGITS for seven digits or more not inside a word, and IPV4 for four
 * runs of one to three digits joined by single dots. Returns its end.
 */
function digitCluster(start: i32): i32 {
  let digits = 0;
  let parts = 0;
  let dotBefore = false;
  let end = start;
  chainFlags = 0;
  for (;;) {
    const runEnd = digitRunEnd(end);
    const run = runEnd - end;
    digits += run;
    if (run <= 3) {
      parts = dotBefore ? parts + 1 : 1;
      if (parts >= 4) chainFlags |= IPV4;
    } else {
      parts = 0;
    }
    let next = runEnd;
    while (next < runEnd + 2 && next < length && isGroupSeparator(at(next))) {
      next++;
    }
    if (next == runEnd || !isDigitAt(next)) {
      end = runEnd;
      break;
    }
    dotBefore = next == runEnd + 1 && at(runEnd) == 0x2e;
    end = next;
  }
  if (digits >= 7 && !isLetter(before(start)) && !isLetter(charAt(end))) {
    chainFlags |= DIGITS;
  }
  return end;
}

function isIpv6Char(code: u32): bool {
  return (classOf(code) & C_HEX) != 0 || code == 0x3a || code == 0x2e;
}

/** Returns whether an IPv6 candidate can start at the colon at `colon`. */
function ipv6At(colon: i32): bool {
  let next = colon + 1;
  while (
    next < colon + 5 &&
    next < length &&
    (classOf(at(next)) & C_HEX) != 0
  ) {
    next++;
  }
  if (charAt(next) != 0x3a) return false;
  let start = colon;
  while (start > colon - 46 && start > 0 && isIpv6Char(at(start - 1))) start--;
  let end = colon + 1;
  while (end < colon + 46 && end < length && isIpv6Char(at(end))) end++;
  // A run longer than an address is cut by the detector at a place this
  // check does not follow, so it counts as a candidate.
  if (start <= colon - 45 || end >= colon + 45) return true;
  const endsWithDot = at(end - 1) == 0x2e;
  return !isAlnum(before(start)) && (endsWithDot || !isAlnum(charAt(end)));
}

/** Returns whether a key that a key rule could match ends before the ':' or '=' at `separator`. */
function keyBefore(separator: i32): bool {
  let end = separator;
  while (end > separator - 4 && end > 0 && at(end - 1) == 0x20) end--;
  const quote = before(end);
  if (quote == 0x22 || quote == 0x27) end--;
  let start = end;
  while (
    start > end - 64 &&
    start > 0 &&
    (classOf(at(start - 1)) & C_KEY) != 0
  ) {
    start--;
  }
  if (start == end || (classOf(before(start)) & C_KEY) != 0) return false;
  const first = at(start);
  return isLetter(first) || first == 0x5f;
}

/** Returns the flags of the literals that start a word at `position`. */
function wordStart(position: i32, code: u32): i32 {
  const word = four(position);
  const wordLower = word | LOWER_MASK;
  let flags = 0;
  if (code - 0x41 < 26) {
    if (
      word == pack(0x41, 0x4b, 0x49, 0x41) ||
      word == pack(0x41, 0x53, 0x49, 0x41) ||
      word == pack(0x41, 0x42, 0x49, 0x41) ||
      word == pack(0x41, 0x43, 0x43, 0x41)
    ) {
      flags |= AWS_ID;
    }
    if (word == pack(0x41, 0x49, 0x7a, 0x61)) flags |= GOOGLE;
    if (word == pack(0x42, 0x45, 0x47, 0x49)) flags |= PRIVATE_KEY;
    const second = charAt(position + 1);
    if (
      second - 0x41 < 26 &&
      isDigitAt(position + 2) &&
      isDigitAt(position + 3)
    ) {
      flags |= IBAN;
    }
  }
  // The authentication schemes in any case.
  if (wordLower == pack(0x62, 0x65, 0x61, 0x72)) flags |= BEARER;
  if (wordLower == pack(0x62, 0x61, 0x73, 0x69)) flags |= BASIC;
  if (wordLower == pack(0x64, 0x69, 0x67, 0x65)) flags |= DIGEST;
  if (code == 0x65) {
    const second = charAt(position + 1);
    if (second == 0x79 || second == 0x77) flags |= JWT;
  } else if (code == 0x67) {
    // ghp_ and the other GitHub prefixes, github_pat_
    if (charAt(position + 1) == 0x68 || word == pack(0x67, 0x69, 0x74, 0x68)) {
      flags |= GITHUB;
    }
  } else if (code == 0x68) {
    // hooks.slack.com
    if (word == pack(0x68, 0x6f, 0x6f, 0x6b)) flags |= SLACK;
  } else if (code == 0x73 || code == 0x72) {
    // sk_live_, rk_test_
    if (charAt(position + 1) == 0x6b && charAt(position + 2) == 0x5f) {
      flags |= STRIPE;
    }
  } else if (code == 0x77) {
    // whsec_
    if (word == pack(0x77, 0x68, 0x73, 0x65)) flags |= STRIPE;
  } else if (code == 0x78) {
    // xoxb- and the other Slack prefixes, xapp-
    if (
      (word & 0xffffffffffff) == pack(0x78, 0x6f, 0x78, 0) ||
      word == pack(0x78, 0x61, 0x70, 0x70)
    ) {
      flags |= SLACK;
    }
  }
  return flags;
}

/** Checks the literals that may sit inside a word: "secret", "akia" and "asia" in any case, and "PuTTY". */
function inWord(position: i32, code: u32): i32 {
  const lower = code | 0x20;
  if (lower == 0x73) {
    // secret, asia
    if (
      fourLower(position) == pack(0x73, 0x65, 0x63, 0x72) &&
      (charAt(position + 4) | 0x20) == 0x65 &&
      (charAt(position + 5) | 0x20) == 0x74
    ) {
      lastAnchorEnd = position + 6;
    } else if (
      (before(position) | 0x20) == 0x61 &&
      (charAt(position + 1) | 0x20) == 0x69 &&
      (charAt(position + 2) | 0x20) == 0x61
    ) {
      // The anchor is the key id prefix and 16 more characters.
      lastAnchorEnd = position + 19;
    }
    return 0;
  }
  if (lower == 0x6b) {
    if (
      (before(position) | 0x20) == 0x61 &&
      (charAt(position + 1) | 0x20) == 0x69 &&
      (charAt(position + 2) | 0x20) == 0x61
    ) {
      lastAnchorEnd = position + 19;
    }
    return 0;
  }
  if (code == 0x50) {
    return four(position) == pack(0x50, 0x75, 0x54, 0x54) &&
      charAt(position + 4) == 0x59
      ? PRIVATE_KEY
      : 0;
  }
  return 0;
}

let tokenEnd = 0;

/** Returns the flags of a word start at `position`, when a literal can start with its character. */
function wordAt(position: i32): i32 {
  const code = charAt(position);
  return (classOf(code) & C_START) != 0 ? wordStart(position, code) : 0;
}

/** Returns the flags of a digit run at `start` and sets `tokenEnd` to the offset after its cluster. */
function digitsAt(start: i32): i32 {
  const runEnd = digitRunEnd(start);
  if (runEnd < length && isGroupSeparator(at(runEnd))) {
    const end = digitCluster(start);
    tokenEnd = end;
    return chainFlags;
  }
  // A run that no separator joins to another is a cluster of its own.
  tokenEnd = runEnd;
  return runEnd - start >= 7 &&
    !isLetter(before(start)) &&
    !isLetter(charAt(runEnd))
    ? DIGITS
    : 0;
}

/** Returns the flags of the escape at `position` and whether it is valid. */
function escapeAt(position: i32): i32 {
  let flags = ESCAPED;
  const escape = charAt(position + 1);
  if (escape == 0x75) {
    for (let i = 2; i < 6; i++) {
      if ((classOf(charAt(position + i)) & C_HEX) == 0) {
        flags |= INVALID_ESCAPE;
      }
    }
  } else if (
    escape != 0x22 &&
    escape != 0x5c &&
    escape != 0x2f &&
    escape != 0x62 &&
    escape != 0x66 &&
    escape != 0x6e &&
    escape != 0x72 &&
    escape != 0x74
  ) {
    flags |= INVALID_ESCAPE;
  }
  // The escape character ends a word when it is not a letter.
  if (!isAlnum(escape)) flags |= wordAt(position + 2);
  return flags;
}

/** Returns the flags of the separator ':' or '=' at `position`. */
function separatorAt(position: i32, code: u32): i32 {
  if (code == 0x3a) {
    const url = charAt(position + 1) == 0x2f && charAt(position + 2) == 0x2f;
    return url || ipv6At(position) || keyBefore(position) ? SEPARATED : 0;
  }
  return keyBefore(position) ? SEPARATED : 0;
}

/**
 * Classifies the characters from `start` to the first unescaped '"' or
 * `limit`, and sets `tokenEnd` to where it stopped. Returns the flags.
 * Letters cost one table look-up each: word-start literals are checked
 * from the character before the word.
 */
function classify(start: i32, limit: i32): i32 {
  let flags = wordAt(start);
  let position = start;
  while (position < limit) {
    const code = at(position);
    const cls = classOf(code);
    if ((cls & (C_DIGIT | C_INSIDE | C_OTHER)) == 0) {
      position++;
      continue;
    }
    if ((cls & C_DIGIT) != 0) {
      if (isDigitAt(position - 1)) {
        position++;
        continue;
      }
      flags |= digitsAt(position);
      position = tokenEnd;
      continue;
    }
    if ((cls & C_INSIDE) != 0) {
      flags |= inWord(position, code);
      position++;
      continue;
    }
    if (code == 0x22) break;
    if (code == 0x5c) {
      flags |= escapeAt(position);
      position += 2;
      continue;
    }
    if (code == 0x40) {
      flags |= EMAIL;
    } else if (code == 0x3a || code == 0x3d) {
      flags |= separatorAt(position, code);
    } else if (code < 0x20) {
      flags |= INVALID_ESCAPE;
    }
    flags |= wordAt(position + 1);
    position++;
  }
  tokenEnd = position < limit ? position : limit;
  return flags;
}

/** Adds AWS_SECRET when the value could hold a secret key that an anchor before it reaches. */
function withSecret(flags: i32, start: i32, end: i32): i32 {
  return end - start >= 40 && lastAnchorEnd >= start - 64
    ? flags | AWS_SECRET
    : flags;
}

// Frame access.
function frame(index: i32): usize {
  return STACK + <usize>index * FRAME_BYTES;
}

function topIsObject(): bool {
  return depth > 0 && (load<i32>(frame(depth - 1)) & 1) != 0;
}

function valueRule(): i32 {
  return topIsObject() ? load<i32>(RULES + ((<usize>(depth - 1)) << 2)) : 0;
}

function masking(): bool {
  return maskedDepth >= 0;
}

function expectsValue(): bool {
  return (
    expect == EXPECT_VALUE ||
    expect == EXPECT_VALUE_OR_CLOSE ||
    expect == EXPECT_END
  );
}

function afterValue(): void {
  expect = depth == 0 ? EXPECT_END : EXPECT_COMMA_OR_CLOSE;
}

// Keys are hashed with FNV-1a over one u64 load, four UTF-16 code units,
// at a time, a quarter of the multiplications of one unit at a time. The
// fold moves high bits into the low bits that pick a table slot.
const FNV_OFFSET: u64 = 0xcbf29ce484222325;
const FNV_PRIME: u64 = 0x100000001b3;

function hashKey(start: i32, end: i32): u32 {
  let hash = FNV_OFFSET;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    hash = (hash ^ load<u64>(text + ((<usize>i) << 1))) * FNV_PRIME;
  }
  for (; i < end; i++) {
    hash = (hash ^ (<u64>at(i))) * FNV_PRIME;
  }
  return <u32>(hash ^ (hash >> 29));
}

/** Returns whether `bytes` bytes at `a` and at `b` are equal. memory.compare reads one byte at a time, and this reads eight. */
function sameBytes(a: usize, b: usize, bytes: usize): bool {
  let i: usize = 0;
  for (; i + 8 <= bytes; i += 8) {
    if (load<u64>(a + i) != load<u64>(b + i)) return false;
  }
  for (; i < bytes; i += 2) {
    if (load<u16>(a + i) != load<u16>(b + i)) return false;
  }
  return true;
}

/** Returns the rule id of the unescaped key text[start + 1, end), from the table or from JavaScript. */
function ruleOf(start: i32, end: i32): i32 {
  const keyStart = start + 1;
  const keyLength = end - keyStart;
  if (keyLength > MAX_TABLE_KEY) {
    return keyRule(start, end, 0);
  }
  const hash = hashKey(keyStart, end);
  const bytes = (<usize>keyLength) << 1;
  let slot = hash & (TABLE_SLOTS - 1);
  for (let probe: u32 = 0; probe < TABLE_SLOTS; probe++) {
    const entry = TABLE + ((<usize>slot) << 4);
    const stored = load<u32>(entry + 12);
    if (stored == 0) {
      const rule = keyRule(start, end, 0);
      const fits =
        arenaUsed + <u32>bytes <= ARENA_BYTES && tableUsed < TABLE_SLOTS / 2;
      if (fits) {
        memory.copy(ARENA + arenaUsed, text + ((<usize>keyStart) << 1), bytes);
        store<u32>(entry, hash);
        store<u32>(entry + 4, keyLength);
        store<u32>(entry + 8, arenaUsed);
        store<u32>(entry + 12, rule + 1);
        arenaUsed += <u32>((bytes + 7) & ~7);
        tableUsed++;
      }
      return rule;
    }
    if (
      load<u32>(entry) == hash &&
      load<u32>(entry + 4) == <u32>keyLength &&
      sameBytes(
        ARENA + load<u32>(entry + 8),
        text + ((<usize>keyStart) << 1),
        bytes,
      )
    ) {
      return <i32>stored - 1;
    }
    slot = (slot + 1) & (TABLE_SLOTS - 1);
  }
  return keyRule(start, end, 0);
}

function open(position: i32, isObject: bool): void {
  if (!expectsValue()) {
    failure = INVALID;
    return;
  }
  if (depth >= MAX_DEPTH) {
    failure = FALLBACK;
    return;
  }
  if (depth == 0) noteTopValue(false);
  if (!masking()) {
    const rule = valueRule();
    if (rule != 0) {
      maskedDepth = depth;
      maskedStart = position;
      maskedRule = rule;
    }
  }
  const entry = frame(depth);
  store<i32>(entry, isObject ? 1 : 0);
  store<i32>(entry + 4, 0);
  store<i32>(entry + 8, -1);
  store<i32>(entry + 12, -1);
  store<i32>(RULES + ((<usize>depth) << 2), 0);
  depth++;
  expect = isObject ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
}

function close(position: i32, isObject: bool): void {
  if (depth == 0 || topIsObject() != isObject) {
    failure = INVALID;
    return;
  }
  const closable =
    expect == EXPECT_COMMA_OR_CLOSE ||
    expect == (isObject ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE);
  if (!closable) {
    failure = INVALID;
    return;
  }
  depth--;
  afterValue();
  if (depth == maskedDepth) {
    maskedDepth = -1;
    token(KIND_CONTAINER, maskedStart, position + 1, 0, maskedRule, depth);
  }
}

function comma(): void {
  if (expect != EXPECT_COMMA_OR_CLOSE) {
    failure = INVALID;
    return;
  }
  const entry = frame(depth - 1);
  if ((load<i32>(entry) & 1) != 0) {
    store<i32>(RULES + ((<usize>(depth - 1)) << 2), 0);
    expect = EXPECT_KEY;
  } else {
    store<i32>(entry + 4, load<i32>(entry + 4) + 1);
    expect = EXPECT_VALUE;
  }
}

/**
 * Counts a value at the top level. A number next to another top-level
 * value could join a digit group with it, which the detectors see in the
 * whole text, so such a stream takes the JavaScript scan.
 */
function noteTopValue(scalar: bool): void {
  if (topValues > 0 && (scalar || topScalar)) {
    failure = FALLBACK;
  }
  topValues++;
  topScalar = topScalar || scalar;
}

/** Handles the string at `start` and returns the offset after it. */
function readString(start: i32): i32 {
  let flags = classify(start + 1, length);
  let end = tokenEnd;
  const closed = end < length;
  if (!closed) {
    if (!truncated) {
      failure = INVALID;
      return length;
    }
    end = length;
  } else {
    flags |= CLOSED;
  }
  const escaped = (flags & ESCAPED) != 0;
  if (expect == EXPECT_KEY || expect == EXPECT_KEY_OR_CLOSE) {
    readKey(start, end, flags, closed, escaped);
    expect = EXPECT_COLON;
  } else {
    if (!expectsValue()) {
      failure = INVALID;
      return end;
    }
    if (depth == 0) noteTopValue(false);
    if (!masking()) {
      stringValue(start, end, flags, closed, escaped);
    }
    afterValue();
  }
  return closed ? end + 1 : end;
}

function readKey(
  start: i32,
  end: i32,
  flags: i32,
  closed: bool,
  escaped: bool,
): void {
  const entry = frame(depth - 1);
  store<i32>(entry, 1 | (escaped ? 2 : 0) | (closed ? 4 : 0));
  store<i32>(entry + 8, start);
  store<i32>(entry + 12, end);
  const ruleSlot = RULES + ((<usize>(depth - 1)) << 2);
  if (escaped && (flags & INVALID_ESCAPE) != 0 && closed) {
    failure = INVALID;
    return;
  }
  if (masking()) {
    // The JavaScript scan decodes an escaped key even here, and only a
    // cut one could fail to decode.
    if (escaped && !closed) failure = FALLBACK;
    store<i32>(ruleSlot, 0);
    return;
  }
  const rule =
    escaped || !closed
      ? keyRule(start, end, escaped ? 1 : 0)
      : ruleOf(start, end);
  store<i32>(ruleSlot, rule);
  const report =
    escaped ||
    !closed ||
    (withSecret(flags, start + 1, end) & DETECTOR_BITS & ~SEPARATED) != 0;
  if (report) {
    token(KIND_KEY, start, end, withSecret(flags, start + 1, end), 0, depth);
  }
}

function stringValue(
  start: i32,
  end: i32,
  flags: i32,
  closed: bool,
  escaped: bool,
): void {
  const rule = valueRule();
  if (escaped && (flags & INVALID_ESCAPE) != 0 && closed) {
    failure = INVALID;
    return;
  }
  const first = charAt(start + 1);
  if (
    start + 1 < end &&
    (first == 0x7b ||
      first == 0x5b ||
      first == 0x20 ||
      first == 0x0a ||
      first == 0x0d ||
      first == 0x09)
  ) {
    flags |= NESTED;
  }
  const all = withSecret(flags, start + 1, end);
  const report =
    rule != 0 || escaped || !closed || (all & (NESTED | DETECTOR_BITS)) != 0;
  if (report) {
    token(KIND_STRING, start, end, all, rule, depth);
  }
}

function isScalarChar(code: u32): bool {
  return (
    (classOf(code) & (C_DIGIT | C_LETTER)) != 0 ||
    code == 0x2b ||
    code == 0x2d ||
    code == 0x2e
  );
}

function literalAt(start: i32, end: i32): bool {
  const size = end - start;
  const word = four(start);
  if (size == 4) {
    return (
      word == pack(0x74, 0x72, 0x75, 0x65) ||
      word == pack(0x6e, 0x75, 0x6c, 0x6c)
    );
  }
  return (
    size == 5 && word == pack(0x66, 0x61, 0x6c, 0x73) && at(start + 4) == 0x65
  );
}

/** Returns whether text[start, end) is a JSON number. */
function numberAt(start: i32, end: i32): bool {
  let position = start;
  if (position < end && at(position) == 0x2d) position++;
  if (position >= end) return false;
  if (at(position) == 0x30) {
    position++;
  } else if (at(position) - 0x31 < 9) {
    while (position < end && at(position) - 0x30 < 10) position++;
  } else {
    return false;
  }
  if (position < end && at(position) == 0x2e) {
    position++;
    const digits = position;
    while (position < end && at(position) - 0x30 < 10) position++;
    if (position == digits) return false;
  }
  if (position < end && (at(position) | 0x20) == 0x65) {
    position++;
    if (position < end && (at(position) == 0x2b || at(position) == 0x2d)) {
      position++;
    }
    const digits = position;
    while (position < end && at(position) - 0x30 < 10) position++;
    if (position == digits) return false;
  }
  return position == end;
}

/** Handles a number or literal at `start` and returns the offset after it. */
function readScalar(start: i32): i32 {
  let end = start;
  while (end < length && isScalarChar(at(end))) end++;
  if (end == start || !expectsValue()) {
    failure = INVALID;
    return end;
  }
  const cut = end == length && truncated;
  const isLiteral = literalAt(start, end);
  if (!isLiteral && !numberAt(start, end) && !cut) {
    failure = INVALID;
    return end;
  }
  if (depth == 0) noteTopValue(true);
  if (!masking()) {
    const rule = valueRule();
    let flags = cut ? CUT : 0;
    if (!isLiteral) flags |= classify(start, end);
    if (rule != 0 || (flags & (CUT | DETECTOR_BITS)) != 0) {
      token(KIND_SCALAR, start, end, flags, rule, depth);
    }
  }
  afterValue();
  return end;
}

function finish(): void {
  if (expect == EXPECT_END && !masking()) return;
  if (!truncated) {
    failure = INVALID;
    return;
  }
  if (masking()) {
    const masked = maskedDepth;
    maskedDepth = -1;
    token(KIND_CONTAINER, maskedStart, length, 0, maskedRule, masked);
  }
}

/**
 * Scans `size` UTF-16 code units at `textOffset()`. Returns 0 when the
 * text is JSON (or, when `cut` is 1, a prefix of JSON), 1 when it is not,
 * and 2 when it needs the JavaScript scan.
 */
export function scan(size: i32, cut: i32): i32 {
  text = textOffset();
  length = size;
  truncated = cut != 0;
  expect = EXPECT_VALUE;
  depth = 0;
  maskedDepth = -1;
  lastAnchorEnd = -1000;
  topValues = 0;
  topScalar = false;
  failure = OK;

  let position = 0;
  while (position < length && failure == OK) {
    const code = at(position);
    if (code == 0x20 || code == 0x0a || code == 0x0d || code == 0x09) {
      position++;
    } else if (code == 0x22) {
      position = readString(position);
    } else if (code == 0x7b || code == 0x5b) {
      open(position, code == 0x7b);
      position++;
    } else if (code == 0x7d || code == 0x5d) {
      close(position, code == 0x7d);
      position++;
    } else if (code == 0x3a) {
      if (expect != EXPECT_COLON) failure = INVALID;
      expect = EXPECT_VALUE;
      position++;
    } else if (code == 0x2c) {
      comma();
      position++;
    } else {
      position = readScalar(position);
    }
  }

  if (failure == OK) finish();
  return failure;
}
