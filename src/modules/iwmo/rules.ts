import { isValidBsn } from '../clients/bsn.ts';
import { type MessageNumber, VerzoekAntwoord } from './codes.ts';
import type { AssignmentMessage, AssignmentRetour } from './assignment.ts';
import type { StartMessage, StopMessage } from './delivery.ts';
import type { AssignmentRequest, ChangeRequest, RequestAnswer } from './request.ts';
import type { Claim, ClaimAnswer } from './claim.ts';
import type { XmlProblem } from './xsd-validator.ts';

/**
 * The business rules of iWmo / iJw 3.2 messages that an XSD cannot express: the BSN
 * elfproef, known product codes, dates in order, one number per assignment, a 301's complete
 * set, sums that add up. Pure: each returns the problems found (empty = fine).
 */

export type RuleContext = {
  /** Product code → WMO020/JZ020 category of the products the municipality contracts. */
  knownProducts?: ReadonlyMap<string, string>;
  /** The numbers of every current assignment of this client at this provider: a 301 must carry exactly these. */
  expectedAssignments?: readonly string[];
};

const problem = (element: string, message: string): XmlProblem => ({ line: null, element, message });

function bsn(value: string, element: string): XmlProblem[] {
  return isValidBsn(value) ? [] : [problem(element, `BSN ${value} voldoet niet aan de elfproef / fails the elfproef`)];
}
function ordered(from: string | undefined, to: string | null | undefined, element: string, what: string): XmlProblem[] {
  return from && to && to < from ? [problem(element, `${what}: ${to} ligt voor ${from} / ends before it starts`)] : [];
}
function product(ctx: RuleContext, code: string | undefined, category: string | undefined, element: string): XmlProblem[] {
  if (!ctx.knownProducts || !code) return [];
  const known = ctx.knownProducts.get(code);
  if (known === undefined) return [problem(element, `Onbekende productcode ${code} / unknown product code`)];
  if (category !== undefined && known !== category) return [problem(element, `Product ${code} hoort bij categorie ${known}, niet ${category} / wrong category`)];
  return [];
}

export function assignmentRules(m: AssignmentMessage, ctx: RuleContext): XmlProblem[] {
  const out = [...bsn(m.client.bsn, 'Client/Bsn')];
  if (m.client.birthDate > m.header.date) out.push(problem('Client/Geboortedatum', 'Geboortedatum ligt na de dagtekening / birth date after the message date'));
  const seen = new Set<string>();
  for (const p of m.products) {
    const at = `ToegewezenProduct[${p.number}]`;
    if (seen.has(p.number)) out.push(problem(`${at}/ToewijzingNummer`, `ToewijzingNummer ${p.number} staat twee keer in het bericht / appears twice`));
    seen.add(p.number);
    out.push(...product(ctx, p.productCode, p.category, `${at}/Product`));
    out.push(...ordered(p.from, p.to, `${at}/Einddatum`, `Toewijzing ${p.number}`));
    if (p.assignedOn > m.header.date) out.push(problem(`${at}/Toewijzingsdatum`, 'Toewijzingsdatum ligt na de dagtekening / assigned after the message date'));
    if ((p.scope === undefined) === (p.budget === undefined)) out.push(problem(`${at}/Omvang`, 'Precies één van Omvang en Budget / exactly one of scope and budget'));
  }
  if (ctx.expectedAssignments) {
    const missing = ctx.expectedAssignments.filter((n) => !seen.has(n));
    const extra = [...seen].filter((n) => !ctx.expectedAssignments!.includes(n));
    if (missing.length) out.push(problem('ToegewezenProducten', `Niet de volledige set: ontbrekend ${missing.join(', ')} / not the complete set, missing ${missing.join(', ')}`));
    if (extra.length) out.push(problem('ToegewezenProducten', `Niet-actuele toewijzingen: ${extra.join(', ')} / assignments that are not current: ${extra.join(', ')}`));
  }
  return out;
}

const retourRules = (m: { bsn: string }): XmlProblem[] => bsn(m.bsn, 'Client/Bsn');

function deliveryRules(m: StartMessage | StopMessage, ctx: RuleContext): XmlProblem[] {
  const out = [...bsn(m.client.bsn, 'Client/Bsn')];
  for (const p of m.products) {
    const at = `${'end' in p ? 'StopProduct' : 'StartProduct'}[${p.number}]`;
    out.push(...product(ctx, p.productCode, p.category, `${at}/Product`));
    out.push(...ordered(p.assignmentFrom, p.start, `${at}/Begindatum`, `Levering ${p.number} begint voor de toewijzing / delivery starts before the assignment`));
    if ('end' in p) out.push(...ordered(p.start, p.end, `${at}/Einddatum`, `Levering ${p.number}`));
  }
  return out;
}

