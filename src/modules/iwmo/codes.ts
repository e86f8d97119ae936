/**
 * iWmo / iJw 3.2 message kinds and the code lists Wegwijs uses (DOMAIN.md §4). Codes are the
 * standard's own values (Vektis COD002 BerichtCode, WJ756 Eenheid, WMO757 Frequentie, WMO002
 * RedenWijziging, WJ001 RetourCode …); names stay Dutch where they are wire names.
 */

/** The messages Wegwijs builds or reads, by their number (WMO301 / JW301 …). */
export const MESSAGE_NUMBERS = ['301', '302', '305', '306', '307', '308', '315', '316', '317', '318', '319', '323', '325'] as const;
export type MessageNumber = (typeof MESSAGE_NUMBERS)[number];

/** iWmo (Wmo 2015) or iJw (Jeugdwet): same structure, other namespaces, message codes and categories. */
export type Standard = 'iwmo' | 'ijw';

/** Vektis COD002 BerichtCode per message, for iWmo and iJw. */
export const BERICHT_CODE: Record<Standard, Record<MessageNumber, string>> = {
  iwmo: { 301: '414', 302: '415', 305: '418', 306: '419', 307: '420', 308: '421', 315: '444', 316: '445', 317: '480', 318: '481', 319: '482', 323: '484', 325: '485' },
  ijw: { 301: '436', 302: '437', 305: '438', 306: '439', 307: '440', 308: '441', 315: '446', 316: '447', 317: '486', 318: '487', 319: '488', 323: '490', 325: '491' },
};

/** The message's name as the standard writes it: WMO301, JW301. */
export const messageName = (standard: Standard, n: MessageNumber) => `${standard === 'iwmo' ? 'WMO' : 'JW'}${n}`;

/** Target namespace of a message schema, e.g. http://www.istandaarden.nl/iwmo/3_2/wmo301/schema. */
export const messageNamespace = (standard: Standard, n: MessageNumber) =>
  `http://www.istandaarden.nl/${standard}/3_2/${standard === 'iwmo' ? 'wmo' : 'jw'}${n}/schema`;
export const basisNamespace = (standard: Standard) => `http://www.istandaarden.nl/${standard}/3_2/basisschema/schema`;

/** Which way a message goes: g → a (municipality to provider) or a → g. */
export const FROM_MUNICIPALITY: ReadonlySet<MessageNumber> = new Set(['301', '302', '316', '318', '319', '325']);
/** Messages a provider sends to the municipality (the 302 goes that way too, with the 301's header). */
export const TO_MUNICIPALITY: ReadonlySet<MessageNumber> = new Set(['302', '305', '307', '315', '317', '323']);

export const BERICHT_VERSIE = '3';
export const BERICHT_SUBVERSIE = '2';
/** Version of Wegwijs' own schema files (src/modules/iwmo/xsd); sent as XsdVersie. */
export const XSD_VERSIE = { basisschema: '1.0.0', bericht: '1.0.0' } as const;
/** XsltVersie in retour messages: the version of the rule set applied. */
export const XSLT_VERSIE = '1.0.0';

/** Eenheid (WJ756) ↔ the indications module's unit names (indication-cost.ts). */
export const EENHEID = {
  minute: '01', hour: '04', etmaal: '14', dagdeel: '16', piece_output: '82', euro: '83', piece_effort: '84',
} as const;
/** Frequentie (WMO757). four_weeks has no iWmo code: such a product cannot be assigned in a 301. */
export const FREQUENTIE = { day: '1', week: '2', month: '4', total: '6' } as const;

/** RedenWijziging (WMO002 / JZ002) values Wegwijs sends on a changed assignment (docs/iwmo.md "Code lists"). */
export const RedenWijziging = {
  Verlenging: '04',
  /** Herbeoordeling: verkorting — also when the product or the volume changes: the assignment ends and a new one follows. */
  Verkorting: '05',
  /** Overstap naar andere aanbieder: the assignment ends because another provider takes over. */
  OverstapAanbieder: '09',
  /** Given wrongly: the end date equals the start date and the assignment counts as never sent. */
  Verwijderd: '13',
  AdministratieveCorrectie: '14',
} as const;

/** RedenBeeindiging (WMO588) examples from DOMAIN.md; 20 = temporary stop. */
export const RedenBeeindiging = { Overlijden: '02', VolgensPlan: '19', Tijdelijk: '20', Verhuizing: '31' } as const;
/** "Beëindigd volgens plan" in each list: 19 in the iWmo list (WMO588), 31 in the iJw list (JZ588), where 31 is a move in iWmo. */
export const endedAsPlanned = (standard: Standard): string => (standard === 'ijw' ? '31' : RedenBeeindiging.VolgensPlan);

/** StatusAanlevering (COD467). */
export const StatusAanlevering = { Eerste: '1', Gewijzigd: '2', Verwijderen: '3' } as const;

/** VerzoekAntwoord (WJ760) in a 319. */
export const VerzoekAntwoord = { Afgewezen: '1', InOnderzoek: '2' } as const;

/** RetourCode (WJ001) values Wegwijs uses in its retour messages (306, 308, 316, 318) and 325 answers. */
export const RetourCode = {
  Geen: '0200', // no remark
  Technisch: '0001', // rejected for technical reasons (XSD)
  NietBeoordeeld: '0233', // class not assessed
  TariefWijktAf: '0611', // claimed tariff differs from the contract
  NietGekoppeld: '9019', // cannot be linked to an assignment
  GeenActueleStart: '9069', // a stop without a current start
  IdentificatieNietUniek: '9056',
  CategorieWijktAf: '9339',
  CodeWijktAf: '9340',
  EenheidWijktAf: '9341',
  BedragFout: '9346',
} as const;

/** WMO020 product categories (DOMAIN.md §4); the first two characters of the local product code. */
export const WMO020 = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18'] as const;
