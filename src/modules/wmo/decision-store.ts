/**
 * The SQL of the beschikking, its letter versions, the letter template and the mandates (migration
 * 220). Called inside a transaction of the request's Store (wmoStore / letterStore), never on its own.
 */
import type { Queryable } from '../../platform/db.ts';
import { AppError, conflict, notFound, unprocessable } from '../../platform/errors.ts';
import { userNames } from '../../platform/auth/users.ts';
import { ageOn } from '../clients/age.ts';
import { relatedPersonsOf } from '../clients/related-persons.ts';
import { clientSummaries, getClientRow } from '../clients/store.ts';
import { catalogueNames, priceProvision } from '../indications/provision-cost.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';
import { formatPostcode } from '../org/postcode.ts';
import { DEFAULT_OBJECTION_CLAUSE, decisionRefusal, dutchDate, euros, letterBlocks, outcomeOf, provisionText, unknownPlaceholders } from './decision.ts';
import { letterPdf } from './letter-pdf.ts';
import type { Law } from './wmo-process.ts';
import type { DecisionInput, DecisionLine, DecisionLineView, DecisionView, LetterVersion } from './schemas.ts';

/** The product category (products.category) a decision under each law may grant or refuse. */
export const LAW_CATEGORY: Record<Law, 'WMO' | 'JZ'> = { wmo: 'WMO', jeugdwet: 'JZ' };

type StoredLine = DecisionLine & { amountEurocents: number | null };
type DecisionRow = { id: string; notification_id: string; decided_on: string; lines: StoredLine[]; contribution_notice: string; objection_clause: string };
const DECISION_SELECT = `SELECT d.id, d.notification_id, to_char(a.on_date, 'YYYY-MM-DD') AS decided_on, d.lines, d.contribution_notice, d.objection_clause
  FROM wmo_decisions d JOIN wmo_actions a ON a.id = d.action_id`;

export const TemplateKind = { WmoDecision: 'wmo_decision', YouthDecision: 'youth_decision' } as const;
export type TemplateKind = (typeof TemplateKind)[keyof typeof TemplateKind];
export const TEMPLATE_KINDS = Object.values(TemplateKind);
/** The letter template and title of a decision under each law (migration 251): a child's letter does not speak of Wmo support. */
const TEMPLATE_OF: Record<Law, TemplateKind> = { wmo: TemplateKind.WmoDecision, jeugdwet: TemplateKind.YouthDecision };

/**
 * Stores the content of a 'decide' action (the action row was just inserted) and generates the
 * first, unsigned version of its letter. Every granted line is priced: ZIN at the provider's
 * tariffs over the period, PGB at its budget; a grant without a price is refused (no_tariff),
 * because a mandate cannot be checked against it.
 */
