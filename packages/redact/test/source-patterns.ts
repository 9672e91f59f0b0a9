import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';

// The compiled test runs from dist/test, and the sources stay in src.
export const SOURCE_ROOT = join(__dirname, '..', '..', 'src');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Returns the text of the file's top-level numeric constants, which built patterns interpolate. */
function numericConstants(file: ts.SourceFile): string {
  return file.statements
    .filter(
      (statement): statement is ts.VariableStatement =>
        ts.isVariableStatement(statement) &&
        statement.declarationList.declarations.every(
          (declaration) =>
            declaration.initializer !== undefined &&
            ts.isNumericLiteral(declaration.initializer),
        ),
    )
    .map((statement) => statement.getText(file))
    .join('\n');
}

/** Evaluates the arguments of a `new RegExp(...)` call with the file's numeric constants in scope. */
function builtRegExp(
  file: ts.SourceFile,
  call: ts.NewExpression,
): RegExp | undefined {
  const text = (call.arguments ?? [])
    .map((argument) => argument.getText(file))
    .join(', ');
  const program = `${numericConstants(file)}\nnew RegExp(${text});`;
  try {
    return runInNewContext(ts.transpile(program)) as RegExp;
  } catch {
    return undefined;
  }
}

/** A pattern written in the sources, undefined when it is built at run time. */
export interface FoundPattern {
  readonly place: string;
  readonly pattern: RegExp | undefined;
}

function patternsIn(path: string): FoundPattern[] {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: FoundPattern[] = [];
  const visit = (node: ts.Node): void => {
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
    const place = `${path.slice(SOURCE_ROOT.length + 1)}:${line + 1}`;
    if (ts.isRegularExpressionLiteral(node)) {
      found.push({ place, pattern: runInNewContext(node.text) as RegExp });
    } else if (
      ts.isNewExpression(node) &&
      node.expression.getText(file) === 'RegExp'
    ) {
      found.push({ place, pattern: builtRegExp(file, node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

// Patterns built from a value known only at run time: a configured
// pattern, or a built-in one whose flags change.
export const RUNTIME_PATTERNS = new Set([
  'custom-detectors.ts',
  'pattern-safety.ts',
  join('detectors', 'detector.ts'),
  // Compiled from libphonenumber-js metadata and run on at most 19 digits;
  // phone-national.test.ts times every country's patterns.
  join('detectors', 'national-plan.ts'),
]);

/** Returns every regular expression literal and `new RegExp(...)` in the package sources. */
export function findSourcePatterns(): FoundPattern[] {
  return sourceFiles(SOURCE_ROOT).flatMap(patternsIn);
}
