import type { RequestContext } from '../../platform/access/context.ts';
import { Role } from '../../platform/access/roles.ts';
import { membersWithRole, usersWithRole } from '../../platform/auth/users.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError, badRequest, conflict } from '../../platform/errors.ts';
import { once } from '../../platform/idempotency.ts';
import type { Store } from '../../platform/store.ts';
import { setAddressIfMissing } from '../clients/address-store.ts';
import { ageOn } from '../clients/age.ts';
import { markSafetySignal } from '../clients/safety-signal.ts';
import { getClientRow, insertClient, mayLearnWhoExists } from '../clients/store.ts';
import { cityRouteDesk, firstActiveDesk, findTeam, lookupPostcode } from '../org/store.ts';
import { markPortalRequestHandled } from '../portal/store.ts';
import { createReferral } from '../referrals/referral-store.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';
import { createNotification } from '../wmo/notification-store.ts';
import { openSafetyRecord } from '../safety/safety-store.ts';
import { ContactOutcome } from './contact-outcome.ts';
import { checkLifeDomains } from './life-domain-store.ts';
import { sendMessages } from './staff-messages.ts';
import type { ContactInput, ContactView } from './schemas.ts';

const activityOf = (outcome: number) => outcome === ContactOutcome.SafetySignal ? ProcessingActivity.SafetyProtocol
  : outcome === ContactOutcome.WmoNotification ? ProcessingActivity.WmoAccess
  : outcome === ContactOutcome.YouthCare ? ProcessingActivity.YouthCare : ProcessingActivity.FrontDesk;

async function teamOf(tx: Queryable, teamId: string) {
  const t = await findTeam(tx, teamId);
  if (!t) throw badRequest('Onbekend team of loket / Unknown team or desk', 'teamId');
  return t;
}

/** The neighbourhood team that serves the client's postcode, if any. */
export async function postcodeTeamOf(tx: Queryable, clientId: string): Promise<string | null> {
  const client = await getClientRow(tx, clientId);
  return client.postcode ? (await lookupPostcode(tx, client.postcode))?.teamId ?? null : null;
}

/** Outcome 2: the postcode's team unless overridden with a reason. */
async function referToTeam(tx: Queryable, ctx: RequestContext, c: ContactInput, clientId: string, contactId: string, registeringTeamId: string) {
  const proposed = await postcodeTeamOf(tx, clientId);
  const teamId = c.referral?.teamId ?? proposed;
  if (!teamId) throw badRequest('Geen wijkteam bij dit adres; kies een wijkteam / No team for this address: choose a team', 'referral.teamId');
  try {
    return (await createReferral(tx, ctx, { clientId, teamId, proposedTeamId: proposed, teamOverrideReason: c.referral?.teamOverrideReason,
      source: 'desk', referrer: { name: ctx.actor.name, userId: ctx.actor.id, teamId: registeringTeamId }, reason: c.question,
      lifeDomains: c.lifeDomains, urgency: c.urgency, contactId, receivedAt: c.contactedAt })).referral;
  } catch (e) {
    const err = e as { field?: string };
    if (err.field) (err as { field: string }).field = `referral.${err.field}`;
    throw e;
  }
}

/** Outcomes 4 and 5 go to the desk that runs the route: jeugdhulp via the CJG, (threatened) homelessness via Centraal Onthaal Volwassenen. */
export const routeDeskType = { [ContactOutcome.YouthCare]: 'cjg', [ContactOutcome.CityDesk]: 'cov' } as const;

/**
 * Outcomes 4 and 5: an open referral in the route desk's inbox. Needs neither a postcode nor a BSN
 * (people without a fixed address or without a BSN are the city desk's daily work).
 */
