import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { appendFileSync, linkSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db, Queryable } from './db.ts';
import type { RequestContext } from './access/context.ts';
import { type Config, ConfigError } from './config.ts';

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
/** Held (per transaction, tried, never waited for) by the one sequencer that seals and signs. */
const SEAL_LOCK = 7513003;

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
type StoredRow = Omit<ChainFields, 'at'> & { id: number; at: Date; seq: number | null; prev_hash: string | null; hash: string | null };

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

/** The hashed fields of a stored row: always read back from the database, so sealing and verifying see the same values. */
function fieldsOf(r: StoredRow): ChainFields {
  return {
    at: new Date(r.at).toISOString(), actor_user_id: r.actor_user_id, actor_name: r.actor_name, actor_roles: r.actor_roles,
    on_behalf_of: r.on_behalf_of, action: r.action, processing_activity: r.processing_activity, client_id: r.client_id,
    outcome: r.outcome, break_glass_id: r.break_glass_id, remote_addr: r.remote_addr, request_id: r.request_id, details: r.details,
  };
}

function newRow(ctx: RequestContext, e: AuditEvent): ChainFields {
  return {
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
}

/** One INSERT for any number of rows (one parameter: the rows as JSON). Unsealed: seq and hashes stay NULL. */
async function insertRows(q: Queryable, rows: ChainFields[]): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (at, actor_user_id, actor_name, actor_roles, on_behalf_of, action, processing_activity,
       client_id, outcome, break_glass_id, remote_addr, request_id, details)
     SELECT r.at, r.actor_user_id, r.actor_name, ARRAY(SELECT jsonb_array_elements_text(r.actor_roles)), r.on_behalf_of, r.action,
       r.processing_activity, r.client_id, r.outcome, r.break_glass_id, r.remote_addr, r.request_id, r.details
     FROM jsonb_to_recordset($1::jsonb) AS r(at timestamptz, actor_user_id uuid, actor_name text, actor_roles jsonb, on_behalf_of text,
       action text, processing_activity text, client_id uuid, outcome text, break_glass_id uuid, remote_addr text, request_id text, details jsonb)`,
    [JSON.stringify(rows)]);
}

let writerOff = false;
/** Benchmarks only (WEGWIJS_BENCH_AUDIT_OFF, refused by the config outside demo/bench): no audit rows at all. */
export function setAuditWriterOff(off: boolean) {
  writerOff = off;
}

/**
 * Appends one row to the audit log: a plain INSERT, no lock. Call it inside the transaction of
 * the change it records, so the data change and its audit row commit (or roll back) together.
 * The sequencer seals it into the hash chain within a second (sealAudit).
 */
export async function writeAudit(tx: Queryable, ctx: RequestContext, e: AuditEvent): Promise<void> {
  if (writerOff) return;
  await insertRows(tx, [newRow(ctx, e)]);
}

type Waiting = { row: ChainFields; resolve: () => void; reject: (e: unknown) => void };
const groups = new WeakMap<Db, { waiting: Waiting[]; flushing: boolean }>();

/**
 * Appends one row in its own commit, shared with the rows of concurrent requests (group commit):
 * while one batch commits, the next ones gather, so under load one commit carries many requests'
 * rows. Resolves only after the commit, so a read's audit row is durable before its response leaves.
 * For reads and refusals, after (never inside) a transaction on the same db: PGlite runs one
 * transaction at a time, so waiting for this commit inside one would wait forever. A data change
 * uses writeAudit in its own transaction.
 */
export function appendAudit(db: Db, ctx: RequestContext, e: AuditEvent): Promise<void> {
  if (writerOff) return Promise.resolve();
  const g = groups.get(db) ?? { waiting: [], flushing: false };
  groups.set(db, g);
  return new Promise<void>((resolve, reject) => {
    g.waiting.push({ row: newRow(ctx, e), resolve, reject });
    if (!g.flushing) void flushGroup(db, g);
  });
}

async function flushGroup(db: Db, g: { waiting: Waiting[]; flushing: boolean }) {
  g.flushing = true;
  while (g.waiting.length > 0) {
    const batch = g.waiting.splice(0, 1000);
    try {
      await insertRows(db, batch.map((w) => w.row));
      for (const w of batch) w.resolve();
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }
  g.flushing = false;
}

// ---- Signing keys and checkpoints (kept outside the database) ----

export type AuditKeys = { privateKey: KeyObject; publicKey: KeyObject; keyId: string; dir: string };
export type Checkpoint = { logId: string; seq: number; head: string; at: string; keyId: string; signature: string };

const keysByConfig = new WeakMap<object, AuditKeys>();

/**
 * The checkpoint signing key from WEGWIJS_AUDIT_SIGNING_KEY (PEM text or the path of a PEM file).
 * In demo mode without one, a key is generated once and kept in the checkpoint directory as
 * demo-signing-key.pem (fine for a demo, worthless as protection). Outside demo, none = ConfigError.
 */
export function auditKeys(config: Pick<Config, 'demo' | 'auditSigningKey' | 'auditCheckpointDir'>): AuditKeys {
  const cached = keysByConfig.get(config);
  if (cached) return cached;
  const dir = resolve(config.auditCheckpointDir);
  let pem: string;
  const configured = config.auditSigningKey?.trim();
  if (configured) {
    try {
      pem = configured.startsWith('-----BEGIN') ? configured.replaceAll('\\n', '\n') : readFileSync(configured, 'utf8');
    } catch (e) {
      throw new ConfigError(`Invalid configuration: WEGWIJS_AUDIT_SIGNING_KEY: cannot read ${configured}: ${(e as Error).message}`);
    }
  } else if (config.demo) {
    pem = demoKey(dir);
  } else {
    throw new ConfigError('Invalid configuration / ongeldige configuratie: WEGWIJS_AUDIT_SIGNING_KEY is required (an Ed25519 private key in PEM, '
      + 'or its path; make one with `openssl genpkey -algorithm ed25519`). It signs the audit checkpoints and must not be stored in the database.');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (e) {
    throw new ConfigError(`Invalid configuration: WEGWIJS_AUDIT_SIGNING_KEY is not a private key in PEM: ${(e as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new ConfigError('Invalid configuration: WEGWIJS_AUDIT_SIGNING_KEY must be an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  const keyId = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
  const keys = { privateKey, publicKey, keyId, dir };
  keysByConfig.set(config, keys);
  return keys;
}

function demoKey(dir: string): string {
  const file = join(dir, 'demo-signing-key.pem');
  try {
    return readFileSync(file, 'utf8');
  } catch {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(tmp, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    // link() fails if another process made the key first: then everyone uses that one.
    try {
      linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkSync(tmp);
    }
    return readFileSync(file, 'utf8');
  }
}

const message = (c: Omit<Checkpoint, 'signature' | 'keyId'>) => Buffer.from(`wegwijs-audit-checkpoint/v1\n${c.logId}\n${c.seq}\n${c.head}\n${c.at}\n`);

/** The latest checkpoint of a log, or why there is none to trust. */
export function latestCheckpoint(keys: AuditKeys, logId: string): { checkpoint: Checkpoint | null; problem?: string } {
  let text: string;
  try {
    text = readFileSync(join(keys.dir, logId, 'latest.json'), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoint: null };
    return { checkpoint: null, problem: `checkpoint unreadable: ${(e as Error).message}` };
  }
  let c: Checkpoint;
  try {
    c = JSON.parse(text) as Checkpoint;
  } catch {
    return { checkpoint: null, problem: 'checkpoint file is not valid JSON' };
  }
  if (c.logId !== logId) return { checkpoint: null, problem: 'checkpoint belongs to another log' };
  if (c.keyId !== keys.keyId) return { checkpoint: null, problem: `checkpoint signed with another key (${c.keyId}, configured ${keys.keyId})` };
  if (!verify(null, message(c), keys.publicKey, Buffer.from(String(c.signature), 'base64'))) return { checkpoint: null, problem: 'checkpoint signature invalid' };
  return { checkpoint: c };
}

/** latest.json is replaced atomically; history.jsonl gets a line at most once a minute, so it stays small. */
function writeCheckpoint(keys: AuditKeys, c: Checkpoint) {
  const dir = join(keys.dir, c.logId);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `latest.json.${process.pid}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(c)}\n`);
  renameSync(tmp, join(dir, 'latest.json'));
  const history = join(dir, 'history.jsonl');
  let last = 0;
  try {
    last = statSync(history).mtimeMs;
  } catch { /* first checkpoint */ }
  if (Date.now() - last >= 60_000) appendFileSync(history, `${JSON.stringify(c)}\n`);
}

async function logIdOf(q: Queryable): Promise<string | null> {
  const [row] = await q.query<{ log_id: string }>('SELECT log_id FROM audit_log_identity LIMIT 1');
  return row?.log_id ?? null;
}

/**
 * Walks sealed rows with seq > afterSeq in order, from prevHash: each must follow the previous
 * one (seq + 1, prev_hash) and match its own hash. Returns the first problem, or the end reached.
 */
async function walk(q: Queryable, afterSeq: number, prevHash: string, onRow: (r: StoredRow) => string | undefined):
  Promise<{ lastSeq: number; head: string; checked: number; brokenId: number | null; problem?: string }> {
  let seq = afterSeq;
  let prev = prevHash;
  let checked = 0;
  for (;;) {
    const rows = await q.query<StoredRow>('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000', [seq]);
    if (rows.length === 0) return { lastSeq: seq, head: prev, checked, brokenId: null };
    for (const r of rows) {
      const broken = (problem: string) => ({ lastSeq: seq, head: prev, checked, brokenId: Number(r.id), problem });
      if (Number(r.seq) !== seq + 1) return broken(`row(s) missing before sequence number ${r.seq} (removed)`);
      if (r.prev_hash !== prev) return broken('link to previous row broken (row removed or reordered)');
      if (rowHash(prev, fieldsOf(r)) !== r.hash) return broken('row content does not match its hash (row altered)');
      const problem = onRow(r);
      if (problem) return broken(problem);
      seq++;
      prev = r.hash;
      checked++;
    }
  }
}

/**
 * The sequencer: seals unsealed rows into the hash chain in batches (seq, prev_hash, hash; the
 * one UPDATE the trigger allows), then signs a checkpoint of the new head. Safe with several app
 * instances: whoever holds the try-lock works, the others skip the round. The new checkpoint is
 * written only if the rows since the previous one extend it (a consistency check, as in
 * Certificate Transparency), so a log cut short is never signed over.
 */
export async function sealAudit(db: Db, keys: AuditKeys, batch = 2000): Promise<{ sealed: number; busy: boolean; checkpoint: Checkpoint | null; problem?: string }> {
  let sealed = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const [lock] = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [SEAL_LOCK]);
      if (!lock?.ok) return -1;
      const [head] = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1');
      const rows = await tx.query<StoredRow>('SELECT * FROM audit_log WHERE seq IS NULL ORDER BY id LIMIT $1', [batch]);
      if (rows.length === 0) return 0;
      let seq = Number(head?.seq ?? 0);
      let prev = head?.hash ?? GENESIS;
      const ids: number[] = [], seqs: number[] = [], prevs: string[] = [], hashes: string[] = [];
      for (const r of rows) {
        const hash = rowHash(prev, fieldsOf(r));
        ids.push(Number(r.id)); seqs.push(++seq); prevs.push(prev); hashes.push(hash);
        prev = hash;
      }
      await tx.query(`UPDATE audit_log a SET seq = u.seq, prev_hash = u.prev_hash, hash = u.hash
        FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS u(id, seq, prev_hash, hash) WHERE a.id = u.id`, [ids, seqs, prevs, hashes]);
      return rows.length;
    });
    if (n < 0) return { sealed, busy: true, checkpoint: null };
    sealed += n;
    if (n < batch) break;
  }
  return { sealed, busy: false, ...await checkpointHead(db, keys) };
}

