/**
 * The half-year council report (Raadsmonitor welzijn, zorg en jeugdhulp): the figures Wegwijs
 * holds, as tables with the definition of each indicator printed under it. Pure: the job in
 * council-report-store.ts gathers the (already suppressed) figures; this lays them out and
 * renders HTML and CSV (PDF: council-report-pdf.ts). Counts arrive through the disclosure rule:
 * null is a cell about 1–4 clients and prints as "< 5".
 */
import type { ContactFigures } from '../intake/schemas.ts';
import { contactOutcomeLabels, type ContactOutcome } from '../intake/contact-outcome.ts';
import type { IsoDate } from '../legal-terms/legal-terms.ts';
import { councilChannelLabels, type CouncilChannel } from './council-channels.ts';
import type { TeamResult } from '../satisfaction/results.ts';
import type { ServiceNormFigures } from './schemas.ts';

/** A half year as the council names it: `2026-H1` (January–June) or `2026-H2` (July–December). */
export const HALF_YEAR = /^(\d{4})-H([12])$/;

export function halfYearPeriod(period: string): { from: IsoDate; to: IsoDate } | null {
  const m = HALF_YEAR.exec(period);
  if (!m) return null;
  return m[2] === '1' ? { from: `${m[1]}-01-01`, to: `${m[1]}-06-30` } : { from: `${m[1]}-07-01`, to: `${m[1]}-12-31` };
}

export type Cell = string | number | null;
export type ReportTable = {
  /** Stable id, also the CSV file's name. */
  id: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  /** What each indicator means, printed under the table. */
  definitions: string[];
};
export type CouncilReport = {
  period: string; from: IsoDate; to: IsoDate;
  /** Open items counted as they stood on this day; before `to` the report is interim. */
  asOf: IsoDate;
  generatedAt: string;
  tables: ReportTable[];
};

const SUPPRESSED = '< 5';
const DISCLOSURE = 'Aantallen over 1 tot 4 cliënten staan er als "< 5" niet in; alle andere aantallen, ook totalen, zijn afgerond op een veelvoud van 5. '
  + 'Een percentage, mediaan of p90 staat er alleen als het over minstens 5 cliënten gaat.';

const INDICATOR_TEXT: Record<string, { title: string; definition: (amount: number, unit: string) => string }> = {
  wmo_assessment: { title: 'Wmo: melding → verslag van het onderzoek',
    definition: (a, u) => `Dagen van de Wmo-melding tot het verslag van het onderzoek (of een aanvraag zonder verslag). Norm: ${a} ${unitNl(u)} (Wmo 2015 art. 2.3.2), met de pauzes die de wet toestaat en verschoven volgens de Algemene termijnenwet.` },
  wmo_decision: { title: 'Wmo: aanvraag → beschikking',
    definition: (a, u) => `Dagen van de aanvraag tot de beschikking. Norm: ${a} ${unitNl(u)} (Wmo 2015 art. 2.3.5), plus een verlenging die de cliënt is meegedeeld (Awb 4:14).` },
  neighbourhood_plan: { title: 'Wijkteam: verwijzing → ondersteuningsplan',
    definition: (a, u) => `Dagen van de dag dat de verwijzing binnenkwam tot het afgesproken ondersteuningsplan. Servicenorm: ${a} ${unitNl(u)}.` },
};
const THEME_NL: Record<string, string> = { access: 'Toegang', quality: 'Kwaliteit', effect: 'Effect' };
const unitNl = (u: string) => ({ days: 'dagen', weeks: 'weken', months: 'maanden' } as Record<string, string>)[u] ?? u;

