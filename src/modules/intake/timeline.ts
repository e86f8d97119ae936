import type { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import type { Store } from '../../platform/store.ts';
import { mergedIdsOf } from '../clients/merge.ts';
import { assessmentDeadline } from '../wmo/wmo-process.ts';
import { type ContactOutcome, contactOutcomeLabels } from './contact-outcome.ts';
import type { TimelineEntry } from './schemas.ts';

export type TimelineType = 'contact' | 'referral' | 'notification';
type Entry = z.infer<typeof TimelineEntry>;

/**
 * Everything that happened with a client, newest first: contacts, referrals, Wmo notifications
 * (and later case events), including records merged into this one. Each entry says who and which desk.
 */
export function clientTimeline(store: Store, clientId: string, types: TimelineType[]) {
  const want = (t: TimelineType) => types.length === 0 || types.includes(t);
  return store.withClient(clientId, { action: 'client.timeline', activity: ProcessingActivity.ClientRegistration, details: { types } }, async (tx) => {
    const ids = await mergedIdsOf(tx, clientId);
    const out: Entry[] = [];
    if (want('contact')) {
      const rows = await tx.query<{ id: string; at: Date; outcome: ContactOutcome; question: string; team: string; who: string | null; channel: string; life_domains: string[]; urgency: string; general_provision: string | null }>(
        `SELECT c.id, c.contacted_at AS at, c.outcome, c.question, t.name AS team, u.display_name AS who, c.channel, c.life_domains, c.urgency, c.general_provision
         FROM contacts c JOIN teams t ON t.id = c.team_id LEFT JOIN users u ON u.id = c.registered_by WHERE c.client_id = ANY($1::uuid[])`, [ids]);
      out.push(...rows.map((r) => ({ type: 'contact' as const, id: r.id, at: new Date(r.at).toISOString(), title: contactOutcomeLabels[r.outcome].nl, summary: r.question,
        teamName: r.team, userName: r.who, details: { channel: r.channel, outcome: r.outcome, lifeDomains: r.life_domains, urgency: r.urgency, generalProvision: r.general_provision } })));
    }
    if (want('referral')) {
      const rows = await tx.query<{ id: string; at: Date; status: string; reason: string; to_team: string; from_team: string | null; who: string | null; source: string; organisation: string | null }>(
        `SELECT r.id, r.created_at AS at, r.status, r.reason, t.name AS to_team, ft.name AS from_team, coalesce(u.display_name, r.referrer_name) AS who, r.source, r.referrer_organisation AS organisation
         FROM referrals r JOIN teams t ON t.id = r.team_id LEFT JOIN teams ft ON ft.id = r.referrer_team_id LEFT JOIN users u ON u.id = r.referrer_user_id
         WHERE r.client_id = ANY($1::uuid[])`, [ids]);
      out.push(...rows.map((r) => ({ type: 'referral' as const, id: r.id, at: new Date(r.at).toISOString(), title: `Verwijzing naar ${r.to_team} (${r.status})`, summary: r.reason,
        teamName: r.from_team ?? r.organisation, userName: r.who, details: { toTeam: r.to_team, status: r.status, source: r.source } })));
    }
    if (want('notification')) {
      const rows = await tx.query<{ id: string; at: Date; notified_on: string; team: string | null; who: string | null; reported_by: string }>(
        `SELECT n.id, n.created_at AS at, n.notified_on::text AS notified_on, t.name AS team, u.display_name AS who, n.reported_by
         FROM wmo_notifications n LEFT JOIN teams t ON t.id = n.team_id LEFT JOIN users u ON u.id = n.created_by WHERE n.client_id = ANY($1::uuid[])`, [ids]);
      out.push(...rows.map((r) => ({ type: 'notification' as const, id: r.id, at: new Date(r.at).toISOString(),
        title: `Wmo-melding, onderzoek uiterlijk ${assessmentDeadline(r.notified_on)}`, summary: null, teamName: r.team, userName: r.who,
        details: { notifiedOn: r.notified_on, assessmentDeadline: assessmentDeadline(r.notified_on), reportedBy: r.reported_by } })));
    }
    return out.sort((a, b) => b.at.localeCompare(a.at) || a.type.localeCompare(b.type));
  });
}
