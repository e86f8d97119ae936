import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../platform/db.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { sha256 } from '../../platform/auth/sessions.ts';
import { Scope } from '../../platform/access/permissions.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { updateVersioned } from '../../platform/versioning.ts';
import { getProvider } from '../indications/catalogue-store.ts';

/** Every scope an API client of a GP practice can hold (SMART on FHIR "system" scopes). */
export const ALL_SCOPES: readonly Scope[] = [Scope.ServiceRequestWrite, Scope.TaskRead];

/** Access tokens live 15 minutes: long enough for a batch, short enough that a leak expires soon. */
export const TOKEN_SECONDS = 900;

/** The scopes of a care provider's API client: post iWmo messages to the hub endpoint and fetch its own (docs/iwmo.md). */
export const PROVIDER_SCOPES: readonly Scope[] = [Scope.IwmoMessageWrite, Scope.IwmoMessageRead];

/**
 * Whose API client it is: a GP practice (its id) or a care provider (issue 18: providers fetch
 * their iWmo messages as machine clients). One table, one token endpoint, one authenticator.
 */
export type ApiClientOwner = string | { providerId: string };
const ownerColumn = (o: ApiClientOwner): ['practice_id' | 'provider_id', string] => (typeof o === 'string' ? ['practice_id', o] : ['provider_id', o.providerId]);

export type Practice = { id: string; name: string; agbCode: string; active: boolean; createdAt: Date; version: number };
export type ApiClient = {
  id: string; practiceId: string | null; providerId: string | null; clientId: string; name: string; scopes: string[];
  createdAt: Date; secretRotatedAt: Date; revokedAt: Date | null;
};
/** The authenticated caller of the FHIR API. */
export type ApiCaller = { apiClientId: string; clientId: string; practiceId: string; practiceName: string; practiceAgbCode: string; scopes: string[] };
/** The authenticated caller of the iWmo hub endpoint: a care provider's system. */
export type ProviderCaller = { apiClientId: string; clientId: string; providerId: string; providerName: string; providerAgbCode: string; scopes: string[] };

const newSecret = () => `wws_${randomBytes(32).toString('base64url')}`;

const PRACTICE_COLS = `id, name, agb_code AS "agbCode", active, created_at AS "createdAt", version`;
const CLIENT_COLS = `id, practice_id AS "practiceId", provider_id AS "providerId", client_id AS "clientId", name, scopes, created_at AS "createdAt",
  secret_rotated_at AS "secretRotatedAt", revoked_at AS "revokedAt"`;

const duplicate = (e: unknown, message: string, code: string) => {
  if ((e as { code?: string }).code === '23505') return conflict(message, code);
  return e;
};

export const listPractices = (q: Queryable) => q.query<Practice>(`SELECT ${PRACTICE_COLS} FROM gp_practices ORDER BY name`);