async function checkpointHead(db: Db, keys: AuditKeys): Promise<{ checkpoint: Checkpoint | null; problem?: string }> {
  return db.transaction(async (tx) => {
    const [lock] = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [SEAL_LOCK]);
    if (!lock?.ok) return { checkpoint: null };
    const logId = await logIdOf(tx);
    if (!logId) return { checkpoint: null, problem: 'the audit log has no identity row (audit_log_identity emptied)' };
    const [head] = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1');
    const latest = latestCheckpoint(keys, logId);
    if (latest.problem) return latest;
    const cp = latest.checkpoint;
    const headSeq = Number(head?.seq ?? 0);
    // Consistency: the log still holds the signed head, and the rows after it extend it (the first checkpoint checks from the start).
    if (cp) {
      if (headSeq < cp.seq) return { checkpoint: cp, problem: `the log ends at row ${headSeq}, but the signed checkpoint of ${cp.at} counts ${cp.seq}; not signing over it` };
      const [at] = await tx.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [cp.seq]);
      if (at?.hash !== cp.head) return { checkpoint: cp, problem: `row ${cp.seq} no longer matches the signed checkpoint of ${cp.at}; not signing over it` };
      if (headSeq === cp.seq) return { checkpoint: cp };
    }
    if (headSeq === 0) return { checkpoint: null };
    const from = cp ?? { seq: 0, head: GENESIS };
    const w = await walk(tx, from.seq, from.head, () => undefined);
    if (w.problem) return { checkpoint: cp, problem: `${w.problem} (row id ${w.brokenId}); not signing over it` };
    const unsigned = { logId, seq: w.lastSeq, head: w.head, at: new Date().toISOString() };
    const c: Checkpoint = { ...unsigned, keyId: keys.keyId, signature: sign(null, message(unsigned), keys.privateKey).toString('base64') };
    writeCheckpoint(keys, c);
    return { checkpoint: c };
  });
}

