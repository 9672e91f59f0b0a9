// Writes one section of docs/benchmarks.md and leaves the others in place.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { REPOSITORY_ROOT } from './child-process.mjs';

/** Path of the published benchmark page. */
export const DOC_PATH = `${REPOSITORY_ROOT}docs/benchmarks.md`;

/**
 * Section ids in page order. Each run replaces only its own section, and no
 * run writes `analysis`, which people edit by hand.
 */
const SECTIONS = ['overhead', 'soak', 'soak-blocking', 'profile', 'analysis'];

const PAGE_HEADER = `# Benchmarks

Measured overhead of the Tracegate agent, side by side with no agent and with
plain OpenTelemetry in the same run. \`bench/README.md\` describes the method
and the options; \`npm run bench\` reproduces the overhead table,
\`npm run bench -- --soak\` the memory soak and \`npm run bench -- --profile\`
the CPU profiles. The analysis at the end is written by hand.
`;

/**
 * Replaces the section `id` of the page with `markdown`, formatted with the
 * repository's prettier settings so that `npm run lint` accepts the page.
 */
export async function writeSection(id, markdown) {
  const page = existsSync(DOC_PATH) ? readFileSync(DOC_PATH, 'utf8') : '';
  const sections = Object.fromEntries(
    SECTIONS.map((name) => [name, extractSection(page, name)]),
  );
  sections[id] = markdown.trim();
  const body = SECTIONS.map(
    (name) =>
      `<!-- bench:${name}:start -->\n${sections[name] ?? `Not run yet (${name}).`}\n<!-- bench:${name}:end -->`,
  ).join('\n\n');
  const text = `${PAGE_HEADER}\n${body}\n`;
  const config = await prettier.resolveConfig(DOC_PATH);
  writeFileSync(
    DOC_PATH,
    await prettier.format(text, { ...config, filepath: DOC_PATH }),
  );
}

function extractSection(page, name) {
  const start = `<!-- bench:${name}:start -->\n`;
  const end = `\n<!-- bench:${name}:end -->`;
  const from = page.indexOf(start);
  const to = page.indexOf(end);
  if (from === -1 || to === -1 || to < from) return undefined;
  return page.slice(from + start.length, to).trim();
}
