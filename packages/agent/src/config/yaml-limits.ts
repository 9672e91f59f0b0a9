/**
 * Maximum flow indicators (`[`, `]`, `{` and `}`) in the configuration
 * file. yaml 2.9.1 parses unclosed flow mappings in time that grows
 * exponentially with their nesting (384 bytes of `{` took 21 s on a 2-core
 * machine), and every stray `]` or `}` costs it an error. A real
 * configuration has a handful of flow collections at most.
 */
export const MAX_FLOW_INDICATORS = 128;

/**
 * Maximum `?` characters followed by whitespace, the explicit-key indicator.
 * yaml 2.9.1 takes exponential time on nested explicit keys (256 of them
 * took 1.8 s), and configurations rarely use explicit keys at all.
 */
export const MAX_EXPLICIT_KEY_INDICATORS = 32;

function countFlowIndicators(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    // [ ] { }
    if (code === 0x5b || code === 0x5d || code === 0x7b || code === 0x7d) {
      count += 1;
    }
  }
  return count;
}

function countExplicitKeyIndicators(text: string): number {
  return text.match(/\?(?=\s|$)/g)?.length ?? 0;
}

/**
 * Rejects text whose structure could make the YAML parser run for seconds or
 * more. Counts characters anywhere, even inside quotes and comments, so the
 * check errs towards rejecting. Returns the reason, or undefined when the
 * text may be parsed.
 */
export function checkYamlComplexity(text: string): string | undefined {
  const flowIndicators = countFlowIndicators(text);
  if (flowIndicators > MAX_FLOW_INDICATORS) {
    return `it has ${flowIndicators} of the characters [ ] { }, more than the limit of ${MAX_FLOW_INDICATORS}`;
  }
  const explicitKeys = countExplicitKeyIndicators(text);
  if (explicitKeys > MAX_EXPLICIT_KEY_INDICATORS) {
    return `it has ${explicitKeys} explicit-key indicators (? followed by whitespace), more than the limit of ${MAX_EXPLICIT_KEY_INDICATORS}`;
  }
  return undefined;
}
