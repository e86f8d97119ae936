/**
 * The client-experience survey (cliëntervaringsonderzoek): every municipality asks its Wmo clients
 * yearly how they experienced access, quality and effect of the support (Wmo 2015 art. 2.5.1), with
 * the standard statements of the model questionnaire. Pure: the server and the answering page use it.
 */

/** The three themes of the standard questionnaire: toegang, kwaliteit, effect. */
export const Theme = { Access: 'access', Quality: 'quality', Effect: 'effect' } as const;
export type Theme = (typeof Theme)[keyof typeof Theme];
export const THEMES = Object.values(Theme) as [Theme, ...Theme[]];

export type Statement = { key: string; theme: Theme; text: string };

/** The standard statements (DOMAIN §5), in our own words. A municipality may reword them: that is a new version. */
export const STANDARD_STATEMENTS: readonly Statement[] = [
  { key: 'knew_where', theme: Theme.Access, text: 'Ik wist waar ik met mijn vraag terecht kon.' },
  { key: 'helped_quickly', theme: Theme.Access, text: 'Ik werd snel geholpen.' },
  { key: 'taken_seriously', theme: Theme.Access, text: 'De medewerker nam mij serieus.' },
  { key: 'looked_together', theme: Theme.Access, text: 'De medewerker en ik hebben samen naar mijn situatie gekeken.' },
  { key: 'fits_question', theme: Theme.Quality, text: 'De ondersteuning past bij mijn hulpvraag.' },
  { key: 'quality_good', theme: Theme.Quality, text: 'Ik ben tevreden over de kwaliteit van de ondersteuning.' },
  { key: 'do_what_i_want', theme: Theme.Effect, text: 'Door de ondersteuning kan ik beter de dingen doen die ik wil.' },
  { key: 'manage_better', theme: Theme.Effect, text: 'Door de ondersteuning kan ik mij beter redden.' },
  { key: 'better_life', theme: Theme.Effect, text: 'Door de ondersteuning heb ik een betere kwaliteit van leven.' },
];

export const STANDARD_OPEN_QUESTION = 'Wilt u nog iets kwijt over de hulp die u kreeg?';
export const STANDARD_SURVEY = { code: 'cev', title: 'Cliëntervaringsonderzoek Wmo' } as const;

/** The 5-point agree scale; "weet niet / n.v.t." is sent as null and counts in no share. */
export const Agree = { StronglyDisagree: 1, Disagree: 2, Neutral: 3, Agree: 4, StronglyAgree: 5 } as const;
export type Agree = (typeof Agree)[keyof typeof Agree];
export const agreeLabels: Record<Agree, { nl: string; en: string }> = {
  1: { nl: 'Helemaal oneens', en: 'Strongly disagree' },
  2: { nl: 'Oneens', en: 'Disagree' },
  3: { nl: 'Niet eens, niet oneens', en: 'Neither agree nor disagree' },
  4: { nl: 'Eens', en: 'Agree' },
  5: { nl: 'Helemaal eens', en: 'Strongly agree' },
};
export const DONT_KNOW_LABEL = { nl: 'Weet niet / n.v.t.', en: "Don't know / not applicable" } as const;

/** A score counts as "(helemaal) eens" for the council's figure. */
export const isAgreement = (score: number | null) => score !== null && score >= Agree.Agree;

/** Whether two definitions say the same thing (then no new version is made). */
export function sameDefinition(a: { title: string; statements: readonly Statement[]; openQuestion: string | null },
  b: { title: string; statements: readonly Statement[]; openQuestion: string | null }): boolean {
  return a.title === b.title && a.openQuestion === b.openQuestion && a.statements.length === b.statements.length
    && a.statements.every((s, i) => s.key === b.statements[i]!.key && s.theme === b.statements[i]!.theme && s.text === b.statements[i]!.text);
}

/** The statements answered that the version does not have, or it lacks: the answer is refused. Every statement must be present (null = weet niet). */
export function answerProblems(statements: readonly Statement[], scores: Record<string, number | null>): string[] {
  const keys = new Set(statements.map((s) => s.key));
  return [...Object.keys(scores).filter((k) => !keys.has(k)), ...statements.filter((s) => !(s.key in scores)).map((s) => s.key)];
}
