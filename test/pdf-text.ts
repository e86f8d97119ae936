/**
 * The text of an uncompressed PDF as written by pdfkit with its standard fonts: the hex strings of
 * every TJ array, decoded as WinAnsi (Latin-1 plus the euro sign at 0x80), one line per
 * array, whitespace collapsed. Enough to check what a letter says; not a general PDF parser.
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const lines = [...source.matchAll(/\[((?:<[0-9a-fA-F]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)].map((m) =>
    [...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1').replaceAll('\x80', '€')).join(''));
  return lines.join(' ').replace(/\s+/g, ' ');
}
