import { DEMO_PROVIDERS } from '../indications/demo.ts';
import { endedAsPlanned, type MessageNumber, RetourCode, type Standard, StatusAanlevering, VerzoekAntwoord } from './codes.ts';
import { type AssignmentMessage, buildAssignmentRetour } from './assignment.ts';
import { assessClaim, type AssignmentForClaim, type Claim } from './claim.ts';
import { buildDeliveryRetour, parseStart, parseStop } from './delivery.ts';
import { composeMessage, sealOutgoing } from './messages.ts';
import { buildRequestRetour, parseAssignmentRequest, parseChangeRequest, requestKeys } from './request.ts';
import type { RuleContext } from './rules.ts';

/**
 * Example messages from a fixed demo dataset, built and sealed (XSD + rules) by the same code
 * as real messages: `wegwijs iwmo example <n> [--jeugd]`, tests and the benchmark start here.
 * Demo only: the BSNs are test numbers, the AGB codes those of the demo providers, the
 * municipality Rotterdam (CBS 0599). The jeugd category 40 is illustrative.
 */

export const DEMO_MUNICIPALITY = '0599';
export const DEMO_DATE = '2026-03-02';
const provider = DEMO_PROVIDERS[0].agbCode;

/** Demo products per standard: code → category, unit (WJ756), frequency (WMO757), tariff in eurocents. */
export const DEMO_PRODUCTS: Record<Standard, { code: string; category: string; unit: string; frequency: string; tariff: number; volume: number }[]> = {
  iwmo: [
    { code: '01A01', category: '01', unit: '04', frequency: '2', tariff: 3150, volume: 3 },
    { code: '02A01', category: '02', unit: '04', frequency: '2', tariff: 6200, volume: 2 },
  ],
  ijw: [
    { code: '40A01', category: '40', unit: '04', frequency: '2', tariff: 8500, volume: 2 },
    { code: '40A02', category: '40', unit: '16', frequency: '2', tariff: 4600, volume: 1 },
  ],
};

export const demoRuleContext = (standard: Standard): RuleContext => ({
  knownProducts: new Map(DEMO_PRODUCTS[standard].map((p) => [p.code, p.category])),
});

const client = { bsn: '999990019', birthDate: '1948-05-17', gender: '2' as const, lastName: 'Jansen', prefix: 'de', initials: 'M' };
const youth = { bsn: '999990020', birthDate: '2014-09-03', gender: '1' as const, lastName: 'Bakker', initials: 'T' };
const address = { street: 'Zaagmolenkade', houseNumber: '12', postcode: '3035KD', city: 'Rotterdam' };

const toMunicipality = (id: string) => ({ sender: provider, receiver: DEMO_MUNICIPALITY, id, date: DEMO_DATE });
const toProvider = (id: string) => ({ sender: DEMO_MUNICIPALITY, receiver: provider, id, date: DEMO_DATE });

/** The demo 301: two assignments for one client at one provider, numbered `first` and `first + 1`. */
export function demoAssignment(standard: Standard, messageId = '1', first = 1): AssignmentMessage {
  return {
    standard, header: toProvider(messageId),
    client: { ...(standard === 'iwmo' ? client : youth), address },
    products: DEMO_PRODUCTS[standard].map((p, i) => ({
      number: String(first + i), category: p.category, productCode: p.code,
      assignedOn: '2026-02-27', assignedAt: '10:15:00', from: '2026-03-01', to: '2026-12-31',
      scope: { volume: p.volume, unit: p.unit, frequency: p.frequency },
    })),
  };
}

function demoClaim(standard: Standard): Claim {
  const a = demoAssignment(standard);
  const performances = DEMO_PRODUCTS[standard].map((p, i) => {
    const volume = p.volume * 4;
    return {
      reference: `P${i + 1}`, number: a.products[i]!.number, category: p.category, productCode: p.code,
      period: { from: '2026-03-01', to: '2026-03-31' }, volume, unit: p.unit, tariff: p.tariff,
      amount: volume * p.tariff, debitCredit: 'D' as const,
    };
  });
  return {
    standard, header: { ...toMunicipality('D1'), date: '2026-04-03' }, number: 'DECL202603',
    period: { from: '2026-03-01', to: '2026-03-31' }, signedOn: '2026-04-03',
    total: performances.reduce((s, p) => s + p.amount, 0), totalDebitCredit: 'D',
    clients: [{ bsn: a.client.bsn, performances }],
  };
}

