import type { Queryable } from '../../platform/db.ts';
import type { Store } from '../../platform/store.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { getClientRow } from '../clients/store.ts';
import { listTariffs } from '../indications/catalogue-store.ts';
import { findIndicationForMessage } from '../indications/delivery-store.ts';
import { EENHEID, messageName } from './codes.ts';
import { assessClaim, type AssignmentForClaim, parseClaim } from './claim.ts';
import { composeMessage } from './messages.ts';
import { storeAndSend } from './exchange.ts';
import { findAnswer, getMessage, indicationOfAssignment, lockMessage, markApplied, nextIdentification, type StoredMessage } from './store.ts';
import type { Transport } from './transport.ts';

/**
 * Answers a received claim (323) with a 325: each performance checked against the assignment it
 * names (client, product, unit, period) and the provider's contract tariff on its first day
 * (`assessClaim`); granted what is right, 0 with the retour code where not. Once per claim: asking
 * again returns the answer already sent. Audited through the caller's Store (the claim may name
 * several clients; the row names the claim, not each client).
 */
export async function answerClaim(store: Store, transport: Transport, claimMessageId: string, input: { municipality: string; today: string }): Promise<StoredMessage> {
  const db = store.db;
  const stored = await getMessage(db, claimMessageId);
  if (stored?.direction !== 'in' || stored.message !== '323') throw notFound('Declaratie niet gevonden / Claim not found');
  const answered = await findAnswer(db, claimMessageId);
  if (answered) return answered;
  if (stored.status !== 'received') throw conflict(`Deze declaratie heeft status ${stored.status} / This claim is ${stored.status}`, 'claim_not_answerable');
  const claim = parseClaim(stored.content, stored.standard!);
  const op = { action: 'iwmo.claim.answer', activity: stored.standard === 'ijw' ? ProcessingActivity.YouthCare : ProcessingActivity.WmoAccess,
    details: { claim: claimMessageId, number: claim.number } };
  return store.change(op, async (tx) => {
    await lockMessage(tx, claimMessageId);
    const raced = await findAnswer(tx, claimMessageId);
    if (raced) return raced;
    const assignments = await assignmentsOf(tx, claim.clients.flatMap((c) => c.performances.map((p) => p.number)));
    const content = composeMessage('325', {
      standard: claim.standard,
      header: { sender: input.municipality, receiver: claim.header.sender, id: await nextIdentification(tx), date: input.today },
      ...assessClaim(claim, assignments),
    });
    const row = await storeAndSend(tx, transport, { standard: claim.standard, n: '325', content, clientId: null, answerTo: claimMessageId });
    await markApplied(tx, claimMessageId);
    return row;
  }, (r) => ({ details: { ...op.details, answer: r.id, sent: messageName(claim.standard, '325') } }));
}

/** What each assignment number stands for, with the contract tariff per day; unknown numbers are left out (9019). */
async function assignmentsOf(tx: Queryable, numbers: string[]): Promise<Map<string, AssignmentForClaim>> {
  const out = new Map<string, AssignmentForClaim>();
  for (const number of new Set(numbers)) {
    const indicationId = await indicationOfAssignment(tx, number);
    const ind = indicationId ? await findIndicationForMessage(tx, indicationId) : null;
    if (!ind) continue;
    const client = await getClientRow(tx, ind.clientId);
    const tariffs = await listTariffs(tx, ind.productId, ind.providerId);
    out.set(number, {
      bsn: client.bsn ?? '', category: ind.productCode.slice(0, 2), productCode: ind.productCode,
      unit: EENHEID[ind.unit as keyof typeof EENHEID], from: ind.validFrom, to: ind.validTo,
      tariffOn: (date) => tariffs.find((t) => t.validFrom <= date && (t.validTo === null || date <= t.validTo))?.eurocents ?? null,
    });
  }
  return out;
}
