import type { z } from 'zod';
import type { Queryable } from '../../platform/db.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { once } from '../../platform/idempotency.ts';
import type { Store } from '../../platform/store.ts';
import { ConsentPurpose } from './consent-purpose.ts';
import { ConsentInput, ConsentView, ConsentWithdrawal } from './schemas.ts';

// Pure constants in their own file, so the UI can import them without server code.
export { ConsentPurpose };

export { ConsentInput, ConsentView, ConsentWithdrawal };

/**
 * Does the client currently consent to sharing for `purpose` with `recipient`? Every module that
 * shares data calls this inside its own transaction; a withdrawn consent counts as none.
 * Recipients compare case-insensitively.
 */
export async function hasConsent(tx: Queryable, clientId: string, purpose: ConsentPurpose, recipient: string): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM consents WHERE client_id = $1 AND purpose = $2 AND lower(recipient) = lower($3)
       AND given_on <= current_date AND (withdrawn_on IS NULL OR withdrawn_on > current_date) LIMIT 1`,
    [clientId, purpose, recipient.trim()]);
  return rows.length > 0;
}

/**
 * Records a consent in the caller's transaction, for modules that receive one from outside (the
 * Consent resource of a GP referral, docs/fhir.md). The caller audits it with its own command.
 */
export async function addConsent(tx: Queryable, clientId: string, c: ConsentInput, recordedBy: string | null = null): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO consents (client_id, purpose, recipient, given_on, given_how, recorded_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id',
    [clientId, c.purpose, c.recipient, c.givenOn, c.givenHow, recordedBy]);
  return row!.id;
}

type Row = { id: string; purpose: ConsentPurpose; recipient: string; given_on: string; given_how: 'verbal' | 'written' | 'digital'; withdrawn_on: string | null; withdrawn_how: string | null };
const view = (r: Row): ConsentView => ({ id: r.id, purpose: r.purpose, recipient: r.recipient, givenOn: r.given_on, givenHow: r.given_how,
  withdrawnOn: r.withdrawn_on, withdrawnHow: r.withdrawn_how, active: r.withdrawn_on === null });
const COLS = 'id, purpose, recipient, given_on::text AS given_on, given_how, withdrawn_on::text AS withdrawn_on, withdrawn_how';

/** A client's consents, newest first, in the caller's (already checked and audited) transaction. */
export async function listConsents(tx: Queryable, clientId: string): Promise<ConsentView[]> {
  return (await tx.query<Row>(`SELECT ${COLS} FROM consents WHERE client_id = $1 ORDER BY given_on DESC, recorded_at DESC`, [clientId])).map(view);
}

export function consentStore(store: Store) {
  const op = (action: string, details?: Record<string, unknown>) => ({ action, activity: ProcessingActivity.ClientRegistration, details });
  return {
    list: (clientId: string) => store.readClient(clientId, op('consent.read'), (tx) => listConsents(tx, clientId)),

    give: (clientId: string, c: ConsentInput, key?: string) => store.changeClient(clientId, op('consent.create', { purpose: c.purpose }), (tx) =>
      once(tx, `${store.ctx.actor.id}:consent.create:${clientId}`, key, c, async () => view((await tx.query<Row>(
        `INSERT INTO consents (client_id, purpose, recipient, given_on, given_how, recorded_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING ${COLS}`,
        [clientId, c.purpose, c.recipient, c.givenOn, c.givenHow, store.ctx.actor.id]))[0]!))),

    withdraw: (clientId: string, consentId: string, w: z.infer<typeof ConsentWithdrawal>) =>
      store.changeClient(clientId, op('consent.withdraw', { consentId }), async (tx) => {
        const [cur] = await tx.query<Row>(`SELECT ${COLS} FROM consents WHERE id = $1 AND client_id = $2 FOR UPDATE`, [consentId, clientId]);
        if (!cur) throw notFound('Toestemming niet gevonden / Consent not found');
        if (cur.withdrawn_on) throw conflict(`Toestemming is al ingetrokken op ${cur.withdrawn_on} / Consent was already withdrawn`, 'consent_withdrawn');
        return view((await tx.query<Row>(`UPDATE consents SET withdrawn_on = $2, withdrawn_how = $3, withdrawn_by = $4 WHERE id = $1 RETURNING ${COLS}`,
          [consentId, w.withdrawnOn, w.withdrawnHow, store.ctx.actor.id]))[0]!);
      }),
  };
}