async function referToDesk(tx: Queryable, ctx: RequestContext, c: ContactInput, clientId: string, contactId: string, registeringTeamId: string, deskType: string,
  contactedOn: string) {
  // The city-desk route goes to the desk whose age band holds the client (Jongerenloket), else to Centraal Onthaal.
  const desk = c.outcome === ContactOutcome.CityDesk
    ? await cityRouteDesk(tx, ageOn((await getClientRow(tx, clientId)).birth_date, contactedOn))
    : await firstActiveDesk(tx, deskType);
  if (!desk) throw badRequest(`Er is geen actief loket voor deze route (${deskType}) / No active desk for this route`, 'outcome');
  return (await createReferral(tx, ctx, { clientId, teamId: desk.id, toDesk: true, source: 'desk',
    referrer: { name: ctx.actor.name, userId: ctx.actor.id, teamId: registeringTeamId }, reason: c.question,
    lifeDomains: c.lifeDomains, urgency: c.urgency, contactId })).referral;
}

/**
 * Outcome 6: flag the client, open the sealed safety record (src/modules/safety) and notify the team
 * leads of the registering team and of the postcode's team, and the aandachtsfunctionarissen. The signal
 * does not open the client to the postcode's team: its lead is on the case of the sealed record, and
 * assigns whom the case needs.
 */
async function raiseSafetySignal(tx: Queryable, ctx: RequestContext, clientId: string, contactId: string, registeringTeamId: string, contactedOn: string) {
  const proposed = await postcodeTeamOf(tx, clientId);
  await markSafetySignal(tx, clientId);
  await openSafetyRecord(tx, { clientId, contactId, registeredBy: ctx.actor.id, registeringTeamId, teamId: proposed, on: contactedOn });
  const leads = await membersWithRole(tx, [registeringTeamId, proposed].filter((t): t is string => !!t), Role.TeamLead);
  await sendMessages(tx, [...leads, ...await usersWithRole(tx, Role.SafetyOfficer)], 'safety_signal', clientId, contactId);
}

export async function insertContact(tx: Queryable, ctx: RequestContext, c: ContactInput, clientId: string | null, team: { id: string; name: string }): Promise<ContactView> {
  const [row] = await tx.query<{ id: string; contacted_at: Date }>(
    `INSERT INTO contacts (client_id, channel, team_id, registered_by, question, life_domains, urgency, outcome, general_provision, note, contacted_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10, coalesce($11::timestamptz, now())) RETURNING id, contacted_at`,
    [clientId, c.channel, team.id, ctx.actor.id, c.question, c.lifeDomains, c.urgency, c.outcome, c.generalProvision ?? null, c.note ?? null, c.contactedAt ?? null]);
  const contactId = row!.id;
  // A legal date is the Dutch date: a contact at 00:30 Dutch time is not yesterday's (Wmo clocks).
  const contactedOn = amsterdamDate(row!.contacted_at);
  let referral: ContactView['referral'] = null;
  let notification: ContactView['notification'] = null;
  await checkLifeDomains(tx, c.lifeDomains);
  if (clientId && c.clientAddress) await setAddressIfMissing(tx, clientId, c.clientAddress);
  if (clientId && c.outcome === ContactOutcome.NeighbourhoodTeam) {
    const r = await referToTeam(tx, ctx, c, clientId, contactId, team.id);
    referral = { id: r.id, teamId: r.teamId, teamName: r.teamName, status: r.status };
  }
  if (clientId && (c.outcome === ContactOutcome.YouthCare || c.outcome === ContactOutcome.CityDesk)) {
    const r = await referToDesk(tx, ctx, c, clientId, contactId, team.id, routeDeskType[c.outcome], contactedOn);
    referral = { id: r.id, teamId: r.teamId, teamName: r.teamName, status: r.status };
  }
  // Outcome 3, or outcome 4 when the desk chooses to record a Jeugdwet melding too (docs/wmo.md "Jeugdwet").
  const youthNotification = c.outcome === ContactOutcome.YouthCare && c.notification?.law === 'jeugdwet';
  if (clientId && (c.outcome === ContactOutcome.WmoNotification || youthNotification)) {
    notification = await createNotification(tx, { clientId, contactId, notifiedOn: contactedOn, channel: c.channel,
      reportedBy: c.notification?.reportedBy ?? 'client', teamId: team.id, createdBy: ctx.actor.id, urgent: c.urgency !== 'normal',
      law: c.notification?.law ?? 'wmo' });
  }
  if (clientId && c.outcome === ContactOutcome.SafetySignal) await raiseSafetySignal(tx, ctx, clientId, contactId, team.id, contactedOn);
  if (c.portalRequestId) {
    const handled = await markPortalRequestHandled(tx, c.portalRequestId, contactId, clientId, ctx.actor.teamIds);
    if (handled === 'not_your_desk') {
      throw new AppError('portal_request_not_your_desk', 403, 'Deze digitale vraag is niet aan uw loket gesteld / This digital question was not sent to your desk', 'portalRequestId');
    }
    if (handled === 'other_client') throw badRequest('Deze digitale vraag gaat over een andere cliënt / This digital question concerns another client', 'portalRequestId', 'portal_request_other_client');
    if (handled === 'handled') throw conflict('Deze digitale vraag is al afgehandeld / This digital question was already handled', 'portal_request_handled');
  }
  return { id: contactId, clientId, channel: c.channel, teamId: team.id, teamName: team.name, question: c.question, lifeDomains: c.lifeDomains,
    urgency: c.urgency, outcome: c.outcome, generalProvision: c.generalProvision ?? null, contactedAt: new Date(row!.contacted_at).toISOString(),
    referral, notification, safetySignal: c.outcome === ContactOutcome.SafetySignal };
}

