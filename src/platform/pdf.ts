import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * The fonts every PDF of Wegwijs writes with: DejaVu Sans (package dejavu-fonts-ttf, Bitstream Vera
 * licence), embedded as a subset. pdfkit's built-in Helvetica speaks WinAnsi only, so "Łukasz",
 * "Nguyễn" or "Ğül" would print wrong; DejaVu covers every Latin script of Europe and Vietnam.
 */
export const PdfFont = { Regular: 'Sans', Bold: 'Sans-Bold', Oblique: 'Sans-Oblique' } as const;

const FILES: Record<string, string> = { [PdfFont.Regular]: 'DejaVuSans.ttf', [PdfFont.Bold]: 'DejaVuSans-Bold.ttf', [PdfFont.Oblique]: 'DejaVuSans-Oblique.ttf' };
let fonts: Map<string, Buffer> | null = null;
/** The font files, read once per process. */
function fontFiles(): Map<string, Buffer> {
  if (!fonts) {
    const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fonts = new Map(Object.entries(FILES).map(([name, file]) => [name, readFileSync(join(dir, file))]));
  }
  return fonts;
}

/**
 * A new A4 PDF with the Unicode fonts registered (PdfFont) and the regular one selected. Always
 * uncompressed: a few kilobytes more, and what it says stays findable (archive search, tests).
 * `done` resolves with the file once `doc.end()` is called.
 */
export function newPdf(options: { margin: number; title: string; author: string; lang?: string }): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const files = fontFiles();
  const doc = new PDFDocument({ size: 'A4', margin: options.margin, compress: false, font: files.get(PdfFont.Regular) as unknown as string,
    info: { Title: options.title, Author: options.author }, ...(options.lang ? { lang: options.lang } : {}) });
  for (const [name, file] of files) doc.registerFont(name, file);
  doc.font(PdfFont.Regular);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });
  return { doc, done };
}
