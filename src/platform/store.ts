import type { Db, Queryable } from './db.ts';
import type { RequestContext } from './access/context.ts';
import { checkClientAccess } from './access/client-access.ts';
import { type AuditEvent, type ProcessingActivity, writeAudit } from './audit.ts';
import { AppError, forbidden } from './errors.ts';

export type ClientOp = {
  /** What is done, e.g. 'client.read', 'contact.create'. */
  action: string;
  activity: ProcessingActivity;
  details?: Record<string, unknown>;
};

/**
 * The one door to client data. Every read or change of a client's personal data goes through
 * `withClient`: it checks need-to-know, runs the work in a transaction and writes the audit
 * row in that same transaction. Denials and failures are audited too.
 */
export class Store {
  readonly db: Db;
  readonly ctx: RequestContext;
  constructor(db: Db, ctx: RequestContext) {
    this.db = db;
    this.ctx = ctx;
  }

  async withClient<T>(clientId: string, op: ClientOp, work: (tx: Queryable) => Promise<T>): Promise<T> {
    const access = await checkClientAccess(this.db, this.ctx.actor, clientId);
    if (!access.allowed) {
      await this.audit({ ...op, outcome: 'denied', clientId, details: { ...op.details, reason: access.reason } });
      throw forbidden(
        'Geen toegang tot deze cliënt: u bent niet bij deze cliënt betrokken. / No access: you are not involved with this client.',
        'client_access_denied',
      );
    }
    try {
      return await this.db.transaction(async (tx) => {
        const result = await work(tx);
        await writeAudit(tx, this.ctx, { ...op, outcome: 'success', clientId, breakGlassId: access.breakGlassId });
        return result;
      });
    } catch (e) {
      const status = e instanceof AppError ? e.status : 500;
      if (status >= 500 || status === 409) {
        await this.audit({ ...op, outcome: 'error', clientId, details: { ...op.details, status } }).catch(() => {});
      }
      throw e;
    }
  }

  /**
   * For work that touches several clients at once (a search result, an inbox list): the work
   * returns the client ids it disclosed, and one audit row lists them.
   */
  async withClientList<T>(op: ClientOp, work: (tx: Queryable) => Promise<{ result: T; clientIds: string[] }>): Promise<T> {
    return this.db.transaction(async (tx) => {
      const { result, clientIds } = await work(tx);
      await writeAudit(tx, this.ctx, { ...op, outcome: 'success', details: { ...op.details, clientIds, count: clientIds.length } });
      return result;
    });
  }

  /**
   * A change with its audit row in the same transaction, where no prior access check applies:
   * admin and security changes, or creating a client (op may then name the new client from the result).
   */
  async withAudit<T>(op: Omit<AuditEvent, 'outcome'> | ((result: T) => Omit<AuditEvent, 'outcome'>), work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      const result = await work(tx);
      await writeAudit(tx, this.ctx, { ...(typeof op === 'function' ? op(result) : op), outcome: 'success' });
      return result;
    });
  }

  async audit(e: AuditEvent): Promise<void> {
    await this.db.transaction((tx) => writeAudit(tx, this.ctx, e));
  }
}
