/** The audit log as a CSV file for the privacy officer's own analysis (a spreadsheet). Pure. */
type Row = {
  id: number; at: Date; actorName: string | null; actorRoles: string[]; onBehalfOf: string | null; action: string;
  processingActivity: string; clientId: string | null; clientName: string | null; outcome: string; breakGlassId: string | null;
};

const HEADER = ['nummer', 'tijdstip (Nederlandse tijd)', 'gebruiker', 'rollen', 'namens', 'actie', 'verwerking', 'client_id', 'client', 'uitkomst', 'noodtoegang'];

/**
 * One cell: quoted when needed; a value starting with = + - @ (or a tab / carriage return) gets a
 * leading apostrophe so a spreadsheet shows it instead of running it as a formula (CSV injection).
 */
export function csvCell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[";\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const dutchTime = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Semicolons, a byte-order mark and Dutch times (30-11-2026 15:03:12), as Dutch Excel opens them. `truncated`: a last line says more rows exist. */
export function auditCsv(rows: readonly Row[], truncated: boolean): string {
  const lines = [HEADER, ...rows.map((r) => [r.id, dutchTime.format(r.at).replace(',', ''), r.actorName, r.actorRoles.join(' '), r.onBehalfOf, r.action,
    r.processingActivity, r.clientId, r.clientName, r.outcome, r.breakGlassId ? 'ja' : ''])];
  const body = lines.map((l) => l.map(csvCell).join(';')).join('\r\n');
  return `\uFEFF${body}\r\n${truncated ? `${csvCell('# afgekapt: er zijn meer regels; kies een kortere periode')}\r\n` : ''}`;
}
