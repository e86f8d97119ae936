import { RetourCode, type Standard, XSLT_VERSIE } from './codes.ts';
import { basisPrefix, headerNode, list, type MessageHeader, opt, type Parsed, parseHeader, parseXml, toXml, xsdVersie } from './xml.ts';

/**
 * WMO323 / JW323 (declaratie: what the provider delivered, per performance per period) and
 * WMO325 / JW325 (declaratie-antwoord: what the municipality grants, with retour codes).
 * Amounts are whole eurocents with D (debit) or C (credit).
 */

export type Performance = {
  /** ProductReferentie/ReferentieNummer: unique per provider; a credit names the debit it corrects. */
  reference: string; previousReference?: string;
  number: string; category: string; productCode: string;
  period: { from: string; to: string };
  volume: number; unit: string;
  tariff?: number;
  amount: number; debitCredit: 'D' | 'C';
};
export type Claim = {
  standard: Standard; header: MessageHeader;
  number: string; period: { from: string; to: string }; signedOn: string;
  total: number; totalDebitCredit: 'D' | 'C';
  clients: { bsn: string; performances: Performance[] }[];
};
export type AssessedPerformance = Performance & { granted: number; codes: string[] };
export type ClaimAnswer = {
  standard: Standard; header: MessageHeader;
  /** The claim's BerichtIdentificatie (DeclaratieIdentificatie). */
  claimId: { id: string; date: string };
  number: string;
  claimed: number; claimedDebitCredit: 'D' | 'C';
  granted: number; grantedDebitCredit: 'D' | 'C';
  clients: { bsn: string; performances: AssessedPerformance[]; codes: string[] }[];
  codes: string[];
};

const amount = (b: (n: string) => string, value: number, dc: string, total = false) =>
  ({ [b(total ? 'TotaalBedrag' : 'Bedrag')]: String(value), [b('DebetCredit')]: dc });

const performanceNode = (b: (n: string) => string, p: Performance) => ({
  ProductReferentie: { [b('ReferentieNummer')]: p.reference, [b('VorigReferentieNummer')]: p.previousReference },
  ToewijzingNummer: p.number,
  ProductCategorie: p.category,
  ProductCode: p.productCode,
  ProductPeriode: { [b('Begindatum')]: p.period.from, [b('Einddatum')]: p.period.to },
  GeleverdVolume: String(p.volume),
  Eenheid: p.unit,
  ProductTarief: p.tariff === undefined ? undefined : String(p.tariff),
  IngediendBedrag: amount(b, p.amount, p.debitCredit),
});

const parsePerformance = (p: Parsed): Performance => ({
  reference: p.ProductReferentie.ReferentieNummer, previousReference: opt(p.ProductReferentie.VorigReferentieNummer),
  number: p.ToewijzingNummer, category: p.ProductCategorie, productCode: p.ProductCode,
  period: { from: p.ProductPeriode.Begindatum, to: p.ProductPeriode.Einddatum },
  volume: Number(p.GeleverdVolume), unit: p.Eenheid, tariff: opt(p.ProductTarief) === undefined ? undefined : Number(p.ProductTarief),
  amount: Number(p.IngediendBedrag.Bedrag), debitCredit: p.IngediendBedrag.DebetCredit as 'D' | 'C',
});

export function buildClaim(m: Claim): string {
  const b = basisPrefix(m.standard);
  return toXml(m.standard, '323', {
    Header: headerNode(m.standard, '323', m.header),
    Declaratie: {
      DeclaratieNummer: m.number,
      DeclaratiePeriode: { [b('Begindatum')]: m.period.from, [b('Einddatum')]: m.period.to },
      DeclaratieDagtekening: m.signedOn,
      TotaalIngediendBedrag: amount(b, m.total, m.totalDebitCredit, true),
      Clienten: { Client: m.clients.map((c) => ({ Bsn: c.bsn, Prestaties: { Prestatie: c.performances.map((p) => performanceNode(b, p)) } })) },
    },
  });
}

export function parseClaim(xml: string, standard: Standard): Claim {
  const m = parseXml(xml);
  const d = m.Declaratie;
  return {
    standard, header: parseHeader(m.Header), number: d.DeclaratieNummer,
    period: { from: d.DeclaratiePeriode.Begindatum, to: d.DeclaratiePeriode.Einddatum }, signedOn: d.DeclaratieDagtekening,
    total: Number(d.TotaalIngediendBedrag.TotaalBedrag), totalDebitCredit: d.TotaalIngediendBedrag.DebetCredit as 'D' | 'C',
    clients: list(d.Clienten.Client).map((c) => ({ bsn: c.Bsn, performances: list(c.Prestaties.Prestatie).map(parsePerformance) })),
  };
}

