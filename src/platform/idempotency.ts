import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Queryable } from './db.ts';
import { badRequest, conflict } from './errors.ts';

/** The `Idempotency-Key` header of a creating command, or undefined. */
export function idempotencyKeyOf(req: FastifyRequest): string | undefined {
  const v = req.headers['idempotency-key'];
  const key = Array.isArray(v) ? v[0] : v;
  if (key === undefined) return undefined;
  if (!/^[\w.:-]{8,128}$/.test(key)) throw badRequest('Idempotency-Key moet 8–128 tekens [A-Za-z0-9_.:-] zijn / must be 8–128 characters', 'Idempotency-Key');
  return key;
}

const hashOf = (v: unknown) => createHash('sha256').update(JSON.stringify(v ?? null)).digest('hex');

/**
 * Runs a creating command once per key. Call it inside the command's transaction: the key row
 * is inserted first, so a concurrent request with the same key waits on that row (PostgreSQL)
 * or on the transaction (PGlite) and then replays the stored response. Without a key the
 * command simply runs. The same key with a different request is refused (409).
 */
export async function once<T>(tx: Queryable, scope: string, key: string | undefined, request: unknown, run: () => Promise<T>): Promise<T> {
  if (!key) return run();
  const requestHash = hashOf(request);
  const claimed = await tx.query('INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING RETURNING key',
    [scope, key, requestHash]);
  if (claimed.length === 0) {
    const [prev] = await tx.query<{ request_hash: string; response: T | null }>('SELECT request_hash, response FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
    if (!prev || prev.request_hash !== requestHash || prev.response === null) {
      throw conflict('Deze Idempotency-Key is al gebruikt voor een ander verzoek / This Idempotency-Key was used for a different request', 'idempotency_key_reused');
    }
    return prev.response;
  }
  const result = await run();
  await tx.query('UPDATE idempotency_keys SET response = $3 WHERE scope = $1 AND key = $2', [scope, key, JSON.stringify(result)]);
  return result;
}
