import { newPdf, PdfFont } from '../../platform/pdf.ts';
import type { LetterBlock } from './decision.ts';

export type LetterHead = { sender: string; addressLines: string[]; reference: string; date: string; title: string; draft: boolean };

/**
 * The letter as a PDF (A4, DejaVu Sans so that every European name prints: platform/pdf.ts).
 * Uncompressed so that what it says can be found in the file (tests, archive search).
 */
export function letterPdf(head: LetterHead, blocks: readonly LetterBlock[]): Promise<Buffer> {
  const { doc, done } = newPdf({ margin: 64, title: head.title, author: head.sender, lang: 'nl-NL' });

  doc.font(PdfFont.Bold).fontSize(13).text(head.sender);
  doc.moveDown(2);
  doc.font(PdfFont.Regular).fontSize(11);
  for (const line of head.addressLines) doc.text(line);
  doc.moveDown();
  doc.text(`Datum: ${head.date}`);
  doc.text(`Kenmerk: ${head.reference}`);
  if (head.draft) {
    doc.moveDown();
    doc.font(PdfFont.Bold).text('CONCEPT - nog niet ondertekend en niet verstuurd');
  }
  doc.moveDown();
  for (const b of blocks) {
    if (b.kind === 'heading') {
      doc.moveDown(0.5).font(PdfFont.Bold).fontSize(12).text(b.text).fontSize(11);
    } else {
      doc.font(PdfFont.Regular).text(b.text, { paragraphGap: 6 });
    }
    doc.moveDown(0.5);
  }
  doc.end();
  return done;
}