/** What the demo 301 assigned, for checking the demo claim. */
export function demoAssignmentsForClaim(standard: Standard): Map<string, AssignmentForClaim> {
  const a = demoAssignment(standard);
  return new Map(a.products.map((p, i) => [p.number, {
    bsn: a.client.bsn, category: p.category, productCode: p.productCode, unit: p.scope!.unit, from: p.from, to: p.to, tariffOn: () => DEMO_PRODUCTS[standard][i]!.tariff,
  }]));
}

/** A valid example of message `n` (iWmo, or iJw with `standard: 'ijw'`), sealed. */
export function exampleMessage(n: MessageNumber, standard: Standard): string {
  const ctx = demoRuleContext(standard);
  const a = demoAssignment(standard);
  const short = { bsn: a.client.bsn, birthDate: a.client.birthDate, gender: a.client.gender, lastName: a.client.lastName, prefix: a.client.prefix, initials: a.client.initials };
  const first = a.products[0]!;
  switch (n) {
    case '301':
      return composeMessage('301', a, { ...ctx, expectedAssignments: a.products.map((p) => p.number) });
    case '302': {
      const codes = { header: [RetourCode.Geen], client: [RetourCode.Geen], products: Object.fromEntries(a.products.map((p) => [p.number, [RetourCode.Geen]])) };
      return sealOutgoing('302', standard, buildAssignmentRetour(a, { id: 'R1', date: DEMO_DATE }, codes), ctx);
    }
    case '305':
      return composeMessage('305', { standard, header: toMunicipality('S1'), client: short, products: [
        { number: first.number, assignmentFrom: first.from, category: first.category, productCode: first.productCode, start: '2026-03-04', status: StatusAanlevering.Eerste },
      ] }, ctx);
    case '306': case '308': {
      const heen = exampleMessage(n === '306' ? '305' : '307', standard);
      const original = n === '306' ? parseStart(heen, standard) : parseStop(heen, standard);
      const codes = { header: [RetourCode.Geen], client: [RetourCode.Geen], products: Object.fromEntries(original.products.map((p) => [p.number, [RetourCode.Geen]])) };
      return sealOutgoing(n, standard, buildDeliveryRetour(original, n, { id: `R${n}`, date: DEMO_DATE }, codes), ctx);
    }
    case '307':
      return composeMessage('307', { standard, header: toMunicipality('E1'), client: short, products: [
        { number: first.number, assignmentFrom: first.from, category: first.category, productCode: first.productCode, start: '2026-03-04',
          reason: endedAsPlanned(standard), end: '2026-06-30', status: StatusAanlevering.Eerste },
      ] }, ctx);
    case '315':
      return composeMessage('315', { standard, header: toMunicipality('V1'), client: short, products: [
        { reference: 'REF-HA-0001', category: first.category, productCode: first.productCode, from: '2026-03-09', to: '2026-09-08',
          scope: first.scope, referrer: { type: '02', name: 'Huisartsenpraktijk Het Oude Noorden', agbCode: '01234567' } },
      ] }, ctx);
    case '317':
      return composeMessage('317', { standard, header: toMunicipality('W1'), bsn: a.client.bsn, reference: 'REF-W-0001', reason: '01',
        unchanged: [a.products[1]!.number],
        changed: [{ number: first.number, from: '2026-04-01', to: '2026-12-31', scope: { ...first.scope!, volume: first.scope!.volume + 1 } }],
        added: [] }, ctx);
    case '316': case '318': {
      const heen = exampleMessage(n === '316' ? '315' : '317', standard);
      const original = n === '316' ? parseAssignmentRequest(heen, standard) : parseChangeRequest(heen, standard);
      const codes = { header: [RetourCode.Geen], client: [RetourCode.Geen], products: Object.fromEntries(requestKeys(original).map((k) => [k, [RetourCode.Geen]])) };
      return sealOutgoing(n, standard, buildRequestRetour(original, { id: `R${n}`, date: DEMO_DATE }, codes), ctx);
    }
    case '319':
      return composeMessage('319', { standard, header: toProvider('A1'), reference: 'REF-HA-0001', answer: VerzoekAntwoord.InOnderzoek }, ctx);
    case '323':
      return composeMessage('323', demoClaim(standard), ctx);
    case '325': {
      const claim = demoClaim(standard);
      return composeMessage('325', { standard, header: { ...toProvider('DA1'), date: '2026-04-06' }, ...assessClaim(claim, demoAssignmentsForClaim(standard)) }, ctx);
    }
  }
}
