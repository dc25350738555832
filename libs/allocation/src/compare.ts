// Plain code-unit string order, for sorts that must come out the same on every machine
// (localeCompare depends on the locale).
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
