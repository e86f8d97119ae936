/**
 * How a front-door contact ends (DOMAIN.md §2): the six outcomes, numbered as the desks know them.
 * Pure constants, shared by server and UI.
 */
export const ContactOutcome = {
  /** informatie en advies: closed at the desk, may point to an algemene voorziening. */
  Advice: 1,
  /** doorverwijzing naar het wijkteam (basishulp): creates an open referral in the team's inbox. */
  NeighbourhoodTeam: 2,
  /** Wmo melding → onderzoek: creates the notification with its 6-week clock. */
  WmoNotification: 3,
  /** jeugdhulp route: creates an open referral in the CJG desk's inbox. */
  YouthCare: 4,
  /** city-desk route: (threatened) homelessness → maatschappelijke opvang / spoedopvang; an open referral in Centraal Onthaal Volwassenen's inbox. */
  CityDesk: 5,
  /** safety route: meldcode / Veilig Thuis; flags the client and notifies the team lead. */
  SafetySignal: 6,
} as const;
export type ContactOutcome = (typeof ContactOutcome)[keyof typeof ContactOutcome];

export const contactOutcomeLabels: Record<ContactOutcome, { nl: string; en: string }> = {
  1: { nl: 'Informatie en advies', en: 'Information and advice' },
  2: { nl: 'Doorverwijzing naar het wijkteam', en: 'Referral to the neighbourhood team' },
  3: { nl: 'Wmo-melding', en: 'Wmo notification' },
  4: { nl: 'Jeugdhulp', en: 'Youth care' },
  5: { nl: 'Centraal Onthaal (dak- en thuisloosheid)', en: 'City desk (homelessness)' },
  6: { nl: 'Veiligheidssignaal (meldcode)', en: 'Safety signal (reporting code)' },
};

/** Channels (kanalen) through which a contact reaches us. */
export const Channel = { Phone: 'phone', Digital: 'digital', Desk: 'desk', HomeVisit: 'home_visit' } as const;
export type Channel = (typeof Channel)[keyof typeof Channel];
export const CHANNELS = Object.values(Channel) as [Channel, ...Channel[]];
export const channelLabels: Record<Channel, { nl: string; en: string }> = {
  phone: { nl: 'Telefonisch', en: 'Phone' }, digital: { nl: 'Digitaal', en: 'Digital' },
  desk: { nl: 'Balie', en: 'At the desk' }, home_visit: { nl: 'Huisbezoek', en: 'Home visit' },
};