function requestRules(m: AssignmentRequest, ctx: RuleContext): XmlProblem[] {
  const out = [...bsn(m.client.bsn, 'Client/Bsn')];
  for (const p of m.products) {
    const at = `AangevraagdProduct[${p.reference}]`;
    out.push(...product(ctx, p.productCode, p.category, `${at}/Product`));
    out.push(...ordered(p.from, p.to, `${at}/ToewijzingEinddatum`, `Verzoek ${p.reference}`));
  }
  return out;
}

function changeRules(m: ChangeRequest, ctx: RuleContext): XmlProblem[] {
  const out = [...bsn(m.bsn, 'Client/Bsn')];
  if (!m.unchanged.length && !m.changed.length && !m.added.length) out.push(problem('Verzoek', 'Een verzoek om wijziging zonder producten / a change request without products'));
  for (const p of m.changed) out.push(...ordered(p.from, p.to, `TeWijzigenProduct[${p.number}]/Einddatum`, `Wijziging ${p.number}`));
  for (const p of m.added) {
    out.push(...product(ctx, p.productCode, p.category, 'NieuwProduct/Product'));
    out.push(...ordered(p.from, p.to, 'NieuwProduct/Einddatum', 'Nieuw product'));
  }
  return out;
}

function answerRules(m: RequestAnswer): XmlProblem[] {
  if (m.answer === VerzoekAntwoord.Afgewezen && !m.rejectionReason) return [problem('Antwoord/RedenAfwijzingVerzoek', 'Een afwijzing heeft een reden nodig / a rejection needs a reason')];
  if (m.answer !== VerzoekAntwoord.Afgewezen && m.rejectionReason) return [problem('Antwoord/RedenAfwijzingVerzoek', 'Alleen een afwijzing heeft een reden / only a rejection has a reason')];
  return [];
}

const signed = (amount: number, dc: 'D' | 'C') => (dc === 'D' ? amount : -amount);

function claimRules(m: Claim, ctx: RuleContext): XmlProblem[] {
  const out = [...ordered(m.period.from, m.period.to, 'DeclaratiePeriode', 'Declaratieperiode')];
  let sum = 0;
  for (const c of m.clients) {
    out.push(...bsn(c.bsn, `Client[${c.bsn}]/Bsn`));
    for (const p of c.performances) {
      const at = `Prestatie[${p.reference}]`;
      out.push(...product(ctx, p.productCode, p.category, `${at}/ProductCode`));
      out.push(...ordered(p.period.from, p.period.to, `${at}/ProductPeriode`, `Prestatie ${p.reference}`));
      if (p.period.from < m.period.from || p.period.to > m.period.to) out.push(problem(`${at}/ProductPeriode`, 'Productperiode valt buiten de declaratieperiode / outside the claim period'));
      sum += signed(p.amount, p.debitCredit);
    }
  }
  if (sum !== signed(m.total, m.totalDebitCredit)) out.push(problem('TotaalIngediendBedrag', `Totaal ${m.total} is niet de som van de prestaties (${sum}) / total is not the sum`));
  return out;
}

function claimAnswerRules(m: ClaimAnswer): XmlProblem[] {
  const out: XmlProblem[] = [];
  let sum = 0;
  for (const c of m.clients) {
    out.push(...bsn(c.bsn, `Client[${c.bsn}]/Bsn`));
    for (const p of c.performances) {
      if (p.granted > p.amount) out.push(problem(`Prestatie[${p.reference}]/ToegekendBedrag`, 'Meer toegekend dan gedeclareerd / granted more than claimed'));
      sum += signed(p.granted, p.debitCredit);
    }
  }
  if (sum !== signed(m.granted, m.grantedDebitCredit)) out.push(problem('TotaalToegekendBedrag', `Totaal toegekend ${m.granted} is niet de som (${sum}) / granted total is not the sum`));
  return out;
}

/** The rules of one message, by its number. */
export function rulesOf(n: MessageNumber, m: unknown, ctx: RuleContext): XmlProblem[] {
  switch (n) {
    case '301': return assignmentRules(m as AssignmentMessage, ctx);
    case '302': case '306': case '308': case '316': case '318': return retourRules(m as AssignmentRetour);
    case '305': case '307': return deliveryRules(m as StartMessage | StopMessage, ctx);
    case '315': return requestRules(m as AssignmentRequest, ctx);
    case '317': return changeRules(m as ChangeRequest, ctx);
    case '319': return answerRules(m as RequestAnswer);
    case '323': return claimRules(m as Claim, ctx);
    case '325': return claimAnswerRules(m as ClaimAnswer);
  }
}