/** Lays out the figures as the council report's tables. */
export function councilReport(input: { period: string; from: IsoDate; to: IsoDate; asOf: IsoDate; generatedAt: string;
  contacts: ContactFigures; serviceNorms: ServiceNormFigures; satisfaction: readonly (TeamResult & { teamName: string })[];
  /** The target groups the council asks about, counted over distinct clients through the disclosure rule. */
  targetGroups: { sofaSurfers: number | null } }): CouncilReport {
  const { contacts, serviceNorms } = input;
  const period = `${input.from} t/m ${input.to}`;
  const channelLabel = (c: string) => councilChannelLabels[c as CouncilChannel]?.nl ?? c;
  const tables: ReportTable[] = [
    {
      id: 'contacten-per-kanaal', title: `Contacten per kanaal, ${period}`, columns: ['Kanaal', 'Contacten'],
      rows: [...contacts.byChannel.map((r) => [channelLabel(r.channel), r.count]), ['Totaal', contacts.total]],
      definitions: [
        'Contacten aan de voordeur (VraagWijzer, stadsloketten, CJG, wijkteams) met hun contactdatum (Nederlandse tijd) in de periode, anonieme contacten meegeteld.',
        'Wegwijs registreert vier kanalen (telefoon, digitaal, balie, huisbezoek); de raad telt er drie: balie en huisbezoek staan hier samen als "persoonlijk".',
        DISCLOSURE,
      ],
    },
    {
      id: 'contacten-per-loket', title: `Contacten per loket of team, ${period}`, columns: ['Loket of team', 'Contacten'],
      rows: contacts.byDesk.map((r) => [r.teamName, r.count]),
      definitions: ['Het loket of team dat het contact registreerde.', DISCLOSURE],
    },
    {
      id: 'contacten-per-uitkomst', title: `Contacten per uitkomst, ${period}`, columns: ['Uitkomst', 'Contacten'],
      rows: contacts.byOutcome.map((r) => [`${r.outcome}. ${contactOutcomeLabels[r.outcome as ContactOutcome]?.nl ?? ''}`, r.count]),
      definitions: ['De zes uitkomsten van een contact aan de voordeur, genummerd zoals de loketten ze kennen.', DISCLOSURE],
    },
    {
      id: 'servicenormen', title: `Servicenormen (doorlooptijden), ${period}`,
      columns: ['Indicator', 'Team', 'Afgerond', 'Mediaan (dagen)', 'p90 (dagen)', '% binnen de norm', `Open op ${input.asOf}`, 'Dreigt te laat', 'Te laat'],
      rows: serviceNorms.rows.map((r) => [INDICATOR_TEXT[r.indicator]?.title ?? r.indicator, r.teamName, r.done, r.medianDays, r.p90Days,
        r.withinNormPct, r.open, r.atRisk, r.overdue]),
      definitions: [
        ...serviceNorms.norms.map((n) => `${INDICATOR_TEXT[n.indicator]?.title ?? n.indicator}: ${INDICATOR_TEXT[n.indicator]?.definition(n.amount, n.unit) ?? ''}`),
        'Afgerond: de stap is in de periode gezet. Mediaan en p90: kalenderdagen van start tot afronding, pauzes meegeteld (wat de cliënt wachtte). '
          + '% binnen de norm: het deel dat op of vóór de wettelijke of servicetermijn klaar was.',
        `Open, dreigt te laat, te laat: zoals het op ${input.asOf} stond${input.asOf < input.to ? ' (tussentijds: de periode loopt nog)' : ''}.`,
        DISCLOSURE,
      ],
    },
    {
      id: 'clientervaring-per-loket', title: `Cliëntervaring per loket of team, ${period}`,
      columns: ['Loket of team', 'Uitgenodigd', 'Ingevuld', 'Respons (%)', 'Gemiddeld rapportcijfer'],
      rows: input.satisfaction.map((r) => [r.teamName, r.invited, r.responses, r.responseRatePct, r.meanGrade]),
      definitions: [
        'Het cliëntervaringsonderzoek: cliënten met een afgerond Wmo-onderzoek, een contact of een afgesloten traject in de periode, per loket of team '
          + 'getrokken (niet wie bezwaar maakte, overleed of een afgeschermd veiligheidsdossier heeft), uitgenodigd via een eenmalige link of lettercode. '
          + 'Antwoorden worden zonder naam bewaard. Respons: het deel van de uitgenodigden dat de vragenlijst invulde; rapportcijfer 1–10.',
        DISCLOSURE,
      ],
    },
    {
      id: 'clientervaring-per-stelling', title: `Cliëntervaring per stelling, ${period}`,
      columns: ['Loket of team', 'Thema', 'Stelling', 'Beantwoord', '% (helemaal) eens'],
      rows: input.satisfaction.flatMap((r) => r.statements.map((st) => [r.teamName, THEME_NL[st.theme] ?? st.theme, st.text, st.answered, st.agreePct])),
      definitions: [
        'De standaardstellingen over toegang, kwaliteit en effect op een schaal van vijf (helemaal oneens – helemaal eens); "weet niet / n.v.t." telt niet mee. '
          + '% (helemaal) eens: het deel van wie de stelling beantwoordde dat eens of helemaal eens koos.',
        DISCLOSURE,
      ],
    },
    {
      id: 'doelgroepen', title: `Doelgroepen, ${period}`, columns: ['Doelgroep', 'Cliënten'],
      rows: [['Bankslapers (zonder eigen woning, slapen bij anderen op de bank)', input.targetGroups.sofaSurfers]],
      definitions: [
        'Bankslapers: cliënten bij wie een professional de woonsituatie "bankslaper" vastlegde (met de dag vanaf wanneer), en die dat op minstens één dag '
          + 'in de periode waren: de vastlegging telt tot de volgende vastlegging van een andere woonsituatie.',
        DISCLOSURE,
      ],
    },
  ];
  return { period: input.period, from: input.from, to: input.to, asOf: input.asOf, generatedAt: input.generatedAt, tables };
}

