import type { Queryable } from '../../platform/db.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { updateVersioned } from '../../platform/versioning.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';
import { listDistricts } from '../org/store.ts';
import { listPractices, practicesByIds } from '../practices/store.ts';
import { mayKeepPartner, type NetworkKeeper, partnerDistrictsRefusal } from './district-rights.ts';
import type { Agreement, AgreementInput, NetworkPartner, PartnerCreate, PartnerKind, PartnerUpdate, UnlinkedPractice } from './schemas.ts';

/**
 * The neighbourhood teams' network (docs/network.md): partners of every kind in one table; a GP
 * practice's partner row points at gp_practices, whose name and AGB code come from the practices
 * module and are never copied here.
 */

type PartnerRow = { id: string; kind: PartnerKind; name: string | null; practiceId: string | null; contactName: string | null; phone: string | null;
  email: string | null; active: boolean; version: number };
const PARTNER_COLS = `p.id, p.kind, p.name, p.practice_id AS "practiceId", p.contact_name AS "contactName", p.phone, p.email, p.active, p.version`;
const AGREEMENT_COLS = `id, partner_id AS "partnerId", subject, contact_name AS "contactName", contact_phone AS "contactPhone", contact_email AS "contactEmail",
  valid_from::text AS "validFrom", valid_to::text AS "validTo", version`;
type AgreementRow = Omit<Agreement, 'current'>;

const partnerNotFound = () => notFound('Netwerkpartner niet gevonden / Network partner not found');
const agreementNotFound = () => notFound('Afspraak niet gevonden / Agreement not found');

/** The user changing the network: roles and teams (their teams' districts are theirs to keep, district-rights.ts). */
export type NetworkActor = { roles: readonly string[]; teamIds: readonly string[] };

async function keeperOf(q: Queryable, actor: NetworkActor): Promise<NetworkKeeper> {
  const own = (await listDistricts(q)).filter((d) => d.teamId !== null && actor.teamIds.includes(d.teamId)).map((d) => d.id);
  return { roles: actor.roles, ownDistrictIds: new Set(own) };
}

/** 403 partner_not_your_district, naming the districts field: why this user may not keep this partner. */
const notYourDistrict = (reason: 'citywide' | 'other_district') => new AppError('partner_not_your_district', 403, reason === 'citywide'
  ? 'Een netwerkpartner voor de hele stad (zonder wijk) houdt de functioneel beheerder bij; kies een wijk van uw team / A citywide partner (no district) is kept by the functional administrator; choose a district of your team'
  : 'U houdt alleen netwerkpartners bij in de wijken van uw eigen team / You keep only the network partners in the districts of your own team', 'districtIds', { reason });

function requireDistricts(keeper: NetworkKeeper, before: readonly string[] | null, after: readonly string[]) {
  const reason = partnerDistrictsRefusal(keeper, before, after);
  if (reason) throw notYourDistrict(reason);
}

function requireKeeper(keeper: NetworkKeeper, partner: NetworkPartner) {
  const districtIds = partner.districts.map((d) => d.id);
  if (!mayKeepPartner(keeper, districtIds)) throw notYourDistrict(districtIds.length === 0 ? 'citywide' : 'other_district');
}

/** Valid on `today` (a Dutch date): from validFrom up to and including validTo. */
export const isCurrent = (a: { validFrom: string; validTo: string | null }, today: string) => a.validFrom <= today && (a.validTo === null || a.validTo >= today);

