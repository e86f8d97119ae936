/**
 * The Zelfredzaamheid-Matrix (ZRM, 2017 edition): 13 domains, each scored 1–5 on the situation of
 * the last 30 days, at intake, at evaluations and at closure of a trajectory (DOMAIN §3.3). The
 * change between the first and the latest score is an outcome measure. Pure: the UI shares it.
 */
export const ZrmDomain = {
  Finances: 'finances', WorkEducation: 'work_education', TimeUse: 'time_use', Housing: 'housing',
  DomesticRelations: 'domestic_relations', MentalHealth: 'mental_health', PhysicalHealth: 'physical_health',
  SubstanceUse: 'substance_use', BasicAdl: 'basic_adl', InstrumentalAdl: 'instrumental_adl', SocialNetwork: 'social_network',
  SocialParticipation: 'social_participation', Justice: 'justice',
} as const;
export type ZrmDomain = (typeof ZrmDomain)[keyof typeof ZrmDomain];
export const ZRM_DOMAINS = Object.values(ZrmDomain) as [ZrmDomain, ...ZrmDomain[]];

/** The matrix's own Dutch names, in its order. */
export const zrmDomainLabelNl: Record<ZrmDomain, string> = {
  finances: 'Financiën', work_education: 'Werk & opleiding', time_use: 'Tijdsbesteding', housing: 'Huisvesting',
  domestic_relations: 'Huiselijke relaties', mental_health: 'Geestelijke gezondheid', physical_health: 'Lichamelijke gezondheid',
  substance_use: 'Middelengebruik', basic_adl: 'Basale ADL', instrumental_adl: 'Instrumentele ADL', social_network: 'Sociaal netwerk',
  social_participation: 'Maatschappelijke participatie', justice: 'Justitie',
};

/** 1 acute problematiek · 2 niet zelfredzaam · 3 beperkt zelfredzaam · 4 voldoende zelfredzaam · 5 volledig zelfredzaam. */
export const ZRM_SCORES = [1, 2, 3, 4, 5] as const;
export type ZrmScore = (typeof ZRM_SCORES)[number];
export type ZrmScores = Record<ZrmDomain, ZrmScore>;

/** When a matrix is scored: once at intake, at each evaluation, once at closure. */
export const ZrmMoment = { Intake: 'intake', Evaluation: 'evaluation', Closure: 'closure' } as const;
export type ZrmMoment = (typeof ZrmMoment)[keyof typeof ZrmMoment];
export const ZRM_MOMENTS = Object.values(ZrmMoment) as [ZrmMoment, ...ZrmMoment[]];

/**
 * Why this moment cannot be scored after the ones already scored, or null: the intake comes first
 * and once; after the closure nothing follows (a re-opened trajectory starts its own matrix).
 */
export function zrmMomentRefusal(previous: readonly ZrmMoment[], next: ZrmMoment): { code: string; message: string } | null {
  if (previous.includes('closure')) return { code: 'zrm_after_closure', message: 'De ZRM van de afsluiting is al gescoord / The closing ZRM has been scored already' };
  if (next === 'intake' && previous.length > 0) return { code: 'zrm_intake_twice', message: 'De ZRM van de intake is al gescoord / The intake ZRM has been scored already' };
  if (next !== 'intake' && previous.length === 0) return { code: 'zrm_intake_first', message: 'Scoor eerst de ZRM van de intake / Score the intake ZRM first' };
  return null;
}

export type ZrmChange = { domain: ZrmDomain; from: ZrmScore; to: ZrmScore; delta: number };

/** Per domain, the first score and the latest (assessments oldest first); empty with fewer than two. */
export function zrmChange(assessments: readonly { scores: ZrmScores }[]): ZrmChange[] {
  if (assessments.length < 2) return [];
  const first = assessments[0]!.scores;
  const last = assessments.at(-1)!.scores;
  return ZRM_DOMAINS.map((domain) => ({ domain, from: first[domain], to: last[domain], delta: last[domain] - first[domain] }));
}

/** "Huisvesting: 2 → 4": the change of one domain in words, as the plan and the trajectory page show it. */
export const zrmChangeText = (c: Pick<ZrmChange, 'domain' | 'from' | 'to'>, label: (d: ZrmDomain) => string = (d) => zrmDomainLabelNl[d]) =>
  `${label(c.domain)}: ${c.from} → ${c.to}`;
