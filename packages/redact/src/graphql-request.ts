import type { RedactionContext } from './context';
import { replaceValue } from './context';
import { isGraphqlDocument, redactGraphql } from './graphql';
import { redactJsonTree } from './json-tree';
import { keySegment } from './path';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isGraphqlRequest(
  value: unknown,
): value is JsonObject & { query: string } {
  return (
    isObject(value) &&
    typeof value.query === 'string' &&
    isGraphqlDocument(value.query)
  );
}

/** Returns the JSON text of one value, masked whole when `rule` names it. */
function redactMember(
  value: unknown,
  rule: string | undefined,
  context: RedactionContext,
  path: string,
): string {
  if (rule !== undefined && value !== null) {
    const raw =
      typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
    const replacement = replaceValue(context, rule, raw, path);
    if (replacement !== undefined) {
      return JSON.stringify(replacement);
    }
  }
  return redactJsonTree(value, context, path);
}

/**
 * Redacts GraphQL variables as JSON text. A variable that feeds an
 * argument or input field named by a key rule (`login(password: $p)`) is
 * masked whole with that rule's type, and the others go through the key
 * rules and detectors like any JSON.
 */
export function redactGraphqlVariables(
  variables: unknown,
  variableRules: ReadonlyMap<string, string>,
  context: RedactionContext,
  prefix: string,
): string {
  if (!isObject(variables)) {
    return redactJsonTree(variables, context, prefix);
  }
  const members: string[] = [];
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined) {
      continue;
    }
    const rule = variableRules.get(name) ?? context.keys.match(name);
    const path = prefix + keySegment(name);
    members.push(
      `${JSON.stringify(name)}:${redactMember(value, rule, context, path)}`,
    );
  }
  return `{${members.join(',')}}`;
}

function redactVariablesMember(
  value: unknown,
  variableRules: ReadonlyMap<string, string>,
  context: RedactionContext,
  path: string,
): string {
  if (typeof value !== 'string') {
    return redactGraphqlVariables(value, variableRules, context, path);
  }
  // Some clients send the variables as a JSON string.
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return redactJsonTree(value, context, path);
  }
  return JSON.stringify(
    redactGraphqlVariables(parsed, variableRules, context, path),
  );
}

function redactRequest(
  request: JsonObject & { query: string },
  context: RedactionContext,
  prefix: string,
): string {
  const document = redactGraphql(request.query, context, `${prefix}.query`);
  const members: string[] = [];
  for (const [key, value] of Object.entries(request)) {
    if (value === undefined) {
      continue;
    }
    const path = prefix + keySegment(key);
    let text: string;
    if (key === 'query') {
      text = JSON.stringify(document.text);
    } else if (key === 'variables') {
      text = redactVariablesMember(
        value,
        document.variableRules,
        context,
        path,
      );
    } else {
      text = redactMember(value, context.keys.match(key), context, path);
    }
    members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}

/**
 * Redacts a GraphQL request sent as JSON (`{"query": ..., "variables":
 * ...}`, or an array of them for batched requests), mapping each variable
 * to the argument it feeds. Returns undefined when the text is not one,
 * and the caller redacts it as other JSON. The output is compact JSON.
 */
export function redactGraphqlRequest(
  text: string,
  context: RedactionContext,
  prefix: string,
): string | undefined {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (Array.isArray(root)) {
    const requests = root as unknown[];
    if (requests.length === 0 || !requests.every(isGraphqlRequest)) {
      return undefined;
    }
    const parts = requests.map((request, index) =>
      redactRequest(request, context, `${prefix}[${index}]`),
    );
    return `[${parts.join(',')}]`;
  }
  return isGraphqlRequest(root)
    ? redactRequest(root, context, prefix)
    : undefined;
}
