import { createHash } from 'node:crypto';
import type { Queryable } from './db.ts';
import type { RequestContext } from './access/context.ts';

/**
 * Processing activities (verwerkingsactiviteiten, VNG Verwerkingenlogging): the purpose under
 * which personal data is processed. Every audit row names one.
 */
export const ProcessingActivity = {
  ClientRegistration: 'client_registration',
  FrontDesk: 'front_desk',
  BasicSupport: 'basic_support',
  WmoAccess: 'wmo_access',
  YouthCare: 'youth_care',
  Referral: 'referral',
  SafetyProtocol: 'safety_protocol',
  Administration: 'administration',
  Security: 'security',
  Oversight: 'oversight',
} as const;
export type ProcessingActivity = (typeof ProcessingActivity)[keyof typeof ProcessingActivity];

export type AuditEvent = {
  action: string;
  activity: ProcessingActivity;
  outcome: 'success' | 'denied' | 'error';
  clientId?: string | null;
  breakGlassId?: string | null;
  /** Never personal data such as a BSN or a name: ids, counts, field names. */
  details?: Record<string, unknown>;
};

const GENESIS = '0'.repeat(64);
const CHAIN_LOCK = 7513002;

type ChainFields = {
  at: string;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_roles: string[];
  on_behalf_of: string | null;
  action: string;
  processing_activity: string;
  client_id: string | null;
  outcome: string;
  break_glass_id: string | null;
  remote_addr: string | null;
  request_id: string | null;
  details: unknown;
};

/**
 * Canonical JSON (sorted keys) so the hash does not depend on key order from the database.
 * It sees what JSON.stringify stores: keys with undefined values are left out, dates become strings.
 */
function canonical(v: unknown): string {
  if (v && typeof (v as { toJSON?: unknown }).toJSON === 'function') return canonical((v as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export function rowHash(prevHash: string, f: ChainFields): string {
  return createHash('sha256').update(prevHash).update('|').update(canonical(f)).digest('hex');
}

/**
 * Appends one row to the hash chain. Call it inside the transaction of the change it records,
 * so the data change and its audit row commit (or roll back) together.
 */
export async function writeAudit(tx: Queryable, ctx: RequestContext, e: AuditEvent): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
  const last = await tx.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const prev = last[0]?.hash ?? GENESIS;
  const f: ChainFields = {
    at: new Date().toISOString(),
    actor_user_id: ctx.actor.id,
    actor_name: ctx.actor.name,
    actor_roles: [...ctx.actor.roles].sort(),
    on_behalf_of: ctx.actor.onBehalfOf ?? null,
    action: e.action,
    processing_activity: e.activity,
    client_id: e.clientId ?? null,
    outcome: e.outcome,
    break_glass_id: e.breakGlassId ?? null,
    remote_addr: ctx.remoteAddr ?? null,
    request_id: ctx.requestId ?? null,
    details: e.details ?? {},
  };
  await tx.query(
    `INSERT INTO audit_log (at, actor_user_id, actor_name, actor_roles, on_behalf_of, action, processing_activity,
       client_id, outcome, break_glass_id, remote_addr, request_id, details, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
    [f.at, f.actor_user_id, f.actor_name, f.actor_roles, f.on_behalf_of, f.action, f.processing_activity, f.client_id,
      f.outcome, f.break_glass_id, f.remote_addr, f.request_id, JSON.stringify(f.details), prev, rowHash(prev, f)],
  );
}

export type VerifyResult = { ok: boolean; checked: number; firstBrokenId: number | null; problem?: string };

/** Walks the chain in order and reports the first row whose hash or link does not match. */
export async function verifyAuditChain(q: Queryable, batch = 5000): Promise<VerifyResult> {
  let prev = GENESIS;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = await q.query<ChainFields & { id: number; at: Date; prev_hash: string; hash: string }>(
      'SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2', [afterId, batch]);
    if (rows.length === 0) return { ok: true, checked, firstBrokenId: null };
    for (const r of rows) {
      const f: ChainFields = {
        at: new Date(r.at).toISOString(), actor_user_id: r.actor_user_id, actor_name: r.actor_name,
        actor_roles: r.actor_roles, on_behalf_of: r.on_behalf_of, action: r.action,
        processing_activity: r.processing_activity, client_id: r.client_id, outcome: r.outcome,
        break_glass_id: r.break_glass_id, remote_addr: r.remote_addr, request_id: r.request_id, details: r.details,
      };
      if (r.prev_hash !== prev) return { ok: false, checked, firstBrokenId: Number(r.id), problem: 'link to previous row broken (row removed or reordered)' };
      if (rowHash(prev, f) !== r.hash) return { ok: false, checked, firstBrokenId: Number(r.id), problem: 'row content does not match its hash (row altered)' };
      prev = r.hash;
      afterId = Number(r.id);
      checked++;
    }
  }
}
