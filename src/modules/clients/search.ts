import type { Queryable } from '../../platform/db.ts';
import type { Actor } from '../../platform/access/context.ts';
import { Role } from '../../platform/access/roles.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { badRequest } from '../../platform/errors.ts';
import type { Store } from '../../platform/store.ts';
import { involvedTeamIdsSql } from '../../platform/access/relations.ts';
import { teamsByIds } from '../org/store.ts';
import { normalisePostcode } from '../org/postcode.ts';
import { maskBsn } from './bsn.ts';
import { displayName, normaliseName, splitSurname } from './names.ts';
import { formatAddress } from './address-format.ts';
import type { ClientHit, ClientSearch } from './schemas.ts';

/** At most this many hits; a professional refines the search rather than scrolling. */
export const SEARCH_LIMIT = 50;
/** Below this many exact/prefix hits the search widens with trigram similarity (typos). */
const WIDEN_BELOW = 5;

type Candidate = {
  id: string; bsn: string | null; first_names: string | null; surname_prefix: string | null; surname: string; name_usage: 'E' | 'P' | 'V' | 'N';
  partner_surname_prefix: string | null; partner_surname: string | null; birth_date: string | null; postcode: string | null;
  house_number: number | null; house_number_addition: string | null; street: string | null; city: string | null; visible: boolean; registered_team_ids: string[];
};

const SELECT = (visibleSql: string) => `SELECT c.id, c.bsn, c.first_names, c.surname_prefix, c.surname, c.name_usage, c.partner_surname_prefix,
    c.partner_surname, c.birth_date::text AS birth_date, c.postcode, c.house_number, c.house_number_addition, c.street, c.city,
    ${visibleSql} AS visible,
    ${involvedTeamIdsSql('c.id')} AS registered_team_ids
  FROM clients c`;

/** The names of the desks and teams involved with each candidate (by name), from the org module in one query. */
async function registeredAt(q: Queryable, rows: Candidate[]): Promise<(c: Candidate) => string[]> {
  const teams = await teamsByIds(q, rows.flatMap((r) => r.registered_team_ids));
  return (c) => teams.filter((t) => c.registered_team_ids.includes(t.id)).map((t) => t.name);
}

/**
 * Who sees what in a result list. A professional with a relation (or break-the-glass) gets the
 * full hit. A desk worker also gets an `exists` hit for a client they are not involved with, but
 * only when they searched with an exact key (BSN, name + birth date, postcode + house number):
 * enough to avoid registering the person twice, not enough to browse. Opening the record still
 * needs a relation, which registering a contact with the client creates.
 */
function toHit(c: Candidate, showExists: boolean, registeredAtOf: (c: Candidate) => string[]): ClientHit | null {
  const name = displayName({ firstNames: c.first_names, surnamePrefix: c.surname_prefix, surname: c.surname, nameUsage: c.name_usage,
    partnerSurnamePrefix: c.partner_surname_prefix, partnerSurname: c.partner_surname });
  const address = c.postcode && c.house_number ? formatAddress({ street: c.street, houseNumber: c.house_number, houseNumberAddition: c.house_number_addition, postcode: c.postcode, city: c.city }) : null;
  if (c.visible) return { id: c.id, visibility: 'full', displayName: name, birthDate: c.birth_date, bsnMasked: maskBsn(c.bsn), address, registeredAt: registeredAtOf(c) };
  if (!showExists) return null;
  return { id: c.id, visibility: 'exists', displayName: name, birthDate: c.birth_date?.slice(0, 4) ?? null, bsnMasked: null, address: null, registeredAt: registeredAtOf(c) };
}

const isDeskWorker = (a: Actor) => a.roles.includes(Role.DeskWorker);

/** Builds the WHERE clause from the exact keys; returns null when there is nothing to search on. */
function exactConditions(s: ClientSearch, params: unknown[]) {
  const where = ['c.merged_into IS NULL'];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (s.bsn) where.push(`c.bsn = ${p(s.bsn)}`);
  if (s.birthDate) where.push(`c.birth_date = ${p(s.birthDate)}`);
  if (s.postcode) where.push(`c.postcode = ${p(normalisePostcode(s.postcode))}`);
  if (s.houseNumber) where.push(`c.house_number = ${p(s.houseNumber)}`);
  if (s.firstName) where.push(`lower(unaccent(coalesce(c.first_names, ''))) LIKE ${p(`${normaliseName(s.firstName).replace(/[%_\\]/g, '')}%`)}`);
  return { where, p };
}

