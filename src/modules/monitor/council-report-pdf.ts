import { newPdf, PdfFont } from '../../platform/pdf.ts';
import { type CouncilReport, cellText } from './council-report.ts';

/** The council report as a PDF (A4, the same tables and definitions as the HTML page). */
export function reportPdf(r: CouncilReport): Promise<Buffer> {
  // DejaVu Sans, uncompressed (platform/pdf.ts): the text stays findable (search tools, tests).
  const { doc, done } = newPdf({ margin: 50, title: `Raadsmonitor welzijn, zorg en jeugdhulp ${r.period}`, author: 'Wegwijs', lang: 'nl-NL' });
  const width = doc.page.width - 100;
  doc.font(PdfFont.Bold).fontSize(16).text(`Raadsmonitor welzijn, zorg en jeugdhulp — ${r.period}`);
  doc.moveDown(0.5).font(PdfFont.Regular).fontSize(10)
    .text(`Periode ${r.from} tot en met ${r.to}. Gemaakt op ${r.generatedAt.slice(0, 16).replace('T', ' ')} (UTC) uit de registraties in Wegwijs.${r.asOf < r.to ? ` Tussentijds: open zaken zoals op ${r.asOf}.` : ''} Alleen totalen, nooit personen.`);
  for (const t of r.tables) {
    doc.moveDown(1).font(PdfFont.Bold).fontSize(12).text(t.title, 50);
    // The first column takes what the others leave; numbers are narrow.
    const first = t.columns.length > 3 ? width * 0.3 : width * 0.6;
    const rest = (width - first) / Math.max(1, t.columns.length - 1);
    const row = (cells: string[], bold: boolean) => {
      const y = doc.y;
      doc.font(bold ? PdfFont.Bold : PdfFont.Regular).fontSize(8);
      let height = 0;
      cells.forEach((c, i) => {
        const x = 50 + (i === 0 ? 0 : first + (i - 1) * rest);
        const w = i === 0 ? first - 4 : rest - 4;
        height = Math.max(height, doc.heightOfString(c, { width: w }));
        doc.text(c, x, y, { width: w, align: i === 0 ? 'left' : 'right' });
      });
      doc.x = 50;
      doc.y = y + height + 3;
      if (doc.y > doc.page.height - 80) doc.addPage();
    };
    doc.moveDown(0.3);
    row(t.columns, true);
    if (t.rows.length === 0) row(['Geen gegevens in deze periode.'], false);
    for (const cells of t.rows) row(cells.map(cellText), false);
    doc.moveDown(0.3).font(PdfFont.Oblique).fontSize(8);
    for (const d of t.definitions) doc.text(`• ${d}`, 50, undefined, { width });
  }
  doc.end();
  return done;
}
