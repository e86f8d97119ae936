import type { Queryable } from '../../platform/db.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import type { LifeDomainChange, LifeDomainInput, LifeDomainView } from './schemas.ts';

const SELECT = `SELECT code, label_nl AS "labelNl", label_en AS "labelEn", position, active FROM life_domains`;

/** The configured life domains in their order; inactive ones too when asked (to show old records' labels). */
export const listLifeDomains = (q: Queryable, includeInactive = false) =>
  q.query<LifeDomainView>(`${SELECT} ${includeInactive ? '' : 'WHERE active'} ORDER BY position, code`);

/**
 * Refuses codes that are not configured and active, naming them (a contact, a digital question).
 * Called in the caller's transaction, so a domain switched off meanwhile is refused too.
 */
export async function checkLifeDomains(q: Queryable, codes: readonly string[], field = 'lifeDomains'): Promise<void> {
  if (codes.length === 0) return;
  const known = new Set((await q.query<{ code: string }>('SELECT code FROM life_domains WHERE active AND code = ANY($1::text[])', [[...codes]])).map((r) => r.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) {
    throw badRequest(`Onbekend leefgebied: ${unknown.join(', ')} / Unknown life domain: ${unknown.join(', ')}`, field, 'unknown_life_domain');
  }
}

/** A municipality's own life domain, after the defaults unless a position is given. */
export async function addLifeDomain(tx: Queryable, d: LifeDomainInput): Promise<LifeDomainView> {
  const rows = await tx.query<LifeDomainView>(
    `INSERT INTO life_domains (code, label_nl, label_en, position)
     VALUES ($1, $2, $3, coalesce($4, (SELECT coalesce(max(position), 0) + 10 FROM life_domains)))
     ON CONFLICT (code) DO NOTHING
     RETURNING code, label_nl AS "labelNl", label_en AS "labelEn", position, active`,
    [d.code, d.labelNl, d.labelEn, d.position ?? null]);
  if (!rows[0]) throw conflict(`Leefgebied '${d.code}' bestaat al / Life domain '${d.code}' already exists`, 'life_domain_exists');
  return rows[0];
}

/** New labels, order or switched on/off; the code stays (records keep pointing at it). */
export async function changeLifeDomain(tx: Queryable, code: string, d: LifeDomainChange): Promise<LifeDomainView> {
  const rows = await tx.query<LifeDomainView>(
    `UPDATE life_domains SET label_nl = coalesce($2, label_nl), label_en = coalesce($3, label_en), position = coalesce($4, position), active = coalesce($5, active)
     WHERE code = $1 RETURNING code, label_nl AS "labelNl", label_en AS "labelEn", position, active`,
    [code, d.labelNl ?? null, d.labelEn ?? null, d.position ?? null, d.active ?? null]);
  if (!rows[0]) throw notFound('Leefgebied niet gevonden / Life domain not found');
  return rows[0];
}
