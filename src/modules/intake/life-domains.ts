/**
 * The nine problem areas of basishulp [Rotterdam], used as a contact's and a case's life domains
 * (leefgebieden). Pure constants; the UI imports them for its checkboxes.
 */
export const LifeDomain = {
  GrowingUpAndParenting: 'growing_up_parenting',
  FinancesAndDebts: 'finances_debts',
  WorkAndDaytimeActivities: 'work_daytime',
  Housing: 'housing',
  Ageing: 'ageing',
  LivingWithADisability: 'disability',
  MentalHealth: 'mental_health',
  DomesticViolence: 'domestic_violence',
  Addiction: 'addiction',
} as const;
export type LifeDomain = (typeof LifeDomain)[keyof typeof LifeDomain];
export const LIFE_DOMAINS = Object.values(LifeDomain) as [LifeDomain, ...LifeDomain[]];

export const lifeDomainLabels: Record<LifeDomain, { nl: string; en: string }> = {
  growing_up_parenting: { nl: 'Opgroeien en opvoeden', en: 'Growing up and parenting' },
  finances_debts: { nl: 'Financiën en schulden', en: 'Finances and debts' },
  work_daytime: { nl: 'Werk en dagbesteding', en: 'Work and daytime activities' },
  housing: { nl: 'Wonen', en: 'Housing' },
  ageing: { nl: 'Ouder worden', en: 'Growing older' },
  disability: { nl: 'Leven met een beperking', en: 'Living with a disability' },
  mental_health: { nl: 'Geestelijke gezondheid', en: 'Mental health' },
  domestic_violence: { nl: 'Huiselijk geweld', en: 'Domestic violence' },
  addiction: { nl: 'Verslavingen', en: 'Addiction' },
};

/** How urgent a question is; 'crisis' asks for action the same day. */
export const Urgency = { Normal: 'normal', Urgent: 'urgent', Crisis: 'crisis' } as const;
export type Urgency = (typeof Urgency)[keyof typeof Urgency];
export const URGENCIES = Object.values(Urgency) as [Urgency, ...Urgency[]];
