/**
 * Names as the BRP (Basisregistratie Personen) keeps them: voornamen, voorvoegsel (e.g. 'van der'),
 * geslachtsnaam, and the aanduiding naamgebruik. Pure functions, shared by server and UI.
 */

/** Surname prefixes (voorvoegsels) that a searcher may type before the surname. Longest first. */
const PREFIXES = [
  'van de', 'van der', 'van den', 'van het', "van 't", 'in de', 'in het', 'op de', 'op den', 'op ten', 'uit de', 'uit den',
  'de la', 'de le', 'von der', 'van', 'de', 'den', 'der', 'het', "'t", 'ten', 'ter', 'te', 'la', 'le', 'du', 'von', 'el', 'al',
].sort((a, b) => b.length - a.length);

/**
 * Lowercase, no diacritics, single spaces: 'Çelik ' → 'celik', 'Dijkstra-Bakker' → 'dijkstra-bakker'.
 * NFKD, not NFD, so the ligature 'Ĳ' (as in 'Ĳsseldijk') becomes 'ij', as a searcher types it.
 */
export function normaliseName(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, ' ').trim();
}

/**
 * Splits what a searcher typed into prefix and surname key: 'Van der Berg' → { prefix: 'van der', key: 'berg' }.
 * A prefix alone ('van') is kept as the key, so nobody searches for everything.
 */
export function splitSurname(typed: string): { prefix: string | null; key: string } {
  const n = normaliseName(typed);
  for (const p of PREFIXES) {
    if (n.startsWith(`${p} `) && n.length > p.length + 1) return { prefix: p, key: n.slice(p.length + 1) };
  }
  return { prefix: null, key: n };
}

/** The key stored in clients.surname_key: the surname without its prefix, normalised. */
export function surnameKey(surnamePrefix: string | null | undefined, surname: string): string {
  const { key } = splitSurname(surnamePrefix ? `${surnamePrefix} ${surname}` : surname);
  return key;
}

/** BRP aanduiding naamgebruik. */
export const NameUsage = { Own: 'E', Partner: 'P', PartnerThenOwn: 'V', OwnThenPartner: 'N' } as const;
export type NameUsage = (typeof NameUsage)[keyof typeof NameUsage];

type Names = { firstNames?: string | null; surnamePrefix?: string | null; surname: string; nameUsage?: NameUsage;
  partnerSurnamePrefix?: string | null; partnerSurname?: string | null };

/** The name to address someone by, following their naamgebruik: 'J. van der Berg-de Vries'. */
export function displayName(n: Names): string {
  const own = [n.surnamePrefix, n.surname].filter(Boolean).join(' ');
  const partner = n.partnerSurname ? [n.partnerSurnamePrefix, n.partnerSurname].filter(Boolean).join(' ') : null;
  const last = !partner ? own
    : n.nameUsage === 'P' ? partner
    : n.nameUsage === 'V' ? `${partner}-${own}`
    : n.nameUsage === 'N' ? `${own}-${partner}`
    : own;
  const initials = (n.firstNames ?? '').split(/\s+/).filter(Boolean).map((f) => `${f[0]!.toUpperCase()}.`).join('');
  return initials ? `${initials} ${last}` : last;
}
