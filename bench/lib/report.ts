export interface BenchRow {
  /** what was measured, e.g. "bus p99 (ms)" */
  metric: string;
  /** one column per variant, e.g. { baseline: 0.2, suite: 3.1 } */
  values: Record<string, number | string>;
}

export interface BenchReport {
  title: string;
  /** machine, sizes, settings: printed above the table and kept in the JSON */
  context: Record<string, string | number>;
  rows: BenchRow[];
  notes?: string[];
}

export function renderTable(report: BenchReport): string {
  const columns = [...new Set(report.rows.flatMap((r) => Object.keys(r.values)))];
  const cell = (v: number | string | undefined) =>
    v === undefined ? '' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : v;
  const table = [
    ['metric', ...columns],
    ...report.rows.map((r) => [r.metric, ...columns.map((c) => cell(r.values[c]))]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const context = Object.entries(report.context).map(([k, v]) => `  ${k}: ${v}`);
  return [
    report.title,
    ...context,
    '',
    line(table[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...table.slice(1).map(line),
    ...(report.notes ?? []).map((n) => `\n${n}`),
  ].join('\n');
}
