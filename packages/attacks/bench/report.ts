import type { FalsePositive, Tally } from './accuracy';
import type { Spread } from './throughput';

function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}

function cell(tally: Tally, half: 0 | 1): string {
  const flagged = tally.flagged[half];
  const total = tally.total[half];
  return `${flagged} / ${total} (${percent(flagged, total)})`;
}

function allCell(tally: Tally): string {
  const flagged = tally.flagged[0] + tally.flagged[1];
  const total = tally.total[0] + tally.total[1];
  return `${flagged} / ${total} (${percent(flagged, total)})`;
}

/** Formats a table with one row per family and corpus, split by half. */
export function tallyTable(
  rows: Map<string, Tally>,
  measure: string,
): string[] {
  const lines = [
    `| family | corpus | ${measure}, tuning half | ${measure}, held-out half | ${measure}, both |`,
    '| --- | --- | ---: | ---: | ---: |',
  ];
  for (const key of [...rows.keys()].sort()) {
    const tally = rows.get(key) as Tally;
    const [family, corpus] = key.split('\u0000');
    lines.push(
      `| ${family} | ${corpus} | ${cell(tally, 0)} | ${cell(tally, 1)} | ${allCell(tally)} |`,
    );
  }
  return lines;
}

/** Lists the benign samples that were reported, by source and test id. */
export function falsePositiveList(flagged: FalsePositive[]): string[] {
  if (flagged.length === 0) {
    return ['No benign sample was reported.'];
  }
  const names = flagged.map(
    (item) => item.testId ?? `${item.source.split('/')[1]}:${item.line}`,
  );
  return [
    `Reported benign samples (libinjection file:line or CRS rule-test): ${names.join(', ')}.`,
  ];
}

export function formatSpread(value: Spread, digits: number): string {
  return `${value.median.toFixed(digits)} (${value.min.toFixed(digits)} to ${value.max.toFixed(digits)})`;
}
