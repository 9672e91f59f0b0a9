import type { Filter, RequestView, Verdict } from '../types';
import { logProblems } from './logger';
import type { PathPattern } from './path-pattern';
import { compilePathPattern } from './path-pattern';
import { RequestPath } from './request-path';
import type { PathRule, RuleFilterOptions } from './rule-options';
import { validateRuleFilterOptions } from './rule-options';

export const RULE_FILTER_NAME = 'rules';

interface CompiledRule {
  readonly name: string;
  readonly methods: ReadonlySet<string> | undefined;
  readonly pattern: PathPattern;
  readonly verdict: Verdict | undefined;
}

/**
 * Builds the set of methods a rule matches. Express and most routers run
 * the GET handler for HEAD, so a rule for GET covers HEAD too.
 */
function methodSet(
  methods: readonly string[] | undefined,
): Set<string> | undefined {
  if (methods === undefined || methods.length === 0) return undefined;
  const set = new Set(methods);
  if (set.has('GET')) set.add('HEAD');
  return set;
}

function compileRule(
  rule: PathRule,
  index: number,
  caseSensitive: boolean,
): CompiledRule | undefined {
  const problems: string[] = [];
  const pattern = compilePathPattern(
    rule.path,
    'path',
    caseSensitive,
    problems,
  );
  if (pattern === undefined) return undefined;
  const name = rule.name ?? `rules[${index}]`;
  const methods = methodSet(rule.methods);
  const methodText = rule.methods?.length ? `${rule.methods.join(',')} ` : '';
  const verdict: Verdict | undefined =
    rule.action === 'allow'
      ? undefined
      : {
          action: 'block',
          status: rule.status ?? 403,
          rule: name,
          reason: `request matched block rule ${methodText}${rule.path}`,
        };
  return { name, methods, pattern, verdict };
}

/**
 * Creates the method and path rule filter from `blocking.rules` options, or
 * returns undefined when its mode is `off`. Rules are checked in order and
 * the first match decides: `block` returns its verdict, `allow` lets the
 * request go without checking later rules.
 */
export function createRuleFilter(
  input: Partial<RuleFilterOptions> = {},
): Filter | undefined {
  const { options, problems } = validateRuleFilterOptions(input);
  logProblems(RULE_FILTER_NAME, problems);
  if (options.mode === 'off') return undefined;
  const rules = options.rules.flatMap((rule, index) => {
    const compiled = compileRule(rule, index, options.caseSensitive);
    return compiled === undefined ? [] : [compiled];
  });

  function check(view: RequestView): Verdict | undefined {
    const path = RequestPath.fromTarget(view.url);
    const method = view.method.toUpperCase();
    for (const rule of rules) {
      if (rule.methods !== undefined && !rule.methods.has(method)) continue;
      if (rule.pattern.matches(path)) return rule.verdict;
    }
    return undefined;
  }

  return {
    name: RULE_FILTER_NAME,
    stages: ['headers'],
    mode: options.mode,
    check,
  };
}
