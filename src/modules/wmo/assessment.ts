/**
 * The onderzoek as the law lists it (Wmo 2015 art. 2.3.2 lid 4, a–h): one field per item, so an
 * onderzoek shows what was looked at and what was not. Pure: the API schema, the melding page and
 * the verslag (report PDF) use the same list.
 */
export const ASSESSMENT_FIELDS = ['needs', 'ownStrength', 'informalCare', 'carerNeeds', 'generalProvisions', 'relatedSupport', 'fittingProvision',
  'personalContribution'] as const;
export type AssessmentField = (typeof ASSESSMENT_FIELDS)[number];

/** The Dutch heading of each item in the verslag, with the letter of art. 2.3.2 lid 4 it answers. */
export const ASSESSMENT_HEADINGS_NL: Record<AssessmentField, string> = {
  needs: 'Uw hulpvraag: wat u nodig heeft en wat u belangrijk vindt (a)',
  ownStrength: 'Wat u zelf kunt, en de hulp die huisgenoten gewoon geven (b)',
  informalCare: 'Hulp van mantelzorgers en mensen om u heen (c)',
  carerNeeds: 'Wat uw mantelzorger nodig heeft (d)',
  generalProvisions: 'Voorzieningen voor iedereen in de wijk (e)',
  relatedSupport: 'Samenhang met zorg, werk, school, inkomen en wonen (f)',
  fittingProvision: 'Welke ondersteuning past (g)',
  personalContribution: 'Eigen bijdrage (h)',
};
