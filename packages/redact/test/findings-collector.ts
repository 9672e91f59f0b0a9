import type { FindingSink } from '../src';

/** A finding as passed to a sink. */
export interface Finding {
  type: string;
  path: string;
}

/** Returns a sink together with the list it appends every finding to. */
export function collectFindings(): { sink: FindingSink; findings: Finding[] } {
  const findings: Finding[] = [];
  return { sink: (finding) => findings.push(finding), findings };
}
