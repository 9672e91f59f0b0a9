import { BACKSLASH, QUOTE, charMask } from './char-mask';
import { DISTINCT_COMMANDS, WORD_COMMANDS } from './command-names';
import { matchCommandPattern } from './command-patterns';
import { COMMAND_ALWAYS, COMMAND_WORDS, LEADING_ARGUMENT } from './prefilter';

const DISTINCT = new Set(DISTINCT_COMMANDS);
const WORDS = new Set(WORD_COMMANDS);

// Shell quoting and expansion tricks that split a command name without
// changing it: c'a't, c"a"t, c\at, $@, $?, ${IFS} and $IFS$9 for a
// space. Quotes are dropped altogether, so `;"curl" x` reads `;curl x`.
const IFS = /\$\{?IFS\}?(?:\$\d)?/g;
const EMPTY_EXPANSION = /\$@|\$\?|\$\{\}|['"]|\\(?=[a-z])/gi;
// A separator that starts a new command, then an optional path prefix and
// a command name. The separators: ; | || & && newline ` $( and the
// Windows %0a that decodes to a newline.
const COMMAND_AFTER_SEPARATOR =
  /(?:[;|&`\n\r]|\$\(|\{)\s{0,8}(?:[a-z0-9_./\\-]{0,40}[/\\])?([a-z][a-z0-9_.]{0,30})(?=$|[\s;|&`)<>'"{},$#])(.{0,10})/gi;
// `$(...)` or backticks around a command: substitution.
const SUBSTITUTION = /(?:\$\(|`)\s{0,8}([a-z][a-z0-9_]{0,30})\b/gi;
// Bash function definitions in a variable: the Shellshock bug.
const SHELLSHOCK = /\(\s{0,8}\)\s{0,8}\{[^}]{0,100}?;\s{0,8}\}\s{0,8};/;
// A shell argument: an option, a path (Windows drives too), a variable,
// a redirection or a number, as in `; cat /etc/passwd`, `| ls -la`,
// `; sleep 5`, `& type C:\x`.
const ARGUMENT_START = /^\s{1,8}[-/.~$%<>\d'"\\]|^\s{1,8}[a-z]:|^\s{0,8}[<>|]/i;
// Commands that attackers run without arguments and that prose rarely
// puts after a separator: `; id`, `| ls`.
const BARE_COMMANDS = new Set(['id', 'ls', 'pwd', 'ps']);
const BARE_END = /^\s{0,8}(?:[;|&]|$)/;
// A command at the start of the value with an option or a path after it:
// `cat /etc/passwd`, `ls -la`, `nohup sh -c id`.
const LEADING_COMMAND =
  /^\s{0,8}(?:time\s{1,8}|nohup\s{1,8})?([a-z][a-z0-9_.]{0,30})\s{1,8}[-/~$\\]/i;

function normalise(value: string): string {
  return value.replace(IFS, ' ').replace(EMPTY_EXPANSION, '');
}

function isCommandName(name: string): boolean {
  const command = name.toLowerCase().replace(/\.exe$/, '');
  return DISTINCT.has(command) || WORDS.has(command);
}

function commandAt(name: string, rest: string): boolean {
  const command = name.toLowerCase().replace(/\.exe$/, '');
  if (DISTINCT.has(command)) {
    return true;
  }
  if (BARE_COMMANDS.has(command) && BARE_END.test(rest)) {
    return true;
  }
  return WORDS.has(command) && ARGUMENT_START.test(rest);
}

function separatedCommand(text: string): boolean {
  COMMAND_AFTER_SEPARATOR.lastIndex = 0;
  for (const match of text.matchAll(COMMAND_AFTER_SEPARATOR)) {
    if (commandAt(match[1], match[2])) {
      return true;
    }
  }
  return false;
}

function substitutedCommand(text: string): boolean {
  for (const match of text.matchAll(SUBSTITUTION)) {
    const name = match[1].toLowerCase();
    if (DISTINCT.has(name) || WORDS.has(name)) {
      return true;
    }
  }
  return false;
}

function leadingCommand(text: string): boolean {
  const leading = LEADING_COMMAND.exec(text);
  return leading !== null && isCommandName(leading[1]);
}

/**
 * Without separators, substitutions or variables (`classes` has none of
 * them), only the patterns and a leading command can match.
 */
function detectWithoutSeparator(
  value: string,
  classes: number,
): string | undefined {
  if (COMMAND_WORDS.test(value)) {
    const pattern = matchCommandPattern(value);
    if (pattern !== undefined) {
      return pattern;
    }
  }
  if ((classes & LEADING_ARGUMENT) === 0) {
    return undefined;
  }
  const text = (classes & (QUOTE | BACKSLASH)) !== 0 ? normalise(value) : value;
  return leadingCommand(text) ? 'command_injection.leading_command' : undefined;
}

/**
 * Classifies `value` as OS command injection: a shell separator or a
 * substitution followed by a known Unix or Windows command, or a
 * Shellshock function definition. Returns the rule id. `classes` is the
 * value's `charMask`, when the caller has it.
 */
export function detectCommandInjection(
  value: string,
  classes = charMask(value),
): string | undefined {
  if (!/[;|&`\n\r${(\s/%]/.test(value)) {
    return undefined;
  }
  if ((classes & COMMAND_ALWAYS) === 0) {
    return detectWithoutSeparator(value, classes);
  }
  if (SHELLSHOCK.test(value)) {
    return 'command_injection.shellshock';
  }
  const pattern = matchCommandPattern(value);
  if (pattern !== undefined) {
    return pattern;
  }
  const text = normalise(value);
  if (leadingCommand(text)) {
    return 'command_injection.leading_command';
  }
  if (substitutedCommand(text)) {
    return 'command_injection.substitution';
  }
  return separatedCommand(text) ? 'command_injection.separator' : undefined;
}

export const COMMAND_INJECTION_PATTERNS: readonly RegExp[] = [
  IFS,
  EMPTY_EXPANSION,
  COMMAND_AFTER_SEPARATOR,
  SUBSTITUTION,
  SHELLSHOCK,
  ARGUMENT_START,
  BARE_END,
  LEADING_COMMAND,
];