/** Runs sealAudit about every half second in the app (server start), so rows are sealed within a second. */
export class AuditSequencer {
  private db: Db;
  private keys: AuditKeys;
  private onProblem: (problem: string) => void;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastProblem: string | undefined;
  constructor(db: Db, keys: AuditKeys, onProblem: (problem: string) => void) {
    this.db = db;
    this.keys = keys;
    this.onProblem = onProblem;
  }

  async round() {
    const r = await sealAudit(this.db, this.keys).catch((e: Error) => ({ problem: `sealing failed: ${e.message}` }));
    // Reported once per distinct problem, not every half second.
    if (r.problem && r.problem !== this.lastProblem) this.onProblem(r.problem);
    this.lastProblem = r.problem;
  }

  start(intervalMs = 500) {
    const loop = () => {
      this.running = this.round().finally(() => {
        this.running = null;
        if (this.timer) this.timer = setTimeout(loop, intervalMs);
      });
    };
    this.timer = setTimeout(loop, 0);
  }

  /** Stops the loop and seals what is left. */
  async stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await this.round();
  }
}

export type VerifyResult = {
  ok: boolean;
  /** Sealed rows checked, from the first. */
  checked: number;
  firstBrokenId: number | null;
  problem?: string;
  /** The signed checkpoint the rows were checked against. */
  checkpoint: { seq: number; at: string } | null;
  /** Rows not yet sealed (another instance is sealing them). */
  pending: number;
};

