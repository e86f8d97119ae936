import type { Queryable } from '../../platform/db.ts';
import type { Actor } from '../../platform/access/context.ts';
import { Role } from '../../platform/access/roles.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { addRelation } from '../../platform/access/relations.ts';
import { openBreakGlass } from '../../platform/access/break-glass.ts';
import { once } from '../../platform/idempotency.ts';
import { versionConflict } from '../../platform/versioning.ts';
import type { Store } from '../../platform/store.ts';
import { formatPostcode, normalisePostcode } from '../org/postcode.ts';
import { lookupPostcode } from '../org/store.ts';
import { maskBsn } from './bsn.ts';
import { displayName, surnameKey } from './names.ts';
import { insertRelatedPerson } from './related-persons.ts';
import type { ClientInput, ClientUpdate, ClientView, RelatedPerson } from './schemas.ts';
import { findProbableDuplicates } from './search.ts';

type ClientRow = {
  id: string; bsn: string | null; first_names: string | null; surname_prefix: string | null; surname: string;
  name_usage: 'E' | 'P' | 'V' | 'N'; partner_surname_prefix: string | null; partner_surname: string | null;
  birth_date: string | null; gender: '0' | '1' | '2' | '9'; postcode: string | null; house_number: number | null;
  house_number_addition: string | null; street: string | null; city: string | null; no_fixed_address: boolean;
  contact_point: string | null; phone: string | null; email: string | null; preferred_language: string | null;
  communication_needs: string[]; safety_signal_at: string | null; merged_into: string | null; version: number;
};
type PersonRow = { id: string; kind: RelatedPerson['kind']; role: string | null; name: string; birth_date: string | null; phone: string | null; email: string | null; related_client_id: string | null };

const COLUMNS = `id, bsn, first_names, surname_prefix, surname, name_usage, partner_surname_prefix, partner_surname,
  birth_date::text AS birth_date, gender, postcode, house_number, house_number_addition, street, city, no_fixed_address,
  contact_point, phone, email, preferred_language, communication_needs, safety_signal_at, merged_into, version`;

export async function getClientRow(tx: Queryable, id: string): Promise<ClientRow> {
  const [row] = await tx.query<ClientRow>(`SELECT ${COLUMNS} FROM clients WHERE id = $1`, [id]);
  if (!row) throw notFound('Cliënt niet gevonden / Client not found');
  return row;
}

/** The whole record as the API shows it (BSN masked), with the team its postcode proposes. */
export async function loadClientView(tx: Queryable, id: string): Promise<ClientView> {
  const r = await getClientRow(tx, id);
  const persons = await tx.query<PersonRow>(
    'SELECT id, kind, role, name, birth_date::text AS birth_date, phone, email, related_client_id FROM client_persons WHERE client_id = $1 ORDER BY kind, created_at, id', [id]);
  const district = r.postcode ? await lookupPostcode(tx, r.postcode) : null;
  return {
    id: r.id, bsnMasked: maskBsn(r.bsn), firstNames: r.first_names, surnamePrefix: r.surname_prefix, surname: r.surname,
    nameUsage: r.name_usage, partnerSurnamePrefix: r.partner_surname_prefix, partnerSurname: r.partner_surname,
    displayName: displayName({ firstNames: r.first_names, surnamePrefix: r.surname_prefix, surname: r.surname, nameUsage: r.name_usage,
      partnerSurnamePrefix: r.partner_surname_prefix, partnerSurname: r.partner_surname }),
    birthDate: r.birth_date, gender: r.gender,
    address: r.postcode && r.house_number ? { postcode: formatPostcode(r.postcode), houseNumber: r.house_number,
      houseNumberAddition: r.house_number_addition, street: r.street, city: r.city } : null,
    noFixedAddress: r.no_fixed_address, contactPoint: r.contact_point, phone: r.phone, email: r.email,
    preferredLanguage: r.preferred_language, communicationNeeds: r.communication_needs,
    persons: persons.map((p) => ({ id: p.id, kind: p.kind, role: p.role, name: p.name, birthDate: p.birth_date, phone: p.phone, email: p.email, relatedClientId: p.related_client_id })),
    safetySignal: r.safety_signal_at !== null, mergedInto: r.merged_into,
    proposedTeam: district?.teamId ? { id: district.teamId, name: district.teamName!, districtName: district.districtName } : null,
    version: r.version,
  };
}

const recordParams = (c: Omit<ClientInput, 'persons'>) => [
  c.firstNames ?? null, c.surnamePrefix ?? null, c.surname, c.nameUsage, c.partnerSurnamePrefix ?? null, c.partnerSurname ?? null,
  surnameKey(c.surnamePrefix, c.surname), c.birthDate ?? null, c.gender,
  c.address ? normalisePostcode(c.address.postcode) : null, c.address?.houseNumber ?? null, c.address?.houseNumberAddition ?? null,
  c.address?.street ?? null, c.address?.city ?? null, c.noFixedAddress, c.contactPoint ?? null, c.phone ?? null, c.email ?? null,
  c.preferredLanguage ?? null, c.communicationNeeds,
];