export async function recordDecision(tx: Queryable, notificationId: string, actionId: string, input: DecisionInput, actorId: string | null,
  law: Law = 'wmo'): Promise<string> {
  const refusal = decisionRefusal(input);
  if (refusal) throw unprocessable(refusal.message, refusal.field, refusal.code);
  const lines: StoredLine[] = [];
  for (const [i, l] of input.lines.entries()) {
    const field = (f: string) => `decision.lines.${i}.${f}`;
    const priced = await priceProvision(tx, { productId: l.productId, providerId: l.providerId ?? null,
      volume: l.volume ?? 1, from: l.validFrom ?? '2000-01-01', to: l.validTo ?? '2000-01-01' })
      .catch((e) => { if (e instanceof AppError && e.status === 404) throw unprocessable(e.message, field(e.message.includes('anbieder') ? 'providerId' : 'productId'), 'unknown_catalogue_item'); throw e; });
    if (!priced.product.active) throw unprocessable('Onbekend of inactief product / Unknown or inactive product', field('productId'), 'unknown_product');
    // A decision under a law takes only that law's products: Wmo → WMO, Jeugdwet → JZ (jeugdzorg).
    if (priced.product.category !== LAW_CATEGORY[law]) {
      throw unprocessable(law === 'jeugdwet'
        ? `${priced.product.name} is geen jeugdhulp; een Jeugdwet-besluit kent alleen jeugdhulpproducten (JZ) / Not a youth care product; a Jeugdwet decision takes JZ products only`
        : `${priced.product.name} is jeugdhulp; een Wmo-besluit kent alleen Wmo-producten / Not a Wmo product; a Wmo decision takes WMO products only`,
      field('productId'), 'product_law_mismatch');
    }
    if (priced.provider && !priced.provider.active) throw unprocessable('Inactieve aanbieder / Inactive provider', field('providerId'), 'unknown_provider');
    let amount: number | null = 0;
    if (l.granted) amount = l.form === 'PGB' ? l.pgb!.budgetEurocents : priced.eurocents;
    if (amount === null) {
      throw unprocessable('Deze aanbieder heeft geen tarief voor dit product over de hele periode / The provider has no tariff for this product over the whole period',
        field('providerId'), 'no_tariff');
    }
    lines.push({ ...l, amountEurocents: amount });
  }
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO wmo_decisions (notification_id, action_id, lines, contribution_notice, objection_clause) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [notificationId, actionId, JSON.stringify(lines), input.contributionNotice, input.objectionClause ?? DEFAULT_OBJECTION_CLAUSE]);
  await addLetterVersion(tx, row!.id, actorId, null);
  return row!.id;
}

async function latestDecisionRow(q: Queryable, notificationId: string): Promise<DecisionRow | null> {
  const [d] = await q.query<DecisionRow>(`${DECISION_SELECT} WHERE d.notification_id = $1 ORDER BY a.id DESC LIMIT 1`, [notificationId]);
  return d ? { ...d, lines: typeof d.lines === 'string' ? JSON.parse(d.lines) : d.lines } : null;
}

async function lineViews(q: Queryable, lines: StoredLine[]): Promise<DecisionLineView[]> {
  const { products, providers } = await catalogueNames(q, lines.map((l) => l.productId), lines.flatMap((l) => (l.providerId ? [l.providerId] : [])));
  return lines.map((l) => {
    const p = products.get(l.productId)!;
    return { ...l, productName: p.name, productCode: p.code, unit: p.unit, frequency: p.frequency,
      providerName: l.providerId ? providers.get(l.providerId)?.name ?? null : null };
  });
}

type LetterRow = { id: string; decision_id: string; version: number; template_version: number; created_at: Date; created_by: string | null;
  signed_at: Date | null; signed_by: string | null };
const LETTER_COLS = 'id, decision_id, version, template_version, created_at, created_by, signed_at, signed_by';

async function letterVersions(q: Queryable, decisionId: string): Promise<LetterVersion[]> {
  const rows = await q.query<LetterRow>(`SELECT ${LETTER_COLS} FROM wmo_letters WHERE decision_id = $1 ORDER BY version DESC`, [decisionId]);
  const names = await userNames(q, rows.flatMap((r) => [r.created_by, r.signed_by]));
  return rows.map((r) => ({ id: r.id, version: r.version, templateVersion: r.template_version, createdAt: new Date(r.created_at).toISOString(),
    createdByName: r.created_by ? names.get(r.created_by) ?? null : null, signedAt: r.signed_at ? new Date(r.signed_at).toISOString() : null,
    signedByName: r.signed_by ? names.get(r.signed_by) ?? null : null }));
}

/** The latest beschikking of a melding with its lines and letter versions, or null before the decide step. */
export async function decisionView(q: Queryable, notificationId: string): Promise<DecisionView | null> {
  const d = await latestDecisionRow(q, notificationId);
  if (!d) return null;
  return { id: d.id, decidedOn: d.decided_on, outcome: outcomeOf(d.lines), lines: await lineViews(q, d.lines), contributionNotice: d.contribution_notice,
    objectionClause: d.objection_clause, letters: await letterVersions(q, d.id) };
}

