import type { Actor } from '../../platform/access/context.ts';
import type { Queryable } from '../../platform/db.ts';
import type { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import type { Store } from '../../platform/store.ts';
import { userNames } from '../../platform/auth/users.ts';
import { mergedIdsOf } from '../clients/merge.ts';
import { teamNames } from '../org/store.ts';
import { referralsOfClients } from '../referrals/referral-store.ts';
import { notificationsOfClients } from '../wmo/notification-store.ts';
import { sealedRecordsOfContacts } from '../safety/safety-access.ts';
import { ContactOutcome, contactOutcomeLabels } from './contact-outcome.ts';
import type { TimelineEntry } from './schemas.ts';

export type TimelineType = 'contact' | 'referral' | 'notification';
type Entry = z.infer<typeof TimelineEntry>;

/**
 * Everything that happened with a client, newest first: contacts, referrals, Wmo notifications
 * (and later case events), including records merged into this one. Each entry says who and which desk.
 */
export function clientTimeline(store: Store, clientId: string, types: TimelineType[]) {
  return store.readClient(clientId, { action: 'client.timeline', activity: ProcessingActivity.ClientRegistration, details: { types } },
    (tx) => timelineEntries(tx, clientId, types, store.ctx.actor));
}

/**
 * The timeline in the caller's (already checked and audited) transaction, as `viewer` may see it.
 * A safety signal's contact is sealed (src/modules/safety): the entry says only that a sealed record
 * exists and whether the viewer may open it; its text is shown in the safety record, whose every view is audited.
 */
export async function timelineEntries(tx: Queryable, clientId: string, types: TimelineType[], viewer: Actor): Promise<Entry[]> {
  const want = (t: TimelineType) => types.length === 0 || types.includes(t);
  const ids = await mergedIdsOf(tx, clientId);
  const out: Entry[] = [];
  // Team and user names come from their owners (org, platform), looked up once for all entries.
  const contacts = want('contact') ? await tx.query<{ id: string; at: Date; outcome: ContactOutcome; question: string; team_id: string; registered_by: string | null;
      channel: string; life_domains: string[]; urgency: string; general_provision: string | null }>(
    `SELECT id, contacted_at AS at, outcome, question, team_id, registered_by, channel, life_domains, urgency, general_provision
     FROM contacts WHERE client_id = ANY($1::uuid[])`, [ids]) : [];
  const sealed = await sealedRecordsOfContacts(tx, viewer, contacts.filter((c) => c.outcome === ContactOutcome.SafetySignal).map((c) => c.id));
  const referrals = want('referral') ? await referralsOfClients(tx, ids) : [];
  const notifications = want('notification') ? await notificationsOfClients(tx, ids) : [];
  const teams = await teamNames(tx, [...contacts.map((c) => c.team_id), ...referrals.flatMap((r) => [r.teamId, r.referrerTeamId]), ...notifications.map((n) => n.teamId)]);
  const users = await userNames(tx, [...contacts.map((c) => c.registered_by), ...referrals.map((r) => r.referrerUserId), ...notifications.map((n) => n.createdBy)]);
  const teamName = (id: string | null) => (id ? teams.get(id) ?? null : null);
  const userName = (id: string | null) => (id ? users.get(id) ?? null : null);
  // One event, one entry: a referral or Wmo notification that a listed contact created is told
  // in that contact's entry (details.referral / details.notification), not as a second entry.
  const listedContacts = new Set(contacts.map((c) => c.id));
  const fromContact = (contactId: string | null) => contactId !== null && listedContacts.has(contactId);
  const referralView = (r: (typeof referrals)[number]) => ({ id: r.id, toTeam: teamName(r.teamId), status: r.status, source: r.source });
  const notificationView = (n: (typeof notifications)[number]) => ({ id: n.id, law: n.law, notifiedOn: n.notifiedOn, assessmentDeadline: n.assessmentDeadline, reportedBy: n.reportedBy });
  out.push(...contacts.map((r) => {
    if (r.outcome === ContactOutcome.SafetySignal) {
      const record = sealed.get(r.id);
      return { type: 'contact' as const, id: r.id, at: new Date(r.at).toISOString(), title: contactOutcomeLabels[r.outcome].nl, summary: null,
        teamName: teamName(r.team_id), userName: userName(r.registered_by),
        details: { outcome: r.outcome, sealed: { safetyRecordId: record?.id ?? null, mayOpen: record?.mayOpen ?? false } } };
    }
    const referral = referrals.find((x) => x.contactId === r.id);
    const notification = notifications.find((x) => x.contactId === r.id);
    return { type: 'contact' as const, id: r.id, at: new Date(r.at).toISOString(), title: contactOutcomeLabels[r.outcome].nl, summary: r.question,
      teamName: teamName(r.team_id), userName: userName(r.registered_by),
      details: { channel: r.channel, outcome: r.outcome, lifeDomains: r.life_domains, urgency: r.urgency, generalProvision: r.general_provision,
        ...(referral ? { referral: referralView(referral) } : {}), ...(notification ? { notification: notificationView(notification) } : {}) } };
  }));
  out.push(...referrals.filter((r) => !fromContact(r.contactId)).map((r) => ({ type: 'referral' as const, id: r.id, at: new Date(r.createdAt).toISOString(),
    title: `Verwijzing naar ${teamName(r.teamId)}`,
    summary: r.reason, teamName: teamName(r.referrerTeamId) ?? r.referrerOrganisation, userName: userName(r.referrerUserId) ?? r.referrerName,
    details: referralView(r) })));
  out.push(...notifications.filter((n) => !fromContact(n.contactId)).map((r) => ({ type: 'notification' as const, id: r.id, at: new Date(r.createdAt).toISOString(),
    title: 'Wmo-melding', summary: null, teamName: teamName(r.teamId), userName: userName(r.createdBy),
    details: notificationView(r) })));
  return out.sort((a, b) => b.at.localeCompare(a.at) || a.type.localeCompare(b.type));
}
