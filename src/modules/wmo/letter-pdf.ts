import PDFDocument from 'pdfkit';
import type { LetterBlock } from './decision.ts';

export type LetterHead = { sender: string; addressLines: string[]; reference: string; date: string; title: string; draft: boolean };

/**
 * The letter as a PDF (A4, Helvetica). Uncompressed so that what it says can be found in the file
 * (tests, archive search); a letter of a page or two stays small.
 */
export function letterPdf(head: LetterHead, blocks: readonly LetterBlock[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 64, compress: false, info: { Title: head.title, Author: head.sender } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });

  doc.font('Helvetica-Bold').fontSize(13).text(head.sender);
  doc.moveDown(2);
  doc.font('Helvetica').fontSize(11);
  for (const line of head.addressLines) doc.text(line);
  doc.moveDown();
  doc.text(`Datum: ${head.date}`);
  doc.text(`Kenmerk: ${head.reference}`);
  if (head.draft) {
    doc.moveDown();
    doc.font('Helvetica-Bold').text('CONCEPT - nog niet ondertekend en niet verstuurd');
  }
  doc.moveDown();
  for (const b of blocks) {
    if (b.kind === 'heading') {
      doc.moveDown(0.5).font('Helvetica-Bold').fontSize(12).text(b.text).fontSize(11);
    } else {
      doc.font('Helvetica').text(b.text, { paragraphGap: 6 });
    }
    doc.moveDown(0.5);
  }
  doc.end();
  return done;
}