async function toPartners(q: Queryable, rows: PartnerRow[]): Promise<NetworkPartner[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const links = await q.query<{ partner_id: string; district_id: string }>('SELECT partner_id, district_id FROM network_partner_districts WHERE partner_id = ANY($1::uuid[])', [ids]);
  const agreements = await q.query<AgreementRow>(`SELECT ${AGREEMENT_COLS} FROM network_agreements WHERE partner_id = ANY($1::uuid[]) ORDER BY valid_from DESC, created_at`, [ids]);
  const districts = new Map((await listDistricts(q)).map((d) => [d.id, d.name]));
  const practices = await practicesByIds(q, rows.flatMap((r) => (r.practiceId ? [r.practiceId] : [])));
  const today = amsterdamDate(new Date());
  return rows.map((r) => {
    const practice = r.practiceId ? practices.get(r.practiceId) : undefined;
    return {
      id: r.id, kind: r.kind, name: practice?.name ?? r.name ?? '', practiceId: r.practiceId, agbCode: practice?.agbCode ?? null,
      contactName: r.contactName, phone: r.phone, email: r.email, active: r.active, version: r.version,
      districts: links.filter((l) => l.partner_id === r.id).map((l) => ({ id: l.district_id, name: districts.get(l.district_id) ?? '' }))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
      agreements: agreements.filter((a) => a.partnerId === r.id).map((a) => ({ ...a, current: isCurrent(a, today) })),
    };
  }).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** Partners, optionally of one kind and working in one district (a partner without districts works citywide and is always listed). */
export async function listPartners(q: Queryable, filter: { kind?: PartnerKind; districtId?: string; active?: boolean }): Promise<NetworkPartner[]> {
  const rows = await q.query<PartnerRow>(
    `SELECT ${PARTNER_COLS} FROM network_partners p
     WHERE ($1::text IS NULL OR p.kind = $1) AND ($3::boolean IS NULL OR p.active = $3)
       AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM network_partner_districts d WHERE d.partner_id = p.id AND d.district_id = $2)
            OR NOT EXISTS (SELECT 1 FROM network_partner_districts d WHERE d.partner_id = p.id))`,
    [filter.kind ?? null, filter.districtId ?? null, filter.active ?? null]);
  return toPartners(q, rows);
}

export async function findPartner(q: Queryable, id: string): Promise<NetworkPartner | null> {
  const rows = await q.query<PartnerRow>(`SELECT ${PARTNER_COLS} FROM network_partners p WHERE p.id = $1`, [id]);
  return (await toPartners(q, rows))[0] ?? null;
}

export async function getPartner(q: Queryable, id: string): Promise<NetworkPartner> {
  const p = await findPartner(q, id);
  if (!p) throw partnerNotFound();
  return p;
}

/** Kind and name of partners, by id, for modules that show who referred (the referral inbox). */
export async function partnerSummaries(q: Queryable, ids: readonly (string | null | undefined)[]): Promise<Map<string, { kind: PartnerKind; name: string }>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await q.query<PartnerRow>(`SELECT ${PARTNER_COLS} FROM network_partners p WHERE p.id = ANY($1::uuid[])`, [wanted]);
  const practices = await practicesByIds(q, rows.flatMap((r) => (r.practiceId ? [r.practiceId] : [])));
  return new Map(rows.map((r) => [r.id, { kind: r.kind, name: (r.practiceId ? practices.get(r.practiceId)?.name : r.name) ?? '' }]));
}

async function checkDistricts(q: Queryable, districtIds: readonly string[]) {
  const known = new Set((await listDistricts(q)).map((d) => d.id));
  if (districtIds.some((id) => !known.has(id))) throw badRequest('Onbekende wijk / Unknown district', 'districtIds');
}

/** After checkDistricts and the keeper's check. */
async function setDistricts(tx: Queryable, partnerId: string, districtIds: readonly string[]) {
  await tx.query('DELETE FROM network_partner_districts WHERE partner_id = $1', [partnerId]);
  if (districtIds.length > 0) {
    await tx.query('INSERT INTO network_partner_districts (partner_id, district_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING', [partnerId, [...districtIds]]);
  }
}

/** Adds a partner; a team lead only in their own teams' districts (403 partner_not_your_district). */
export async function createPartner(tx: Queryable, actor: NetworkActor, input: PartnerCreate): Promise<NetworkPartner> {
  const gp = input.kind === 'gp_practice';
  if (gp && !input.practiceId) throw badRequest('Kies de huisartsenpraktijk / Choose the GP practice', 'practiceId');
  if (!gp && input.practiceId) throw badRequest('Alleen een huisartsenpraktijk verwijst naar het praktijkenregister / Only a GP practice links to a practice', 'practiceId');
  if (!gp && (input.name ?? '').length < 2) throw badRequest('Vul de naam van de partner in / Give the partner\'s name', 'name');
  if (gp && (await practicesByIds(tx, [input.practiceId!])).size === 0) throw badRequest('Onbekende huisartsenpraktijk / Unknown GP practice', 'practiceId');
  await checkDistricts(tx, input.districtIds);
  requireDistricts(await keeperOf(tx, actor), null, input.districtIds);
  let id: string;
  try {
    const [row] = await tx.query<{ id: string }>(
      'INSERT INTO network_partners (kind, name, practice_id, contact_name, phone, email) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id',
      [input.kind, gp ? null : input.name, gp ? input.practiceId : null, input.contactName, input.phone, input.email]);
    id = row!.id;
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw conflict('Deze praktijk is al netwerkpartner / This practice is already a network partner', 'practice_already_partner');
    throw e;
  }
  await setDistricts(tx, id, input.districtIds);
  return getPartner(tx, id);
}

/**
 * Changes a partner from the version it was based on (If-Match): 412 with the current partner when
 * someone else changed it since. A team lead changes only a partner in their teams' districts, and
 * adds or removes only those districts (403 partner_not_your_district).
 */