async function replacePersons(tx: Queryable, clientId: string, persons: RelatedPerson[]) {
  await tx.query('DELETE FROM client_persons WHERE client_id = $1', [clientId]);
  for (const p of persons) await insertRelatedPerson(tx, clientId, p);
}

/**
 * Inserts a client and makes the registering user and desk/team involved. Refuses a second
 * record with the same BSN, and (unless acknowledged) a probable duplicate: same surname key + birth date.
 * Used by the clients API and by other modules that register someone (digital channel, GP referral).
 */
export async function insertClient(tx: Queryable, c: ClientInput, involved: { userId: string | null; teamId: string | null; reason: string },
  duplicateAcknowledged = false, revealDuplicates = true): Promise<string> {
  const dups = await findProbableDuplicates(tx, { bsn: c.bsn ?? null, surnameKey: surnameKey(c.surnamePrefix, c.surname), birthDate: c.birthDate ?? null });
  const sameBsn = dups.some((d) => d.sameBsn);
  if (dups.length > 0 && (sameBsn || !duplicateAcknowledged) && !revealDuplicates) {
    // Who may not search by exact key learns only that a record exists, not whose or where (need-to-know).
    const err = conflict(sameBsn
      ? 'Er bestaat al een dossier met dit BSN. Vraag het loket (VraagWijzer) om u bij deze cliënt te betrekken. / A record with this BSN exists; ask the desk to involve you.'
      : 'Mogelijk bestaat al een dossier voor deze persoon (zelfde naam en geboortedatum). Vraag het loket, of registreer toch als het een ander persoon is. / This person may already be registered; ask the desk.',
    sameBsn ? 'record_exists' : 'probable_duplicate');
    err.auditDetails = { existingClientIds: dups.map((d) => d.hit.id), disclosed: false };
    throw err;
  }
  if (sameBsn) {
    throw conflict('Er is al een cliënt met dit BSN / A client with this BSN already exists', 'duplicate_bsn', { duplicates: dups.map((d) => d.hit) });
  }
  if (dups.length > 0 && !duplicateAcknowledged) {
    throw conflict('Mogelijk staat deze persoon al geregistreerd (zelfde naam en geboortedatum) / This person may already be registered',
      'probable_duplicate', { duplicates: dups.map((d) => d.hit) });
  }
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO clients (bsn, first_names, surname_prefix, surname, name_usage, partner_surname_prefix, partner_surname, surname_key,
       birth_date, gender, postcode, house_number, house_number_addition, street, city, no_fixed_address, contact_point, phone, email,
       preferred_language, communication_needs)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)
     ON CONFLICT (bsn) WHERE bsn IS NOT NULL DO NOTHING RETURNING id`,
    [c.bsn ?? null, ...recordParams(c)]);
  if (!row) throw conflict('Er is al een cliënt met dit BSN / A client with this BSN already exists', 'duplicate_bsn');
  await replacePersons(tx, row.id, c.persons);
  if (involved.userId || involved.teamId) {
    await addRelation(tx, { clientId: row.id, ...involved });
  }
  return row.id;
}

/** Display name and birth date per client id, for other modules' lists (unknown ids are absent). */
export type ClientSummary = { name: string; birthDate: string | null; firstNames: string | null; surnamePrefix: string | null; surname: string };
export async function clientSummaries(q: Queryable, ids: readonly string[]): Promise<Map<string, ClientSummary>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await q.query<{ id: string; first_names: string | null; surname_prefix: string | null; surname: string; name_usage: string;
    partner_surname_prefix: string | null; partner_surname: string | null; birth_date: string | null }>(
    `SELECT id, first_names, surname_prefix, surname, name_usage, partner_surname_prefix, partner_surname, birth_date::text AS birth_date
     FROM clients WHERE id = ANY($1::uuid[])`, [wanted]);
  return new Map(rows.map((r) => [r.id, { birthDate: r.birth_date, firstNames: r.first_names, surnamePrefix: r.surname_prefix, surname: r.surname, name: displayName({ firstNames: r.first_names, surnamePrefix: r.surname_prefix,
    surname: r.surname, nameUsage: r.name_usage as 'E', partnerSurnamePrefix: r.partner_surname_prefix, partnerSurname: r.partner_surname }) }]));
}

/**
 * Whether a duplicate check may name the existing record (name, birth year, desks involved): only
 * for desk workers, who may also find it by an exact key in search. Others learn only that it exists.
 */
export const mayLearnWhoExists = (actor: Actor) => actor.roles.includes(Role.DeskWorker);

/** The client with this BSN, following a merge to the surviving record; null when unknown. */
export async function findClientIdByBsn(tx: Queryable, bsn: string): Promise<string | null> {
  const [row] = await tx.query<{ id: string; merged_into: string | null }>('SELECT id, merged_into FROM clients WHERE bsn = $1', [bsn]);
  return row ? (row.merged_into ?? row.id) : null;
}

/**
 * Fills the phone number and e-mail address where the record has none (never overwrites), for a
 * referral's sent data that a team member takes over, in the caller's transaction. Always bumps the
 * version: the caller adds related persons too, which a form based on the older version would replace.
 */
export async function fillMissingContactDetails(tx: Queryable, id: string, d: { phone: string | null; email: string | null }): Promise<void> {
  await tx.query('UPDATE clients SET phone = coalesce(phone, $2), email = coalesce(email, $3), updated_at = now(), version = version + 1 WHERE id = $1',
    [id, d.phone, d.email]);
}

const op = (action: string) => ({ action, activity: ProcessingActivity.ClientRegistration });

/** Client data, only ever through the request's Store (access check + audit). */
export function clientStore(store: Store) {
  return {
    async get(id: string): Promise<ClientView> {
      return store.readClient(id, op('client.read'), (tx) => loadClientView(tx, id));
    },

    /** The unmasked BSN: an explicit, separately logged action. */
    async revealBsn(id: string): Promise<string | null> {
      return (await store.readClient(id, op('client.bsn_reveal'), (tx) => getClientRow(tx, id))).bsn;
    },

    async create(input: ClientInput, teamId: string | null, idempotencyKey?: string, duplicateAcknowledged = false): Promise<ClientView> {
      const actor = store.ctx.actor;
      return store.change(op('client.create'), (tx) =>
        once(tx, `${actor.id}:client.create`, idempotencyKey, { input, teamId }, async () => {
          const id = await insertClient(tx, input, { userId: actor.id, teamId, reason: 'registered' }, duplicateAcknowledged, mayLearnWhoExists(actor));
          return loadClientView(tx, id);
        }), (v) => ({ clientId: v.id }));
    },

    /**
     * Replaces the record (persons included); the BSN can be added but never silently changed.
     * `version` is the one the change was based on (If-Match): an older one gets 412 with the current
     * record, read through the door like any other read (its own audit row).
     */
    async update(id: string, c: ClientUpdate, version: number): Promise<ClientView> {
      return store.changeClient(id, { ...op('client.update'), details: { fields: Object.keys(c), version } }, async (tx) => {
        const current = await getClientRow(tx, id);
        if (current.merged_into) throw conflict('Dit dossier is samengevoegd; wijzig het overgebleven dossier / This record was merged', 'client_merged');
        if (current.bsn && c.bsn && c.bsn !== current.bsn) {
          throw new AppError('bsn_change', 409, 'Een BSN wijzigt niet; voeg dossiers samen als het een ander persoon is / A BSN is never changed here', 'bsn');
        }
        const updated = await tx.query(
          `UPDATE clients SET first_names=$2, surname_prefix=$3, surname=$4, name_usage=$5, partner_surname_prefix=$6, partner_surname=$7,
             surname_key=$8, birth_date=$9, gender=$10, postcode=$11, house_number=$12, house_number_addition=$13, street=$14, city=$15,
             no_fixed_address=$16, contact_point=$17, phone=$18, email=$19, preferred_language=$20, communication_needs=$21,
             bsn = coalesce(bsn, $22), updated_at = now(), version = version + 1 WHERE id = $1 AND version = $23 RETURNING id`,
          [id, ...recordParams(c), c.bsn ?? null, version]).catch((e) => {
          if ((e as { code?: string }).code === '23505') throw conflict('Er is al een cliënt met dit BSN / A client with this BSN already exists', 'duplicate_bsn');
          throw e;
        });
        if (updated.length === 0) throw versionConflict(current.version);
        if (c.persons) await replacePersons(tx, id, c.persons);
        return loadClientView(tx, id);
      }).catch(async (e) => {
        if (e instanceof AppError && e.code === 'version_conflict') {
          const now = await store.readClient(id, op('client.read'), (tx) => loadClientView(tx, id));
          throw versionConflict(now.version, now);
        }
        throw e;
      });
    },

    async breakGlass(id: string, reason: string, hours = 4): Promise<{ id: string; expiresAt: string }> {
      await getClientRow(store.db, id);
      const actor = store.ctx.actor;
      const row = await store.change({ ...op('client.break_glass'), clientId: id, details: { hours } },
        (tx) => openBreakGlass(tx, { userId: actor.id!, clientId: id, reason, hours }), (bg) => ({ breakGlassId: bg.id }));
      return { id: row.id, expiresAt: new Date(row.expires_at).toISOString() };
    },
  };
}

/**
 * For the client-experience survey (src/modules/satisfaction): each current record (merged-away
 * records are left out) with its e-mail address, or null when only a letter can reach them.
 */
export async function surveyAddressesOf(q: Queryable, ids: readonly string[]): Promise<Map<string, string | null>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await q.query<{ id: string; email: string | null }>('SELECT id, email FROM clients WHERE id = ANY($1::uuid[]) AND merged_into IS NULL', [wanted]);
  return new Map(rows.map((r) => [r.id, r.email]));
}
