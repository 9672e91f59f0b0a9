/**
 * Patterns of command injection that do not need a separator before a
 * command name: Windows batch control flow, PowerShell download and run
 * cmdlets, JNDI lookups (Log4Shell) and absolute paths to binaries.
 */

// `for /f "tokens=*" %%G in (...)`: a batch loop over a command's output.
const BATCH_FOR =
  /\bfor(?:\s{1,20}\/[a-z])?(?:\s{1,20}\/[a-z])?(?:\s{1,20}\/[a-z])?(?:\s{1,20}"[^"]{0,100}")?\s{1,20}%{1,2}\S{0,2}\s{1,20}in\s{0,20}\(/i;
// `if not exist x cmd`, `if %a% equ 2 cmd`, `if "%1"=="" goto x`.
const BATCH_IF =
  /\bif(?:\s{1,20}\/i)?(?:\s{1,20}not)?\s{1,20}(?:(?:exist|defined|errorlevel)\s|\S{1,60}\s{0,20}(?:==|\s(?:equ|neq|lss|leq|gtr|geq)\s))/i;
const POWERSHELL =
  /\b(?:invoke-(?:webrequest|expression|restmethod|command|item|wmimethod)|start-process|start-bitstransfer|new-object\s{1,8}(?:system\.)?net\.webclient|downloadstring|downloadfile|set-executionpolicy)\b|-encodedcommand\b|(?:^|[;|&(]\s{0,8})(?:iwr|iex|irm)\s/i;
// `${jndi:ldap://...}` with the lookups that hide the word spelt out.
const JNDI =
  /jndi\s{0,8}:\s{0,8}(?:ldaps?|rmi|dns|iiop|corba|nds|nis|https?):/i;
// An absolute path to a system binary directory, globs allowed, as in
// `/bin/ca? /et*/passwd`.
const BINARY_PATH =
  /(?:^|[\s;|&`(=])\/(?:usr\/)?(?:local\/)?s?bin\/[a-z?*[\]]{1,30}/i;

/** Returns the rule id of the first pattern that matches `text`. */
export function matchCommandPattern(text: string): string | undefined {
  if (BATCH_FOR.test(text) || BATCH_IF.test(text)) {
    return 'command_injection.batch';
  }
  if (POWERSHELL.test(text)) {
    return 'command_injection.powershell';
  }
  if (JNDI.test(text)) {
    return 'command_injection.jndi_lookup';
  }
  return BINARY_PATH.test(text) ? 'command_injection.binary_path' : undefined;
}

export const COMMAND_PATTERNS: readonly RegExp[] = [
  BATCH_FOR,
  BATCH_IF,
  POWERSHELL,
  JNDI,
  BINARY_PATH,
];
