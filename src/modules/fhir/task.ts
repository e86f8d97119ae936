import type { ReferralStatus } from '../referrals/referral-process.ts';
import { systemUrl, TrajectoryOutcomeSystem } from './code-systems.ts';

/**
 * Terugkoppeling (ReferralFeedback) as a FHIR R4 Task: the referral's status in the team's inbox,
 * mapped onto Task.status. Pure: the same mapping serves GET Task and the subscription notifications.
 *
 *   open → received · accepted → accepted · returned → rejected (statusReason = the team's reason)
 *   in_progress → in-progress · closed → completed (output = the outcome in words and, from a trajectory, its code)
 */
export const taskStatusOf = {
  open: 'received',
  accepted: 'accepted',
  returned: 'rejected',
  in_progress: 'in-progress',
  closed: 'completed',
} as const satisfies Record<ReferralStatus, string>;
export type TaskStatus = (typeof taskStatusOf)[ReferralStatus];

const businessText: Record<ReferralStatus, string> = {
  open: 'Ontvangen in het wijkteam / Received by the neighbourhood team',
  accepted: 'Aangenomen door het wijkteam / Accepted by the neighbourhood team',
  returned: 'Teruggestuurd / Returned',
  in_progress: 'Ondersteuning loopt / Support in progress',
  closed: 'Afgesloten / Closed',
};

export type TaskSource = {
  serviceRequestId: string;
  identifier: { system: string; value: string };
  practiceName: string;
  status: ReferralStatus;
  teamName: string;
  createdAt: string;
  urgency: string;
  /** false when the client withdrew the consent to share with this practice, or the patient was not confirmed: no reasons or outcome go back. */
  consentToShare: boolean;
  /** false while the name or birth date the GP sent differ from the record the BSN found (issue 14 item 6). */
  identityConfirmed?: boolean;
  actions: { type: string; at: string; reason: string | null; outcome: string | null }[];
  /** The code (wegwijs-trajectory-outcome) of the trajectory close that closed the referral; null: closed without a trajectory. */
  outcomeCode?: string | null;
};

const priorityOf: Record<string, string> = { normal: 'routine', urgent: 'urgent', crisis: 'stat' };

export function toTask(t: TaskSource) {
  const last = t.actions.at(-1);
  const returned = [...t.actions].reverse().find((a) => a.type === 'returned');
  const closed = [...t.actions].reverse().find((a) => a.type === 'closed');
  const concept = TrajectoryOutcomeSystem.concepts.find((c) => c.code === t.outcomeCode);
  const output = [
    ...(closed?.outcome ? [{ type: { text: 'Uitkomst / Outcome' }, valueString: closed.outcome }] : []),
    ...(concept ? [{ type: { text: 'Uitkomstcode / Outcome code' },
      valueCodeableConcept: { coding: [{ system: systemUrl(TrajectoryOutcomeSystem), code: concept.code, display: concept.display }], text: concept.display } }] : []),
  ];
  return {
    resourceType: 'Task',
    id: t.serviceRequestId,
    meta: { versionId: String(t.actions.length || 1), lastUpdated: last?.at ?? t.createdAt },
    identifier: [t.identifier],
    basedOn: [{ reference: `ServiceRequest/${t.serviceRequestId}` }],
    status: taskStatusOf[t.status],
    businessStatus: { text: businessText[t.status] },
    intent: 'order',
    priority: priorityOf[t.urgency] ?? 'routine',
    focus: { reference: `ServiceRequest/${t.serviceRequestId}` },
    authoredOn: t.createdAt,
    lastModified: last?.at ?? t.createdAt,
    requester: { display: t.practiceName },
    owner: { display: t.teamName },
    ...(t.consentToShare && t.status === 'returned' && returned?.reason ? { statusReason: { text: returned.reason } } : {}),
    ...(t.consentToShare && t.status === 'closed' && output.length > 0 ? { output } : {}),
    // Unconfirmed: say nothing about the record the BSN found (not even that it differs).
    ...(t.consentToShare ? {} : { note: [{ text: t.identityConfirmed === false
      ? 'Het wijkteam koppelt de inhoud niet via dit bericht terug / The team does not report details through this message'
      : 'De cliënt heeft de toestemming om met de praktijk te delen ingetrokken / The client withdrew consent to share with the practice' }] }),
  };
}
