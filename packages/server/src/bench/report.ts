/** Writing the benchmark's report to standard output. */

export function writeLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 12345.6 as `12,346`. */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** Left-aligns the first cell and right-aligns the others, each to its column's width. */
export function formatTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return column === 0 ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd(),
  );
}
