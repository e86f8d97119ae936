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

/** The header names of the import, Dutch first (`van;tot;wijk`); the English ones are still read. */
const HEADER = { from: ['van', 'from'], to: ['tot', 'to'], district: ['wijk', 'district'] } as const;

/**
 * Parses the postcode import CSV: header `van;tot;wijk` (or `from,to,district`; commas or
 * semicolons, as Dutch spreadsheets save), one inclusive range per line. Returns every problem
 * with its line number.
 */
export function parsePostcodeCsv(text: string): { rows: PostcodeRangeRow[]; errors: { line: number; message: string }[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: PostcodeRangeRow[] = [];
  const errors: { line: number; message: string }[] = [];
  const sep = (lines[0] ?? '').includes(';') ? ';' : ',';
  const header = (lines[0] ?? '').split(sep).map((h) => h.trim().toLowerCase());
  const column = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  const idx = { from: column(HEADER.from), to: column(HEADER.to), district: column(HEADER.district) };
  if (idx.from < 0 || idx.to < 0 || idx.district < 0) {
    return { rows, errors: [{ line: 1, message: 'de kopregel moet van, tot en wijk bevatten / header must contain van, tot, wijk (or from, to, district)' }] };
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

/** A range as people read it: '3031 AA–3036 ZZ (Oude Noorden)'. */
export const describeRange = (r: { from: string; to: string; districtName: string }) =>
  `${formatPostcode(r.from)}–${formatPostcode(r.to)} (${r.districtName})`;

/**
 * Every range that shares a postcode with one before it (sorted by start), paired with that one.
 * A postcode must lead to exactly one district, so any pair is refused. One sweep: O(n log n).
 */
export function findOverlaps<T extends { from: string; to: string }>(ranges: readonly T[]): [T, T][] {
  const sorted = [...ranges].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const pairs: [T, T][] = [];
  let reach: T | undefined; // the range seen so far that ends last
  for (const r of sorted) {
    if (reach && r.from <= reach.to) pairs.push([reach, r]);
    if (!reach || r.to > reach.to) reach = r;
  }
  return pairs;
}
