import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, badRequest } from './errors.ts';

/**
 * Optimistic concurrency for every record that is changed in place (docs/architecture.md
 * "Versions and If-Match"). The record has a `version` column; reads answer with
 * `ETag: "<version>"`; a change must send `If-Match` with the version it was based on and bumps it
 * in the same UPDATE (`... SET version = version + 1 WHERE id = $1 AND version = $2`). Without the
 * header: 428; on an older version: 412 with the current version and record, so the client can show
 * what someone else changed instead of silently undoing it (RFC 9110 §13.1.1, RFC 6585 §3).
 */

/** Route schema `headers` of a change to a versioned record; declares If-Match in the OpenAPI document. */
export const IfMatchHeaders = z.object({
  // Optional here so that a missing header gets the 428 of versionOf(), not a 400 from validation.
  'if-match': z.string().max(100).optional()
    .describe('De ETag van de versie waarop deze wijziging is gebaseerd; verplicht (428 zonder, 412 als die verouderd is) / The ETag of the version this change is based on; required (428 without, 412 when stale)'),
});

export const etagOf = (version: number) => `"${version}"`;

/** The version named in If-Match (`"3"` or `W/"3"`); 428 without the header. */
export function versionOf(req: FastifyRequest): number {
  const raw = req.headers['if-match'];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!value) {
    throw new AppError('precondition_required', 428,
      'Stuur de versie waarop deze wijziging is gebaseerd mee in de If-Match-header / Send the version this change is based on in the If-Match header', 'If-Match');
  }
  const m = /^(?:W\/)?"(\d{1,9})"$/.exec(value);
  // `*` or a list would let a change pass without naming what it saw: refused like any malformed value.
  if (!m) throw badRequest('If-Match moet één ETag zijn, zoals "3" / If-Match must be one ETag, such as "3"', 'If-Match', 'invalid_if_match');
  return Number(m[1]);
}

/** 412: the record changed since the client read it; the body carries the current version and record. */
export function versionConflict(currentVersion: number, current?: unknown): AppError {
  return new AppError('version_conflict', 412,
    'Iemand anders heeft dit intussen gewijzigd; bekijk de wijzigingen en sla opnieuw op / Someone else changed this in the meantime; review the changes and save again',
    undefined, { currentVersion, ...(current === undefined ? {} : { current }) });
}

/** Sets the ETag of a read or changed record and returns the record (for `return withETag(reply, view)`). */
export function withETag<T extends { version: number }>(reply: FastifyReply, record: T): T {
  reply.header('ETag', etagOf(record.version));
  return record;
}

/**
 * Runs a conditional UPDATE (`... AND version = $n RETURNING ...`). Nothing updated: `current` tells
 * whether the record is gone (its not-found error) or was changed by someone else (412 with it).
 */
export async function updateVersioned<T extends { version: number }>(
  update: () => Promise<T | undefined>, current: () => Promise<T | undefined>, missing: () => AppError,
): Promise<T> {
  const updated = await update();
  if (updated) return updated;
  const now = await current();
  if (!now) throw missing();
  throw versionConflict(now.version, now);
}

/**
 * In the OpenAPI document: an operation that takes If-Match also answers 412 and 428, and the 200
 * responses on its path (the change and a GET of the same record) carry the ETag header.
 */
export function declareVersioning(doc: Record<string, unknown>): Record<string, unknown> {
  type Op = { parameters?: { in?: string; name?: string }[]; responses?: Record<string, { description?: string; headers?: Record<string, unknown> }> };
  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { type: 'object' } } } });
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Record<string, Op>>)) {
    const ops = Object.values(item).filter((op): op is Op => !!op && typeof op === 'object' && 'responses' in op);
    const changes = ops.filter((op) => op.parameters?.some((p) => p.in === 'header' && p.name?.toLowerCase() === 'if-match'));
    if (changes.length === 0) continue;
    for (const op of changes) {
      op.responses = { ...op.responses,
        412: problem('De versie in If-Match is verouderd (code version_conflict; currentVersion en current in de body) / The version in If-Match is stale'),
        428: problem('If-Match ontbreekt (code precondition_required) / If-Match is missing') };
    }
    for (const op of ops) {
      const ok = op.responses?.['200'];
      if (ok) ok.headers = { ...ok.headers, ETag: { description: 'De versie van het record / The record\'s version, e.g. "3"', schema: { type: 'string' } } };
    }
  }
  return doc;
}
