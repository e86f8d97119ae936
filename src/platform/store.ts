import type { Db, Queryable } from './db.ts';
import type { RequestContext } from './access/context.ts';
import { addRelation } from './access/relations.ts';
import { type ClientAccess, checkClientAccess, type Param, visibleToSql } from './access/client-access.ts';
import { appendAudit, type AuditEvent, type ProcessingActivity, writeAudit } from './audit.ts';
import { AppError } from './errors.ts';

export type ClientOp = {
  /** What is done, e.g. 'client.read', 'contact.create'. */
  action: string;
  activity: ProcessingActivity;
  details?: Record<string, unknown>;
};

/**
 * A change that may itself make the actor involved (a desk worker registering a contact with the
 * person at the desk): the module decides that this applies; the platform writes the relation.
 */
export type EstablishRelation = {
  teamId: string | null;
  reason: string;
  /** The owner's lookup that throws 404 for an unknown client (the platform does not read module tables). */
  getClient: (tx: Queryable, id: string) => Promise<unknown>;
};

type Op = Omit<AuditEvent, 'outcome'>;

/** Need-to-know for a list: the SQL condition that the client id expression is visible to the actor. */
export type Visible = (clientIdSql: string, p: Param) => string;

/**
 * The one door to personal data. Every read or change of a client's data goes through one of
 * these methods; each checks need-to-know inside the transaction of the work it guards and writes
 * exactly one audit row: in that same transaction for a change, and durably before the response
 * leaves for a read. Refusals (including a 403 raised inside the work) and failures are audited too.
 */
export class Store {
  readonly db: Db;
  readonly ctx: RequestContext;
  constructor(db: Db, ctx: RequestContext) {
    this.db = db;
    this.ctx = ctx;
  }

  /** Reads one client's data. */
  async readClient<T>(clientId: string, op: ClientOp, work: (tx: Queryable) => Promise<T>): Promise<T> {
    const { result, breakGlassId } = await this.guarded({ ...op, clientId }, () => this.db.transaction(async (tx) => {
      const breakGlassId = await this.requireClientAccess(tx, clientId);
      return { result: await work(tx), breakGlassId };
    }));
    await this.audit({ ...op, outcome: 'success', clientId, breakGlassId });
    return result;
  }

  /**
   * Changes the data of one client (or of several at once, e.g. a merge: access to each is needed
   * and each gets its audit row); the audit rows commit or roll back with the change.
   */
  async changeClient<T>(clientIds: string | readonly string[], op: ClientOp, work: (tx: Queryable) => Promise<T>,
    establish?: EstablishRelation): Promise<T> {
    const ids = typeof clientIds === 'string' ? [clientIds] : clientIds;
    return this.guarded({ ...op, clientId: ids[0] }, () => this.db.transaction(async (tx) => {
      const grants: (string | undefined)[] = [];
      let relationCreated = false;
      for (const id of ids) {
        const access = await checkClientAccess(tx, this.ctx.actor, id);
        if (!access.allowed && establish && this.ctx.actor.id) {
          await establish.getClient(tx, id);
          await addRelation(tx, { clientId: id, userId: this.ctx.actor.id, teamId: establish.teamId, reason: establish.reason });
          relationCreated = true;
          grants.push(undefined);
        } else {
          grants.push(denyUnless(access));
        }
      }
      const result = await work(tx);
      for (const [i, id] of ids.entries()) {
        await writeAudit(tx, this.ctx, { ...op, outcome: 'success', clientId: id, breakGlassId: grants[i],
          details: relationCreated ? { ...op.details, relationCreated } : op.details });
      }
      return result;
    }));
  }

  /**
   * Reads a list that may touch several clients (a search result, an inbox). The work filters with
   * `visible` (the platform's one need-to-know condition) and returns the client ids it disclosed;
   * one audit row lists them.
   */
  async readClients<T>(op: ClientOp, work: (tx: Queryable, visible: Visible) => Promise<{ result: T; clientIds: string[] }>): Promise<T> {
    const visible: Visible = (clientIdSql, p) => visibleToSql(this.ctx.actor, clientIdSql, p);
    // No BEGIN/COMMIT: the need-to-know condition is part of each query itself, so there is nothing
    // between a check and a read to keep atomic, and a list saves two round trips (docs/performance.md).
    const { result, clientIds } = await this.guarded(op, () => work(this.db, visible));
    await this.audit({ ...op, outcome: 'success', details: { ...op.details, clientIds, count: clientIds.length } });
    return result;
  }

  /**
   * A read where no need-to-know check applies because the caller's own relation was established
   * by the route (a GP practice reading its own referral, the privacy officer's oversight lists);
   * still one audit row, durable before the response leaves. `fromResult` may add to the row what
   * only the result knows (the client, ids).
   */
  async read<T>(op: Op, work: (tx: Queryable) => Promise<T>, fromResult?: (result: T) => Partial<Op>): Promise<T> {
    const result = await this.guarded(op, () => this.db.transaction(work));
    await this.audit({ ...op, ...fromResult?.(result), outcome: 'success' });
    return result;
  }

  /**
   * A change with its audit row in the same transaction where no prior need-to-know applies:
   * admin and security changes, or creating a client (`fromResult` then names the new client).
   */
  async change<T>(op: Op, work: (tx: Queryable) => Promise<T>, fromResult?: (result: T) => Partial<Op>): Promise<T> {
    return this.guarded(op, () => this.db.transaction(async (tx) => {
      const result = await work(tx);
      await writeAudit(tx, this.ctx, { ...op, ...fromResult?.(result), outcome: 'success' });
      return result;
    }));
  }

  /** One audit row on its own, durable when the promise resolves (reads batch into shared commits). */
  async audit(e: AuditEvent): Promise<void> {
    await appendAudit(this.db, this.ctx, e);
  }

  private async requireClientAccess(tx: Queryable, clientId: string): Promise<string | undefined> {
    return denyUnless(await checkClientAccess(tx, this.ctx.actor, clientId));
  }

  /** Runs the work; a refusal or failure it raises gets its own audit row, then goes on to the caller. */
  private async guarded<T>(op: Op, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      const status = e instanceof AppError ? e.status : 500;
      const code = e instanceof AppError ? e.code : 'internal';
      const outcome = status === 401 || status === 403 ? 'denied' : status === 409 || status >= 500 ? 'error' : null;
      if (outcome) {
        // A conflict that names existing records (a duplicate check) discloses them: the row lists their ids.
        const dups = e instanceof AppError && Array.isArray(e.extra?.duplicates) ? (e.extra.duplicates as { id: string }[]).map((d) => d.id) : undefined;
        const details = { ...op.details, status, code, ...(e instanceof AppError && e.extra?.reason ? { reason: e.extra.reason } : {}),
          ...(dups ? { disclosedClientIds: dups } : {}), ...(e instanceof AppError ? e.auditDetails : {}) };
        await this.audit({ ...op, outcome, details }).catch(() => {});
      }
      throw e;
    }
  }
}

/** The break-the-glass grant the access rests on, or a 403 naming why there is none. */
function denyUnless(access: ClientAccess): string | undefined {
  if (!access.allowed) {
    throw new AppError('client_access_denied', 403,
      'Geen toegang tot deze cliënt: u bent niet bij deze cliënt betrokken. / No access: you are not involved with this client.',
      undefined, { reason: access.reason });
  }
  return access.breakGlassId;
}