export const cellText = (c: Cell) => (c === null ? SUPPRESSED : typeof c === 'number' ? c.toLocaleString('nl-NL') : c);

/** One table as CSV (UTF-8 with BOM so that Excel reads the accents, `;` as Dutch spreadsheets expect). */
export function tableCsv(t: ReportTable): string {
  const field = (v: Cell) => {
    const s = v === null ? SUPPRESSED : String(v);
    return /[";\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `\uFEFF${[t.columns, ...t.rows].map((r) => r.map(field).join(';')).join('\r\n')}\r\n`;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The report as one accessible HTML page: headings, tables with captions and header cells, definitions under each. */
export function reportHtml(r: CouncilReport): string {
  const title = `Raadsmonitor welzijn, zorg en jeugdhulp — ${r.period}`;
  const table = (t: ReportTable) => `<section aria-labelledby="${t.id}">
<h2 id="${t.id}">${esc(t.title)}</h2>
<table>
<thead><tr>${t.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>
<tbody>${t.rows.length ? t.rows.map((row) => `<tr>${row.map((c, i) => (i === 0 ? `<th scope="row">${esc(cellText(c))}</th>` : `<td>${esc(cellText(c))}</td>`)).join('')}</tr>`).join('\n')
  : `<tr><td colspan="${t.columns.length}">Geen gegevens in deze periode.</td></tr>`}</tbody>
</table>
<h3>Definities</h3>
<ul>${t.definitions.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>
<p><a href="tables/${t.id}.csv" download>Deze tabel als CSV</a></p>
</section>`;
  return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left}td{text-align:right}
caption{text-align:left}a{color:#0b58a8}</style></head>
<body>
<main>
<h1>${esc(title)}</h1>
<p>Periode ${r.from} tot en met ${r.to}. Gemaakt op ${esc(r.generatedAt.slice(0, 16).replace('T', ' '))} (UTC) uit de registraties in Wegwijs.${r.asOf < r.to ? ` Tussentijds: de periode loopt nog; open zaken zoals op ${r.asOf}.` : ''}</p>
<p>Alleen totalen, nooit personen. <a href="report.pdf">Als PDF</a>.</p>
${r.tables.map(table).join('\n')}
</main>
</body>
</html>
`;
}