// The letter template

export type TemplateVersion = { version: number; body: string; createdAt: string; createdByName: string | null };

export async function templateVersions(q: Queryable, kind: TemplateKind = TemplateKind.WmoDecision): Promise<TemplateVersion[]> {
  const rows = await q.query<{ version: number; body: string; created_at: Date; created_by: string | null }>(
    'SELECT version, body, created_at, created_by FROM wmo_letter_templates WHERE kind = $1 ORDER BY version DESC', [kind]);
  const names = await userNames(q, rows.map((r) => r.created_by));
  return rows.map((r) => ({ version: r.version, body: r.body, createdAt: new Date(r.created_at).toISOString(), createdByName: r.created_by ? names.get(r.created_by) ?? null : null }));
}

async function template(q: Queryable, kind: TemplateKind, version?: number) {
  const [t] = await q.query<{ version: number; body: string }>(
    `SELECT version, body FROM wmo_letter_templates WHERE kind = $1 AND ($2::int IS NULL OR version = $2) ORDER BY version DESC LIMIT 1`,
    [kind, version ?? null]);
  if (!t) throw notFound('Briefsjabloon niet gevonden / Letter template not found');
  return t;
}

/** Saves a new version of the template; letters already made keep theirs. Unknown placeholders are refused. */
export async function saveTemplate(tx: Queryable, body: string, userId: string | null, kind: TemplateKind = TemplateKind.WmoDecision): Promise<TemplateVersion> {
  const unknown = unknownPlaceholders(body);
  if (unknown.length > 0) throw unprocessable(`Onbekende invulvelden: ${unknown.join(', ')} / Unknown placeholders: ${unknown.join(', ')}`, 'body', 'unknown_placeholder');
  await tx.query('LOCK TABLE wmo_letter_templates IN SHARE ROW EXCLUSIVE MODE');
  await tx.query(`INSERT INTO wmo_letter_templates (kind, version, body, created_by)
    SELECT $1, coalesce(max(version), 0) + 1, $2, $3 FROM wmo_letter_templates WHERE kind = $1`, [kind, body, userId]);
  return (await templateVersions(tx, kind))[0]!;
}

// Letter versions

/** Under 18 on `on`: a minor, whose letters go to the parents or legal representatives. */
export const isMinorOn = (birthDate: string | null, on: string) => { const age = ageOn(birthDate, on); return age !== null && age < 18; };

/**
 * Whom a letter about this client is written to, and the address block. An adult: the client. A
 * minor (under 18 on the letter's date): the parents or legal representatives named in the child's
 * own file (its related persons of kind representative), at the child's address; without names,
 * "de ouder(s) of wettelijk vertegenwoordiger(s) van" the child. Nothing is read from a parent's
 * own file: the youth file stays apart. `name` fills {{clientName}} (the salutation).
 */
export async function addresseeOf(tx: Queryable, clientId: string, on: string): Promise<{ name: string; address: string[]; minor: boolean }> {
  const client = await getClientRow(tx, clientId);
  const summary = (await clientSummaries(tx, [client.id])).get(client.id);
  const childName = summary?.name ?? client.surname;
  const street = [client.street, client.house_number, client.house_number_addition].filter((x) => x !== null && x !== '').join(' ');
  const place = [client.postcode ? formatPostcode(client.postcode) : null, client.city].filter(Boolean).join(' ');
  const minor = isMinorOn(summary?.birthDate ?? null, on);
  if (!minor) return { name: childName, address: [childName, street, place].filter((x) => x.trim().length > 0), minor };
  const reps = (await relatedPersonsOf(tx, clientId, 'representative')).map((r) => r.name);
  const to = reps.length > 0 ? reps.join(' en ') : 'ouder(s) of wettelijk vertegenwoordiger(s) van ' + childName;
  const head = reps.length > 0 ? [to, `(${reps.length > 1 ? 'ouders of wettelijk vertegenwoordigers' : 'ouder of wettelijk vertegenwoordiger'} van ${childName})`]
    : ['Aan de ouder(s) of wettelijk vertegenwoordiger(s) van', childName];
  return { name: to, address: [...head, street, place].filter((x) => x.trim().length > 0), minor };
}