/**
 * Registers a contact and everything its outcome starts, in one transaction, audited once.
 * A desk worker at a desk may register a contact with a client they are not yet involved with
 * (the person is at the desk or on the phone): that makes the desk involved, and it is audited as such.
 */
export async function registerContact(store: Store, c: ContactInput, idempotencyKey?: string): Promise<ContactView> {
  const { ctx } = store;
  const actor = ctx.actor;
  const teamId = c.teamId ?? actor.teamIds[0];
  if (!teamId || !actor.teamIds.includes(teamId)) throw badRequest('U bent geen lid van dit team of loket / You are not a member of this team or desk', 'teamId');
  if (c.clientId && c.newClient) throw badRequest('Kies een bestaande cliënt óf registreer een nieuwe / Choose an existing client or register a new one', 'newClient');
  const anonymous = !c.clientId && !c.newClient;
  if (anonymous && c.outcome !== ContactOutcome.Advice) throw badRequest('Een anonieme vraag kan alleen met informatie en advies worden afgesloten / An anonymous contact can only end in advice', 'clientId');
  const scope = `${actor.id}:contact.create`;
  const op = { action: 'contact.create', activity: activityOf(c.outcome), details: { outcome: c.outcome, channel: c.channel } };

  const work = async (tx: Queryable, clientId: string | null) => {
    if (clientId) {
      const client = await getClientRow(tx, clientId);
      if (client.merged_into) throw conflict('Dit dossier is samengevoegd / This record was merged', 'client_merged', { mergedInto: client.merged_into });
    }
    return once(tx, scope, idempotencyKey, c, async () => {
      const team = await teamOf(tx, teamId);
      const id = c.newClient ? await insertClient(tx, c.newClient, { userId: actor.id, teamId, reason: 'contact' }, c.duplicateAcknowledged, mayLearnWhoExists(actor)) : clientId;
      return insertContact(tx, ctx, c, id, team);
    });
  };

  if (!c.clientId) return store.change({ ...op, details: { ...op.details, anonymous } }, (tx) => work(tx, null), (v: ContactView) => ({ clientId: v.clientId }));

  const clientId = c.clientId;
  const team = await findTeam(store.db, teamId);
  // The person is at the desk or on the phone: a desk worker registering the contact becomes involved.
  const establish = actor.roles.includes(Role.DeskWorker) && team?.kind === 'desk'
    ? { teamId, reason: 'contact', getClient: getClientRow } : undefined;
  return store.changeClient(clientId, op, (tx) => work(tx, clientId), establish);
}