export function buildClaimAnswer(m: ClaimAnswer): string {
  const b = basisPrefix(m.standard);
  const codes = (xs: string[]) => ({ RetourCode: xs.length ? xs : [RetourCode.Geen] });
  return toXml(m.standard, '325', {
    Header: {
      ...headerNode(m.standard, '325', m.header),
      DeclaratieIdentificatie: { [b('Identificatie')]: m.claimId.id, [b('Dagtekening')]: m.claimId.date },
      XsltVersie: XSLT_VERSIE,
      XsdVersieDeclaratie: xsdVersie(b),
      RetourCodes: codes([]),
    },
    DeclaratieAntwoord: {
      DeclaratieNummer: m.number,
      TotaalIngediendBedrag: amount(b, m.claimed, m.claimedDebitCredit, true),
      TotaalToegekendBedrag: amount(b, m.granted, m.grantedDebitCredit, true),
      Clienten: m.clients.length ? {
        Client: m.clients.map((c) => ({
          Bsn: c.bsn,
          Prestaties: { Prestatie: c.performances.map((p) => ({ ...performanceNode(b, p), ToegekendBedrag: amount(b, p.granted, p.debitCredit), RetourCodes: codes(p.codes) })) },
          RetourCodes: codes(c.codes),
        })),
      } : undefined,
      RetourCodes: codes(m.codes),
    },
  });
}

export function parseClaimAnswer(xml: string, standard: Standard): ClaimAnswer {
  const m = parseXml(xml);
  const a = m.DeclaratieAntwoord;
  return {
    standard, header: parseHeader(m.Header),
    claimId: { id: m.Header.DeclaratieIdentificatie.Identificatie, date: m.Header.DeclaratieIdentificatie.Dagtekening },
    number: a.DeclaratieNummer,
    claimed: Number(a.TotaalIngediendBedrag.TotaalBedrag), claimedDebitCredit: a.TotaalIngediendBedrag.DebetCredit as 'D' | 'C',
    granted: Number(a.TotaalToegekendBedrag.TotaalBedrag), grantedDebitCredit: a.TotaalToegekendBedrag.DebetCredit as 'D' | 'C',
    clients: list(a.Clienten?.Client).map((c) => ({
      bsn: c.Bsn, codes: list(c.RetourCodes.RetourCode),
      performances: list(c.Prestaties.Prestatie).map((p) => ({
        ...parsePerformance(p), granted: p.ToegekendBedrag ? Number(p.ToegekendBedrag.Bedrag) : 0, codes: list(p.RetourCodes.RetourCode),
      })),
    })),
    codes: list(a.RetourCodes.RetourCode),
  };
}

/** What the municipality assigned, to check a performance against (by ToewijzingNummer). */
export type AssignmentForClaim = {
  bsn: string; category: string; productCode: string; unit: string; from: string; to: string | null;
  /** The contract tariff in eurocents per unit on a day, or null when none applies. */
  tariffOn: (date: string) => number | null;
};

/**
 * Checks each claimed performance against its assignment and the contract tariff, and grants
 * what is right: a performance that cannot be linked, names another client, product or unit,
 * falls outside the assignment, or uses another tariff or miscalculates is granted 0 with the
 * retour code that says why. Pure, so the answer (325) is the same however often it is computed.
 */
export function assessClaim(claim: Claim, assignments: ReadonlyMap<string, AssignmentForClaim>): Omit<ClaimAnswer, 'header' | 'standard'> {
  let granted = 0;
  const clients = claim.clients.map((c) => ({
    bsn: c.bsn, codes: [] as string[],
    performances: c.performances.map((p): AssessedPerformance => {
      const a = assignments.get(p.number);
      const codes: string[] = [];
      if (!a || a.bsn !== c.bsn) codes.push(RetourCode.NietGekoppeld);
      else {
        if (a.category !== p.category) codes.push(RetourCode.CategorieWijktAf);
        if (a.productCode !== p.productCode) codes.push(RetourCode.CodeWijktAf);
        if (a.unit !== p.unit) codes.push(RetourCode.EenheidWijktAf);
        if (p.period.from < a.from || (a.to !== null && p.period.to > a.to) || p.period.to < p.period.from) codes.push(RetourCode.NietGekoppeld);
        const tariff = a.tariffOn(p.period.from);
        if (tariff === null || (p.tariff !== undefined && p.tariff !== tariff)) codes.push(RetourCode.TariefWijktAf);
        else if (p.amount !== p.volume * tariff) codes.push(RetourCode.BedragFout);
      }
      const ok = codes.length === 0;
      const value = ok ? p.amount : 0;
      granted += p.debitCredit === 'D' ? value : -value;
      return { ...p, granted: value, codes: codes.slice(0, 3) };
    }),
  }));
  return {
    claimId: { id: claim.header.id, date: claim.header.date }, number: claim.number,
    claimed: claim.total, claimedDebitCredit: claim.totalDebitCredit,
    granted: Math.abs(granted), grantedDebitCredit: granted < 0 ? 'C' : 'D',
    clients, codes: [],
  };
}
