/**
 * CRS rules of the detector families that run only at paranoia levels 3
 * and 4, taken from the `paranoia-level/N` tags in the rule files of
 * coreruleset/coreruleset at commit 2cbd1d019cb7 (July 2026). Their
 * tests are mostly fragments that are harmless alone (a run of special
 * characters, a quoted name), so the bench also reports detection without
 * them. Every other rule of those families is at level 1 or 2.
 */
export const HIGH_PARANOIA_RULES: ReadonlySet<number> = new Set([
  932190, 932232, 932237, 932238, 932290, 932301, 932311, 932321, 932331,
  932350, 934210, 942251, 942420, 942421, 942431, 942432, 942460, 942490,
  942511, 942530,
]);