export const letterReference = (notificationId: string) => `WMO-${notificationId.slice(0, 8).toUpperCase()}`;
export const LETTER_TITLE = 'Besluit over uw aanvraag Wmo-ondersteuning (beschikking)';
export const YOUTH_LETTER_TITLE = 'Besluit over uw aanvraag jeugdhulp (beschikking)';
const TITLE_OF: Record<Law, string> = { wmo: LETTER_TITLE, jeugdwet: YOUTH_LETTER_TITLE };

/**
 * Renders the decision's letter and stores it as the next version: from the newest template, or
 * (when signing) from the template of the version that was read before signing.
 */
async function addLetterVersion(tx: Queryable, decisionId: string, actorId: string | null, signer: { id: string; templateVersion: number } | null): Promise<string> {
  const [d] = await tx.query<DecisionRow & { client_id: string; application_on: string | null; law: Law }>(
    `SELECT d.id, d.notification_id, to_char(a.on_date, 'YYYY-MM-DD') AS decided_on, d.lines, d.contribution_notice, d.objection_clause, n.client_id, n.law,
       (SELECT to_char(max(on_date), 'YYYY-MM-DD') FROM wmo_actions WHERE notification_id = d.notification_id AND type = 'receiveApplication') AS application_on
     FROM wmo_decisions d JOIN wmo_actions a ON a.id = d.action_id JOIN wmo_notifications n ON n.id = d.notification_id WHERE d.id = $1`, [decisionId]);
  const lines: StoredLine[] = typeof d!.lines === 'string' ? JSON.parse(d!.lines) : d!.lines;
  const today = amsterdamDate(new Date());
  const { name, address } = await addresseeOf(tx, d!.client_id, signer ? today : d!.decided_on);
  const tpl = await template(tx, TEMPLATE_OF[d!.law], signer?.templateVersion);
  const signerName = signer ? (await userNames(tx, [signer.id])).get(signer.id) ?? '' : '';
  const reference = letterReference(d!.notification_id);
  const signature = signer
    ? `Met vriendelijke groet,\nnamens het college van burgemeester en wethouders van Rotterdam,\n\n${signerName}\nOndertekend op ${dutchDate(today)}`
    : 'Met vriendelijke groet,\nnamens het college van burgemeester en wethouders van Rotterdam,\n\n(nog niet ondertekend)';
  const views = await lineViews(tx, lines);
  const blocks = letterBlocks(tpl.body, {
    clientName: name, address: address.join('\n'), reference, applicationDate: d!.application_on ? dutchDate(d!.application_on) : dutchDate(d!.decided_on),
    decisionDate: dutchDate(d!.decided_on), provisions: views.map(provisionText).join('\n\n'), contributionNotice: d!.contribution_notice,
    objectionClause: d!.objection_clause, signature,
  });
  const pdf = await letterPdf({ sender: 'Gemeente Rotterdam', addressLines: address, reference, date: dutchDate(signer ? today : d!.decided_on), title: TITLE_OF[d!.law],
    draft: signer === null }, blocks);
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO wmo_letters (decision_id, version, template_version, pdf, created_by, signed_by, signed_at)
     SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5::uuid, CASE WHEN $5::uuid IS NULL THEN NULL ELSE now() END FROM wmo_letters WHERE decision_id = $1
     RETURNING id`, [decisionId, tpl.version, pdf, actorId, signer?.id ?? null]);
  return row!.id;
}

/** Regenerates the letter of a melding's latest decision from the newest template (e.g. after a template change); older versions stay. */
export async function regenerateLetter(tx: Queryable, notificationId: string, actorId: string | null): Promise<void> {
  const d = await latestDecisionRow(tx, notificationId);
  if (!d) throw conflict('Er is nog geen beschikking op deze melding / This melding has no decision yet', 'no_decision');
  await lockLetters(tx, d.id);
  const [signed] = await tx.query('SELECT 1 FROM wmo_letters WHERE decision_id = $1 AND signed_at IS NOT NULL', [d.id]);
  if (signed) throw conflict('De brief is al ondertekend en verstuurd / The letter has been signed and sent', 'letter_signed');
  await addLetterVersion(tx, d.id, actorId, null);
}

const lockLetters = (tx: Queryable, decisionId: string) => tx.query('SELECT id FROM wmo_decisions WHERE id = $1 FOR UPDATE', [decisionId]);

/**
 * Signs the version the signer read (`letterId`, it must still be the newest): refused with 403
 * when the signer's mandate does not cover every provision (no_mandate, mandate_exceeded), 409 when
 * it was signed already or a newer version exists. The signed letter is a new version. The same
 * signer signing the same version again changes nothing (a retry is safe).
 */
export async function signLetter(tx: Queryable, notificationId: string, letterId: string, signerId: string): Promise<void> {
  const d = await latestDecisionRow(tx, notificationId);
  if (!d) throw conflict('Er is nog geen beschikking op deze melding / This melding has no decision yet', 'no_decision');
  await lockLetters(tx, d.id);
  const versions = await tx.query<LetterRow>(`SELECT ${LETTER_COLS} FROM wmo_letters WHERE decision_id = $1 ORDER BY version DESC`, [d.id]);
  const read = versions.find((v) => v.id === letterId);
  const signed = versions.find((v) => v.signed_at);
  if (signed) {
    // The same signature again (a retry, a double click): it is done, nothing changes.
    if (read && signed.signed_by === signerId && signed.version === read.version + 1) return;
    throw conflict('De brief is al ondertekend / The letter has been signed already', 'letter_signed');
  }
  if (!read) throw notFound('Briefversie niet gevonden / Letter version not found');
  if (read.id !== versions[0]!.id) throw conflict(`Er is een nieuwere versie (${versions[0]!.version}); lees die eerst / A newer version exists; read it first`, 'letter_outdated');
  await checkMandate(tx, signerId, await lineViews(tx, d.lines));
  await addLetterVersion(tx, d.id, signerId, { id: signerId, templateVersion: read.template_version });
}

/** Every provision of the decision needs a mandate of the signer for its product (or all products) up to at least its amount. */
async function checkMandate(q: Queryable, userId: string, lines: DecisionLineView[]) {
  const mandates = await q.query<{ product_id: string | null; max_eurocents: number }>(
    'SELECT product_id, max_eurocents FROM wmo_mandates WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
  for (const l of lines) {
    const covering = mandates.filter((m) => m.product_id === null || m.product_id === l.productId);
    if (covering.length === 0) {
      throw new AppError('no_mandate', 403, `U heeft geen mandaat voor ${l.productName} / You have no mandate for ${l.productName}`);
    }
    const max = Math.max(...covering.map((m) => m.max_eurocents));
    if ((l.amountEurocents ?? 0) > max) {
      throw new AppError('mandate_exceeded', 403, `${l.productName}: ${euros(l.amountEurocents!)} is meer dan uw mandaat van ${euros(max)} / `
        + `${l.productName}: the amount is above your mandate`, undefined, { amountEurocents: l.amountEurocents, mandateEurocents: max });
    }
  }
}

/** The PDF of one version of a melding's letter (staff), or 404. */
export async function letterPdfOf(q: Queryable, notificationId: string, letterId: string): Promise<{ pdf: Buffer; version: number }> {
  const [r] = await q.query<{ pdf: Uint8Array; version: number }>(
    `SELECT l.pdf, l.version FROM wmo_letters l JOIN wmo_decisions d ON d.id = l.decision_id WHERE l.id = $1 AND d.notification_id = $2`, [letterId, notificationId]);
  if (!r) throw notFound('Brief niet gevonden / Letter not found');
  return { pdf: Buffer.from(r.pdf), version: r.version };
}

export type SentLetter = { id: string; clientId: string; title: string; date: string };

/** The signed (sent) letters of these clients, newest first: what the client sees in Mijn Wegwijs. */
export const sentLettersOfClients = (q: Queryable, clientIds: readonly string[]) => q.query<SentLetter>(
  `SELECT l.id, n.client_id AS "clientId", CASE n.law WHEN 'jeugdwet' THEN $3::text ELSE $2::text END AS title, to_char(l.signed_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS date
   FROM wmo_letters l JOIN wmo_decisions d ON d.id = l.decision_id JOIN wmo_notifications n ON n.id = d.notification_id
   WHERE n.client_id = ANY($1::uuid[]) AND l.signed_at IS NOT NULL ORDER BY l.signed_at DESC`, [[...clientIds], LETTER_TITLE, YOUTH_LETTER_TITLE]);

/** A signed letter's PDF when it belongs to one of these clients, else null (the caller answers 404 without saying whose it is). */
export async function sentLetterPdf(q: Queryable, letterId: string, clientIds: readonly string[]): Promise<{ pdf: Buffer; clientId: string } | null> {
  const [r] = await q.query<{ pdf: Uint8Array; client_id: string }>(
    `SELECT l.pdf, n.client_id FROM wmo_letters l JOIN wmo_decisions d ON d.id = l.decision_id JOIN wmo_notifications n ON n.id = d.notification_id
     WHERE l.id = $1 AND l.signed_at IS NOT NULL AND n.client_id = ANY($2::uuid[])`, [letterId, [...clientIds]]);
  return r ? { pdf: Buffer.from(r.pdf), clientId: r.client_id } : null;
}

// Mandates

export type Mandate = { id: string; userId: string; userName: string | null; productId: string | null; maxEurocents: number; createdAt: string };

export async function listMandates(q: Queryable): Promise<Mandate[]> {
  const rows = await q.query<{ id: string; user_id: string; product_id: string | null; max_eurocents: number; created_at: Date }>(
    'SELECT id, user_id, product_id, max_eurocents, created_at FROM wmo_mandates WHERE revoked_at IS NULL ORDER BY created_at');
  const names = await userNames(q, rows.map((r) => r.user_id));
  return rows.map((r) => ({ id: r.id, userId: r.user_id, userName: names.get(r.user_id) ?? null, productId: r.product_id, maxEurocents: r.max_eurocents,
    createdAt: new Date(r.created_at).toISOString() }));
}

export async function createMandate(tx: Queryable, m: { userId: string; productId: string | null; maxEurocents: number }, createdBy: string | null): Promise<Mandate> {
  if ((await userNames(tx, [m.userId])).size === 0) throw unprocessable('Gebruiker niet gevonden / User not found', 'userId', 'unknown_user');
  if (m.productId) await catalogueNames(tx, [m.productId], []).catch(() => { throw unprocessable('Product niet gevonden / Product not found', 'productId', 'unknown_product'); });
  const [r] = await tx.query<{ id: string }>('INSERT INTO wmo_mandates (user_id, product_id, max_eurocents, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
    [m.userId, m.productId, m.maxEurocents, createdBy]);
  return (await listMandates(tx)).find((x) => x.id === r!.id)!;
}

export async function revokeMandate(tx: Queryable, id: string): Promise<void> {
  const rows = await tx.query('UPDATE wmo_mandates SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id]);
  if (rows.length === 0) throw notFound('Mandaat niet gevonden / Mandate not found');
}
