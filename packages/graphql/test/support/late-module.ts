/** A module that the code location test loads after its first lookup. */
export function lateFunction(): string {
  return 'late';
}