/**
 * Seals what is pending, then walks the whole chain and checks it against the latest signed
 * checkpoint: a changed row breaks its hash, a removed row its successor's link, removed last
 * rows or an emptied table fall short of the checkpoint, and a chain recomputed with rowHash
 * no longer ends in the head the checkpoint signed.
 */
export async function verifyAudit(db: Db, keys: AuditKeys): Promise<VerifyResult> {
  await sealAudit(db, keys);
  const [{ n: pending }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL') as [{ n: number }];
  const logId = await logIdOf(db);
  const fail = (problem: string, checked = 0, firstBrokenId: number | null = null, checkpoint: Checkpoint | null = null): VerifyResult =>
    ({ ok: false, checked, firstBrokenId, problem, checkpoint: checkpoint && { seq: checkpoint.seq, at: checkpoint.at }, pending });
  if (!logId) return fail('the audit log has no identity row (audit_log_identity emptied)');
  const { checkpoint: cp, problem } = latestCheckpoint(keys, logId);
  if (problem) return fail(problem);
  const w = await walk(db, 0, GENESIS, (r) =>
    (cp && Number(r.seq) === cp.seq && r.hash !== cp.head ? `row ${cp.seq} does not match the signed checkpoint of ${cp.at} (chain rewritten)` : undefined));
  if (w.problem) return fail(w.problem, w.checked, w.brokenId, cp);
  if (cp && w.lastSeq < cp.seq) {
    return fail(`the log ends at row ${w.lastSeq}, but the signed checkpoint of ${cp.at} counts ${cp.seq} (rows removed at the end, or the table emptied)`, w.checked, null, cp);
  }
  if (!cp && w.lastSeq > 0) return fail(`no signed checkpoint for this log (${logId}) in ${keys.dir}`, w.checked, null, null);
  return { ok: true, checked: w.checked, firstBrokenId: null, checkpoint: cp && { seq: cp.seq, at: cp.at }, pending };
}
