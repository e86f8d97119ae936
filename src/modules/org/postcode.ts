/** Dutch postcode: four digits (not starting with 0) and two letters; SA, SD and SS are never issued. */
const POSTCODE = /^([1-9][0-9]{3}) ?([A-Za-z]{2})$/;

/** '3011 ab' → '3011AB'; null when it is not a valid Dutch postcode. */
export function normalisePostcode(input: string): string | null {
  const m = POSTCODE.exec(input.trim());
  if (!m) return null;
  const letters = m[2]!.toUpperCase();
  if (['SA', 'SD', 'SS'].includes(letters)) return null;
  return `${m[1]}${letters}`;
}

/** '3011AB' → '3011 AB' for display. */
export const formatPostcode = (pc: string) => `${pc.slice(0, 4)} ${pc.slice(4)}`;

/** `line`: the row's line number in the file (1 = header), for error messages. */
export type PostcodeRangeRow = { from: string; to: string; district: string; line: number };

/**
 * Parses the postcode import CSV: header `from,to,district` (or with semicolons, as Dutch
 * spreadsheets save), one inclusive range per line. Returns every problem with its line number.
 */
export function parsePostcodeCsv(text: string): { rows: PostcodeRangeRow[]; errors: { line: number; message: string }[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: PostcodeRangeRow[] = [];
  const errors: { line: number; message: string }[] = [];
  const sep = (lines[0] ?? '').includes(';') ? ';' : ',';
  const header = (lines[0] ?? '').split(sep).map((h) => h.trim().toLowerCase());
  const idx = { from: header.indexOf('from'), to: header.indexOf('to'), district: header.indexOf('district') };
  if (idx.from < 0 || idx.to < 0 || idx.district < 0) {
    return { rows, errors: [{ line: 1, message: 'Kopregel moet from, to en district bevatten / header must contain from, to, district' }] };
  }
  lines.slice(1).forEach((line, i) => {
    const n = i + 2;
    if (!line.trim()) return;
    const cells = line.split(sep).map((c) => c.trim().replace(/^"|"$/g, ''));
    const from = normalisePostcode(cells[idx.from] ?? '');
    const to = normalisePostcode(cells[idx.to] ?? '');
    const district = cells[idx.district] ?? '';
    if (!from) errors.push({ line: n, message: `ongeldige postcode '${cells[idx.from] ?? ''}' / invalid postcode` });
    else if (!to) errors.push({ line: n, message: `ongeldige postcode '${cells[idx.to] ?? ''}' / invalid postcode` });
    else if (from > to) errors.push({ line: n, message: `'${from}' ligt na '${to}' / range is reversed` });
    else if (!district) errors.push({ line: n, message: 'wijk ontbreekt / district missing' });
    else rows.push({ from, to, district, line: n });
  });
  return { rows, errors };
}