/** Practices by id, for modules that name them (the network's GP partners). */
export async function practicesByIds(q: Queryable, ids: readonly string[]): Promise<Map<string, Practice>> {
  if (ids.length === 0) return new Map();
  const rows = await q.query<Practice>(`SELECT ${PRACTICE_COLS} FROM gp_practices WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]);
  return new Map(rows.map((p) => [p.id, p]));
}

export async function getPractice(q: Queryable, id: string): Promise<Practice> {
  const [p] = await q.query<Practice>(`SELECT ${PRACTICE_COLS} FROM gp_practices WHERE id = $1`, [id]);
  if (!p) throw notFound('Praktijk niet gevonden / Practice not found');
  return p;
}

export async function createPractice(tx: Queryable, input: { name: string; agbCode: string }): Promise<Practice> {
  try {
    const [p] = await tx.query<Practice>(`INSERT INTO gp_practices (name, agb_code) VALUES ($1, $2) RETURNING ${PRACTICE_COLS}`, [input.name, input.agbCode]);
    return p!;
  } catch (e) {
    throw duplicate(e, 'Er is al een praktijk met deze AGB-code / A practice with this AGB code already exists', 'duplicate_agb_code');
  }
}

/** Changes a practice based on `version` (If-Match): 412 with the current practice when someone else changed it since. */
export async function updatePractice(tx: Queryable, id: string, input: { name?: string; active?: boolean }, version: number): Promise<Practice> {
  return updateVersioned(
    async () => (await tx.query<Practice>(
      `UPDATE gp_practices SET name = coalesce($2, name), active = coalesce($3, active), version = version + 1 WHERE id = $1 AND version = $4 RETURNING ${PRACTICE_COLS}`,
      [id, input.name ?? null, input.active ?? null, version]))[0],
    async () => (await tx.query<Practice>(`SELECT ${PRACTICE_COLS} FROM gp_practices WHERE id = $1`, [id]))[0],
    () => notFound('Praktijk niet gevonden / Practice not found'));
}

export const listApiClients = (q: Queryable, owner: ApiClientOwner) =>
  q.query<ApiClient>(`SELECT ${CLIENT_COLS} FROM api_clients WHERE ${ownerColumn(owner)[0]} = $1 ORDER BY created_at`, [ownerColumn(owner)[1]]);

async function getApiClient(q: Queryable, owner: ApiClientOwner, id: string): Promise<ApiClient> {
  const [column, ownerId] = ownerColumn(owner);
  const [c] = await q.query<ApiClient>(`SELECT ${CLIENT_COLS} FROM api_clients WHERE id = $1 AND ${column} = $2`, [id, ownerId]);
  if (!c) throw notFound('API-client niet gevonden / API client not found');
  return c;
}

/**
 * Registers an API client for a practice. The secret is returned once and stored only as a
 * scrypt hash. `fixed` is for the demo data only (a known id and secret printed in the README).
 */
export async function createApiClient(tx: Queryable, owner: ApiClientOwner, input: { name: string; scopes?: readonly string[] },
  fixed?: { clientId: string; secret: string }): Promise<ApiClient & { clientSecret: string }> {
  const [column, ownerId] = ownerColumn(owner);
  if (column === 'practice_id') await getPractice(tx, ownerId);
  else await getProvider(tx, ownerId);
  const clientId = fixed?.clientId ?? `wwc_${randomBytes(12).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x')}`;
  const secret = fixed?.secret ?? newSecret();
  try {
    const [c] = await tx.query<ApiClient>(
      `INSERT INTO api_clients (${column}, client_id, name, secret_hash, scopes) VALUES ($1,$2,$3,$4,$5) RETURNING ${CLIENT_COLS}`,
      [ownerId, clientId, input.name, await hashPassword(secret), [...(input.scopes ?? (column === 'practice_id' ? ALL_SCOPES : PROVIDER_SCOPES))]]);
    return { ...c!, clientSecret: secret };
  } catch (e) {
    throw duplicate(e, 'Deze client-id bestaat al / This client id already exists', 'duplicate_client_id');
  }
}

/** A new secret (shown once); the old one stops working at once and its tokens are withdrawn. */
export async function rotateSecret(tx: Queryable, owner: ApiClientOwner, id: string): Promise<ApiClient & { clientSecret: string }> {
  const c = await getApiClient(tx, owner, id);
  if (c.revokedAt) throw conflict('Deze API-client is ingetrokken / This API client is revoked', 'api_client_revoked');
  const secret = newSecret();
  await tx.query('UPDATE api_clients SET secret_hash = $2, secret_rotated_at = now() WHERE id = $1', [id, await hashPassword(secret)]);
  await tx.query('DELETE FROM api_tokens WHERE api_client_id = $1', [id]);
  return { ...(await getApiClient(tx, owner, id)), clientSecret: secret };
}

/** Revoking is final: the client can get no new token, and its current tokens stop working. */
export async function revokeApiClient(tx: Queryable, owner: ApiClientOwner, id: string): Promise<ApiClient> {
  await getApiClient(tx, owner, id);
  await tx.query('UPDATE api_clients SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1', [id]);
  await tx.query('DELETE FROM api_tokens WHERE api_client_id = $1', [id]);
  return getApiClient(tx, owner, id);
}

export type TokenResult =
  | { ok: true; accessToken: string; expiresIn: number; scopes: string[]; apiClientId: string }
  | { ok: false; error: 'invalid_client' | 'invalid_scope' };

/**
 * OAuth 2.0 client credentials grant (RFC 6749 §4.4). The requested scopes must be a subset of
 * the client's; none requested means all of them. The token is random and stored hashed.
 */
export async function issueToken(q: Queryable, clientId: string, secret: string, requested?: string): Promise<TokenResult> {
  const [c] = await q.query<{ id: string; secret_hash: string; scopes: string[]; provider_id: string | null }>(
    `SELECT c.id, c.secret_hash, c.scopes, c.provider_id FROM api_clients c LEFT JOIN gp_practices p ON p.id = c.practice_id
     WHERE c.client_id = $1 AND c.revoked_at IS NULL AND (p.active OR c.provider_id IS NOT NULL)`, [clientId]);
  // Verify against a dummy hash when the client is unknown, so timing does not reveal which ids exist.
  const ok = await verifyPassword(secret, c?.secret_hash ?? DUMMY_HASH);
  if (!c || !ok || (c.provider_id && !(await getProvider(q, c.provider_id)).active)) return { ok: false, error: 'invalid_client' };
  const scopes = requested?.trim() ? [...new Set(requested.trim().split(/\s+/))] : c.scopes;
  if (scopes.some((s) => !c.scopes.includes(s))) return { ok: false, error: 'invalid_scope' };
  const token = `wwt_${randomBytes(32).toString('base64url')}`;
  await q.query(`INSERT INTO api_tokens (token_hash, api_client_id, scopes, expires_at) VALUES ($1,$2,$3, now() + make_interval(secs => $4))`,
    [sha256(token), c.id, scopes, TOKEN_SECONDS]);
  await q.query(`DELETE FROM api_tokens WHERE expires_at < now() - interval '1 day'`);
  return { ok: true, accessToken: token, expiresIn: TOKEN_SECONDS, scopes, apiClientId: c.id };
}
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** The caller behind a bearer token, or null when it is unknown, expired or revoked. */
export async function findCallerByToken(q: Queryable, token: string): Promise<ApiCaller | null> {
  const [row] = await q.query<ApiCaller>(
    `SELECT c.id AS "apiClientId", c.client_id AS "clientId", p.id AS "practiceId", p.name AS "practiceName",
       p.agb_code AS "practiceAgbCode", t.scopes
     FROM api_tokens t JOIN api_clients c ON c.id = t.api_client_id JOIN gp_practices p ON p.id = c.practice_id
     WHERE t.token_hash = $1 AND t.expires_at > now() AND c.revoked_at IS NULL AND p.active`, [sha256(token)]);
  return row ?? null;
}

/** The care provider behind a bearer token, or null when it is unknown, expired, revoked, a practice's, or the provider is inactive. */
export async function findProviderCallerByToken(q: Queryable, token: string): Promise<ProviderCaller | null> {
  const [row] = await q.query<{ apiClientId: string; clientId: string; providerId: string; scopes: string[] }>(
    `SELECT c.id AS "apiClientId", c.client_id AS "clientId", c.provider_id AS "providerId", t.scopes
     FROM api_tokens t JOIN api_clients c ON c.id = t.api_client_id
     WHERE t.token_hash = $1 AND t.expires_at > now() AND c.revoked_at IS NULL AND c.provider_id IS NOT NULL`, [sha256(token)]);
  if (!row) return null;
  const provider = await getProvider(q, row.providerId);
  return provider.active ? { ...row, providerName: provider.name, providerAgbCode: provider.agbCode } : null;
}
