/**
 * The text of an uncompressed PDF as written by pdfkit: every TJ array in the order written, one
 * line per array, whitespace collapsed. An embedded font (our DejaVu Sans, src/platform/pdf.ts)
 * writes glyph ids, which are read back through that font's ToUnicode map; a standard font writes
 * WinAnsi (Latin-1 plus the euro sign at 0x80). Enough to check what a letter says; not a general
 * PDF parser.
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const objects = new Map([...source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)].map((m) => [m[1]!, m[2]!]));
  // Font resource name (F1, F2…) → glyph id → text, from each font's ToUnicode CMap (bfrange with arrays, as pdfkit writes it).
  const toUnicode = new Map<string, Map<number, string>>();
  for (const [, name, ref] of source.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const cmapRef = objects.get(ref!)?.match(/\/ToUnicode (\d+) 0 R/)?.[1];
    if (!cmapRef || toUnicode.has(name!)) continue;
    const glyphs = new Map<number, string>();
    for (const [, start, entries] of (objects.get(cmapRef) ?? '').matchAll(/<([0-9a-fA-F]+)> <[0-9a-fA-F]+> \[([^\]]*)\]/g)) {
      [...entries!.matchAll(/<([0-9a-fA-F ]*)>/g)].forEach((e, i) => {
        const units = e[1]!.split(' ').filter((u) => u.length > 0).map((u) => Number.parseInt(u, 16));
        glyphs.set(Number.parseInt(start!, 16) + i, String.fromCharCode(...units));
      });
    }
    toUnicode.set(name!, glyphs);
  }
  const lines: string[] = [];
  let font: Map<number, string> | undefined;
  // Between two hex strings: an optional kerning number, then spaces; unambiguous, so a long CMap array (no TJ after it) fails fast.
  for (const m of source.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>(?:\s*-?[\d.]+)?\s*)+)\]\s*TJ/g)) {
    if (m[1]) { font = toUnicode.get(m[1]); continue; }
    const hexes = [...m[2]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!);
    lines.push(hexes.map((h) => (font
      ? (h.match(/.{4}/g) ?? []).map((g) => font!.get(Number.parseInt(g, 16)) ?? '').join('')
      : Buffer.from(h, 'hex').toString('latin1').replaceAll('\x80', '€'))).join(''));
  }
  return lines.join(' ').replace(/\s+/g, ' ');
}
