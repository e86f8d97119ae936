import { newPdf, PdfFont } from '../../platform/pdf.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';
import { agreementWayNl, goalStatusNl, memberRoleNl } from './plan.ts';
import type { HouseholdView } from './schemas.ts';

const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
/** "5 januari 2027": dates as people write them. */
const dateNl = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${months[m! - 1]} ${y}`;
};

/**
 * The household plan for the client, in plain Dutch (B1): who is in it, who the regisseur is,
 * when and how it was agreed, and per life domain what will happen, who does it and by when, with
 * how it is going. A4, DejaVu Sans (every European name prints), uncompressed so that what it says can be found in the file.
 */
export function planPdf(h: HouseholdView, domainLabel: (code: string) => string): Promise<Buffer> {
  const { doc, done } = newPdf({ margin: 64, title: `Ons plan - ${h.name}`, author: 'Wegwijs', lang: 'nl-NL' });

  doc.font(PdfFont.Bold).fontSize(18).text(`Ons plan: ${h.name}`);
  doc.moveDown(0.5).font(PdfFont.Regular).fontSize(11);
  doc.text('In dit plan staat wat u wilt bereiken, wie wat doet en wanneer het klaar moet zijn. U kunt het plan altijd met ons bespreken.');
  doc.moveDown();
  doc.font(PdfFont.Bold).text('Wie horen bij dit plan');
  doc.font(PdfFont.Regular);
  for (const m of h.members) doc.text(`- ${m.name} (${memberRoleNl[m.role]})`);
  doc.moveDown(0.5);
  doc.text(h.coordinator ? `Uw vaste contactpersoon (regisseur) is ${h.coordinator.name}.` : 'U krijgt nog een vaste contactpersoon (regisseur).');
  doc.text(h.plan.agreedOn && h.plan.agreedHow
    ? `We hebben dit plan met u afgesproken op ${dateNl(h.plan.agreedOn)}, ${agreementWayNl[h.plan.agreedHow]}.`
    : 'Dit plan is nog niet met u afgesproken.');
  doc.moveDown();

  if (h.plan.goals.length === 0) doc.text('Er staan nog geen doelen in het plan.');
  let domain: string | null = null;
  for (const g of h.plan.goals) {
    if (g.lifeDomain !== domain) {
      domain = g.lifeDomain;
      doc.moveDown(0.5).font(PdfFont.Bold).fontSize(13).text(domainLabel(domain)).fontSize(11);
    }
    doc.moveDown(0.3).font(PdfFont.Bold).text(`Doel: ${g.what}`);
    doc.font(PdfFont.Regular);
    doc.text(`Wie doet het: ${g.who}`);
    doc.text(`Klaar op: ${dateNl(g.dueOn)}`);
    doc.text(`Hoe gaat het: ${goalStatusNl[g.status]}`);
    const last = g.notes.at(-1);
    if (last) doc.text(`Laatste nieuws (${dateNl(last.on)}): ${last.note}`);
  }
  doc.moveDown(2).fontSize(9).text(`Gemaakt op ${dateNl(amsterdamDate(new Date()))}.`);
  doc.end();
  return done;
}