export async function updatePartner(tx: Queryable, actor: NetworkActor, id: string, input: PartnerUpdate, version: number): Promise<NetworkPartner> {
  const before = await getPartner(tx, id);
  const keeper = await keeperOf(tx, actor);
  requireKeeper(keeper, before);
  if (before.kind !== 'gp_practice' && (input.name ?? '').length < 2) throw badRequest('Vul de naam van de partner in / Give the partner\'s name', 'name');
  if (before.kind === 'gp_practice' && input.name && input.name !== before.name) {
    throw badRequest('De naam van een huisartsenpraktijk wijzigt u bij de huisartsenpraktijken / A GP practice is renamed in the practices register', 'name');
  }
  await checkDistricts(tx, input.districtIds);
  requireDistricts(keeper, before.districts.map((d) => d.id), input.districtIds);
  await updateVersioned(
    async () => (await tx.query<{ version: number }>(
      `UPDATE network_partners SET name = CASE WHEN kind = 'gp_practice' THEN NULL ELSE $2 END, contact_name = $3, phone = $4, email = $5, active = $6,
         version = version + 1 WHERE id = $1 AND version = $7 RETURNING version`,
      [id, input.name, input.contactName, input.phone, input.email, input.active, version]))[0],
    async () => (await findPartner(tx, id)) ?? undefined,
    partnerNotFound);
  await setDistricts(tx, id, input.districtIds);
  return getPartner(tx, id);
}

/** Valid to before valid from: 400 naming validTo, nothing stored. */
function checkDates(a: AgreementInput) {
  if (a.validTo !== null && a.validTo < a.validFrom) {
    throw badRequest('"Geldig tot" ligt vóór "geldig vanaf" / "Valid to" is before "valid from"', 'validTo', 'agreement_dates');
  }
}

const withCurrent = (a: AgreementRow): Agreement => ({ ...a, current: isCurrent(a, amsterdamDate(new Date())) });

/** Records an agreement with a partner the user keeps (a team lead: one in their teams' districts). */
export async function createAgreement(tx: Queryable, actor: NetworkActor, partnerId: string, a: AgreementInput): Promise<Agreement> {
  requireKeeper(await keeperOf(tx, actor), await getPartner(tx, partnerId));
  checkDates(a);
  const [row] = await tx.query<AgreementRow>(
    `INSERT INTO network_agreements (partner_id, subject, contact_name, contact_phone, contact_email, valid_from, valid_to)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING ${AGREEMENT_COLS}`,
    [partnerId, a.subject, a.contactName, a.contactPhone, a.contactEmail, a.validFrom, a.validTo]);
  return withCurrent(row!);
}

export async function updateAgreement(tx: Queryable, actor: NetworkActor, id: string, a: AgreementInput, version: number): Promise<Agreement> {
  const [partner] = await tx.query<{ partner_id: string }>('SELECT partner_id FROM network_agreements WHERE id = $1', [id]);
  if (!partner) throw agreementNotFound();
  requireKeeper(await keeperOf(tx, actor), await getPartner(tx, partner.partner_id));
  checkDates(a);
  const row = await updateVersioned(
    async () => (await tx.query<AgreementRow>(
      `UPDATE network_agreements SET subject = $2, contact_name = $3, contact_phone = $4, contact_email = $5, valid_from = $6, valid_to = $7, version = version + 1
       WHERE id = $1 AND version = $8 RETURNING ${AGREEMENT_COLS}`,
      [id, a.subject, a.contactName, a.contactPhone, a.contactEmail, a.validFrom, a.validTo, version]))[0],
    async () => (await tx.query<AgreementRow>(`SELECT ${AGREEMENT_COLS} FROM network_agreements WHERE id = $1`, [id]))[0],
    agreementNotFound);
  return withCurrent(row);
}

/** GP practices of the register that are not yet network partners. */
export async function unlinkedPractices(q: Queryable): Promise<UnlinkedPractice[]> {
  const linked = new Set((await q.query<{ practice_id: string }>('SELECT practice_id FROM network_partners WHERE practice_id IS NOT NULL')).map((r) => r.practice_id));
  return (await listPractices(q)).filter((p) => p.active && !linked.has(p.id)).map((p) => ({ id: p.id, name: p.name, agbCode: p.agbCode }));
}

/** The partner row of a GP practice, if the practice is in the network (a FHIR referral from it is linked to it). */
export async function partnerIdOfPractice(q: Queryable, practiceId: string): Promise<string | null> {
  const [row] = await q.query<{ id: string }>('SELECT id FROM network_partners WHERE practice_id = $1', [practiceId]);
  return row?.id ?? null;
}
