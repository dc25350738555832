// Plain-text tables in kubectl's style: upper-case headers, columns padded with three spaces,
// no borders, so `awk '{print $1}'` and eyes both work.

export interface Table {
  headers: readonly string[];
  rows: readonly (readonly string[])[];
}

const gap = '   ';

/** The table as lines ending in '\n'; missing cells print as empty, trailing spaces trimmed. */
export function renderTable(table: Table): string {
  const widths = table.headers.map((header, i) =>
    Math.max(header.length, ...table.rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    widths
      .map((width, i) => (cells[i] ?? '').padEnd(width))
      .join(gap)
      .trimEnd();
  return [line(table.headers), ...table.rows.map(line)].map((l) => `${l}\n`).join('');
}

/** `-` for a value that is not there (yet), so columns never collapse. */
export function cell(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null || value === '') return '-';
  return String(value);
}