export async function searchClients(store: Store, s: ClientSearch): Promise<ClientHit[]> {
  const actor = store.ctx.actor;
  // A name is a key only when something is left of it after normalising and removing wildcards:
  // '%%' with a birth date would otherwise list everyone born that day.
  const key = s.name ? splitSurname(s.name).key.replace(/[%_\\]/g, '') || null : null;
  if (s.name && !key && !s.bsn && !s.birthDate && !s.postcode) {
    throw badRequest('Geef een achternaam met letters / Give a surname with letters', 'name');
  }
  const exactKey = Boolean(s.bsn || (key && s.birthDate) || (s.postcode && s.houseNumber));
  const showExists = isDeskWorker(actor) && exactKey;
  return store.readClients({ action: 'client.search', activity: ProcessingActivity.ClientRegistration,
    details: { criteria: Object.keys(s).filter((k) => s[k as keyof ClientSearch] !== undefined) } }, async (tx, visible) => {
    const params: unknown[] = [];
    const { where, p } = exactConditions(s, params);
    const isVisible = visible('c.id', p);
    // Hits the searcher may not see are only useful as `exists` hits; otherwise filter them in SQL so
    // the limit counts visible clients (the index walk simply continues past the others).
    if (!showExists) where.push(isVisible);
    // Prefix range on the collation-C surname key: the index returns rows in order and stops at the limit.
    if (key) where.push(`c.surname_key LIKE ${p(`${key}%`)}`);
    const rows = await tx.query<Candidate>(
      `${SELECT(isVisible)} WHERE ${where.join(' AND ')} ORDER BY c.surname_key, c.birth_date, c.id LIMIT ${SEARCH_LIMIT}`, params);
    if (key && key.length >= 3 && rows.length < WIDEN_BELOW) {
      // Typos ('Jansen' for 'Janssen'): trigram similarity on the same key, only to widen a short result.
      const p2: unknown[] = [];
      const { where: w2, p: add } = exactConditions(s, p2);
      const isVisible2 = visible('c.id', add);
      if (!showExists) w2.push(isVisible2);
      const k = add(key);
      w2.push(`c.surname_key % ${k}`, `NOT (c.id = ANY(${add(rows.map((r) => r.id))}::uuid[]))`);
      rows.push(...await tx.query<Candidate>(
        `${SELECT(isVisible2)} WHERE ${w2.join(' AND ')} ORDER BY c.surname_key <-> ${k} LIMIT ${SEARCH_LIMIT - rows.length}`, p2));
    }
    const namesOf = await registeredAt(tx, rows);
    const hits = rows.map((r) => toHit(r, showExists, namesOf)).filter((h): h is ClientHit => h !== null);
    return { result: hits, clientIds: hits.map((h) => h.id) };
  });
}

/**
 * Probable duplicates of a record about to be registered: the same BSN, or the same surname key
 * and birth date. Shown as `exists` hits whatever the registering user may see (they are about to
 * register this person; the warning is the point), never with more than name, birth year and desks.
 */
export async function findProbableDuplicates(tx: Queryable, k: { bsn: string | null; surnameKey: string; birthDate: string | null }) {
  if (!k.bsn && !k.birthDate) return [];
  const rows = await tx.query<Candidate & { same_bsn: boolean }>(
    `${SELECT('false')} WHERE c.merged_into IS NULL AND ((c.bsn = $1) OR (c.surname_key = $2 AND c.birth_date = $3))
     ORDER BY c.id LIMIT 10`.replace('SELECT c.id,', 'SELECT (c.bsn IS NOT NULL AND c.bsn = $1) AS same_bsn, c.id,'),
    [k.bsn, k.surnameKey, k.birthDate]);
  const namesOf = await registeredAt(tx, rows);
  return rows.map((r) => ({ sameBsn: r.same_bsn, hit: toHit(r, true, namesOf)! }));
}
