import type { Channel } from '../intake/contact-outcome.ts';

/**
 * The council (Raadsmonitor) counts three channels; Wegwijs records four. Desk and home visit
 * are both "in person" for the council; the report says so under the table.
 */
export const CouncilChannel = { Phone: 'phone', Digital: 'digital', InPerson: 'in_person' } as const;
export type CouncilChannel = (typeof CouncilChannel)[keyof typeof CouncilChannel];

export const councilChannelOf = {
  phone: 'phone', digital: 'digital', desk: 'in_person', home_visit: 'in_person',
} as const satisfies Record<Channel, CouncilChannel>;

export const councilChannelLabels: Record<CouncilChannel, { nl: string; en: string }> = {
  phone: { nl: 'Telefonisch', en: 'Phone' }, digital: { nl: 'Digitaal', en: 'Digital' }, in_person: { nl: 'Persoonlijk', en: 'In person' },
};

/** SQL expression mapping a channel column to the council's three (built from the constant map above, no user input). */
export const councilChannelSql = (column: string) =>
  `CASE ${column} ${Object.entries(councilChannelOf).map(([k, v]) => `WHEN '${k}' THEN '${v}'`).join(' ')} ELSE ${column} END`;
