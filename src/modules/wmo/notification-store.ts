import type { RequestContext } from '../../platform/access/context.ts';
import { addRelation } from '../../platform/access/relations.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { teamMembersWithRoles, userNames } from '../../platform/auth/users.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError, badRequest, conflict, forbidden, notFound, unprocessable } from '../../platform/errors.ts';
import { once } from '../../platform/idempotency.ts';
import type { Store } from '../../platform/store.ts';
import { versionConflict } from '../../platform/versioning.ts';
import { clientSummaries, getClientRow } from '../clients/store.ts';
import { amsterdamDate, type LegalCalendar } from '../legal-terms/legal-terms.ts';
import { loadCalendar } from '../legal-terms/store.ts';
import { firstActiveDesk, lookupPostcode, teamNames } from '../org/store.ts';
import { outcomeOf } from './decision.ts';
import { zrmScoringsOfClient } from '../casework/zrm-store.ts';
import { ASSESSMENT_FIELDS, ASSESSMENT_HEADINGS_NL } from './assessment.ts';
import { addresseeOf, decisionView, isMinorOn, letterPdfOf, letterReference, recordDecision, regenerateLetter, signLetter } from './decision-store.ts';
import { dutchDate } from './decision.ts';
import { type EvidenceKind, evidenceRefusal, NOTE_REQUIRED } from './evidence.ts';
import { assessmentView, evidenceRecords, evidenceView, insertEvidence, personalPlanDueOn, saveAssessment } from './evidence-store.ts';
import { letterPdf } from './letter-pdf.ts';
import type { AssessmentInput, EvidenceInput, WmoActionInput, WmoInboxItem, WmoNotificationView } from './schemas.ts';
import {
  allowedCommands, assessmentDeadline, clocksOf, type Law, notAllowedMessage, ObjectionOutcome, PauseReason, refusalOf, runningClock,
  stateOf, type WmoAction, type WmoStatus,
} from './wmo-process.ts';

export type NotificationInput = { clientId: string; contactId: string | null; notifiedOn: string; channel: string;
  reportedBy: 'client' | 'representative' | 'informal_carer' | 'other'; teamId: string | null; createdBy: string | null; urgent?: boolean; law?: Law };
/** `assessmentDeadline` is null under the Jeugdwet without a municipal onderzoek norm. */
export type NotificationView = { id: string; law: Law; notifiedOn: string; assessmentDeadline: string | null };

/**
 * Records a Wmo melding (Wmo 2015 art. 2.3.2); called inside the caller's transaction. `notifiedOn`
 * is the Dutch date. The melding lands in the Wmo inbox of the team serving the client's postcode
 * (else the registering desk's), and that team becomes involved with the client, so its Wmo
 * advisers can see and take it. A Jeugdwet melding lands in the youth desk's inbox (the CJG), not
 * the postcode's wijkteam: its youth consultants work it.
 */
export async function createNotification(tx: Queryable, n: NotificationInput): Promise<NotificationView> {
  const law = n.law ?? 'wmo';
  let inboxTeamId: string | null;
  if (law === 'jeugdwet') {
    inboxTeamId = (await firstActiveDesk(tx, YOUTH_DESK_TYPE))?.id ?? null;
    if (!inboxTeamId) throw conflict('Er is geen actief CJG-loket voor de Jeugdwet / No active youth desk (CJG) for the Jeugdwet', 'no_youth_desk');
  } else {
    const client = await getClientRow(tx, n.clientId);
    const postcodeTeam = client.postcode ? (await lookupPostcode(tx, client.postcode))?.teamId ?? null : null;
    inboxTeamId = postcodeTeam ?? n.teamId;
  }
  const [row] = await tx.query<{ id: string; notified_on: string }>(
    `INSERT INTO wmo_notifications (client_id, contact_id, notified_on, channel, reported_by, team_id, created_by, inbox_team_id, urgent, law)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id, notified_on::text AS notified_on`,
    [n.clientId, n.contactId, n.notifiedOn, n.channel, n.reportedBy, n.teamId, n.createdBy, inboxTeamId, n.urgent ?? false, law]);
  if (inboxTeamId && inboxTeamId !== n.teamId) await addRelation(tx, { clientId: n.clientId, teamId: inboxTeamId, reason: 'wmo_notification' });
  return { id: row!.id, law, notifiedOn: row!.notified_on, assessmentDeadline: assessmentDeadline(await loadCalendar(tx), row!.notified_on, law) };
}

/** The desk type whose inbox takes Jeugdwet meldingen (teams.desk_type): the CJG. */
export const YOUTH_DESK_TYPE = 'cjg';

/**
 * A direct referral to youth care by a GP, youth doctor or medical specialist (Jeugdwet art. 2.6
 * lid 1 onder d) is accepted without an assessment: a Jeugdwet melding in the CJG's inbox with its
 * aanvraag recorded on the day Wegwijs received it (Awb 4:13: the eight weeks run from receipt), so
 * the youth consultant can record the decision at once. Called in the receiving transaction.
 */
export async function receiveYouthReferral(tx: Queryable, r: { clientId: string; receivedOn: string; referrerName: string; urgent: boolean }): Promise<NotificationView> {
  const n = await createNotification(tx, { clientId: r.clientId, contactId: null, notifiedOn: r.receivedOn, channel: 'gp_referral', reportedBy: 'other',
    teamId: null, createdBy: null, law: 'jeugdwet', urgent: r.urgent });
  await tx.query(`INSERT INTO wmo_actions (notification_id, type, on_date, reason) VALUES ($1, 'receiveApplication', $2, $3)`,
    [n.id, r.receivedOn, `Verwijzing jeugdhulp door ${r.referrerName} (Jeugdwet art. 2.6 lid 1 onder d)`]);
  await tx.query(`UPDATE wmo_notifications SET status = 'applied' WHERE id = $1`, [n.id]);
  return n;
}

export type NotificationOfClient = { id: string; law: Law; createdAt: Date; notifiedOn: string; assessmentDeadline: string | null; teamId: string | null; createdBy: string | null; reportedBy: string; contactId: string | null };

/** Every Wmo melding of these clients (unordered), with the onderzoek's deadline, for the client's timeline. */
export async function notificationsOfClients(q: Queryable, clientIds: readonly string[]): Promise<NotificationOfClient[]> {
  const rows = await q.query<Omit<NotificationOfClient, 'assessmentDeadline'>>(
    `SELECT id, law, created_at AS "createdAt", notified_on::text AS "notifiedOn", team_id AS "teamId", created_by AS "createdBy", reported_by AS "reportedBy", contact_id AS "contactId"
     FROM wmo_notifications WHERE client_id = ANY($1::uuid[])`, [[...clientIds]]);
  if (rows.length === 0) return [];
  const calendar = await loadCalendar(q);
  return rows.map((r) => ({ ...r, assessmentDeadline: assessmentDeadline(calendar, r.notifiedOn, r.law) }));
}

/** The Wmo inbox team and the assigned adviser of each melding (for figures per team and adviser). */
export async function ownersOf(q: Queryable, notificationIds: readonly string[]): Promise<Map<string, { teamId: string | null; userId: string | null }>> {
  const rows = await q.query<{ id: string; team_id: string | null; assigned_user_id: string | null }>(
    'SELECT id, inbox_team_id AS team_id, assigned_user_id FROM wmo_notifications WHERE id = ANY($1::uuid[])', [[...notificationIds]]);
  return new Map(rows.map((r) => [r.id, { teamId: r.team_id, userId: r.assigned_user_id }]));
}

type Row = { id: string; client_id: string; notified_on: string; channel: string; reported_by: string; team_id: string | null; inbox_team_id: string | null;
  status: WmoStatus; assigned_user_id: string | null; urgent: boolean; version: number; law: Law };
const COLS = 'id, client_id, notified_on::text AS notified_on, channel, reported_by, team_id, inbox_team_id, status, assigned_user_id, urgent, version, law';
const SELECT = `SELECT ${COLS} FROM wmo_notifications`;

type ActionRow = WmoAction & { notificationId: string; at: Date; actorUserId: string | null; idempotencyKey: string | null };
const actionsOf = (q: Queryable, ids: readonly string[]) => q.query<ActionRow>(
  `SELECT notification_id AS "notificationId", type, on_date::text AS "on", at, actor_user_id AS "actorUserId", assigned_user_id AS "assignedUserId",
     reason, until::text AS until, outcome, committee, idempotency_key AS "idempotencyKey"
   FROM wmo_actions WHERE notification_id = ANY($1::uuid[]) ORDER BY id`, [[...ids]]);

const today = () => amsterdamDate(new Date());

async function inboxItems(q: Queryable, rows: Row[], calendar: LegalCalendar): Promise<WmoInboxItem[]> {
  // One after the other: a transaction's connection runs one query at a time.
  const actions = await actionsOf(q, rows.map((r) => r.id));
  const clients = await clientSummaries(q, rows.map((r) => r.client_id));
  const teams = await teamNames(q, rows.map((r) => r.inbox_team_id));
  const users = await userNames(q, rows.map((r) => r.assigned_user_id));
  const now = today();
  return rows.map((r) => {
    const state = stateOf(r.notified_on, actions.filter((a) => a.notificationId === r.id), r.law);
    return {
      id: r.id, law: r.law, clientId: r.client_id, clientName: clients.get(r.client_id)?.name ?? '', notifiedOn: r.notified_on, status: r.status, urgent: r.urgent,
      inboxTeamId: r.inbox_team_id, inboxTeamName: r.inbox_team_id ? teams.get(r.inbox_team_id) ?? null : null,
      assignedUserId: r.assigned_user_id, assignedUserName: r.assigned_user_id ? users.get(r.assigned_user_id) ?? null : null,
      clock: runningClock(clocksOf(state, calendar, now)), version: r.version,
    };
  });
}

async function detail(q: Queryable, r: Row): Promise<WmoNotificationView> {
  const calendar = await loadCalendar(q);
  const [item] = await inboxItems(q, [r], calendar);
  const actions = await actionsOf(q, [r.id]);
  const names = await userNames(q, actions.flatMap((a) => [a.actorUserId, a.assignedUserId]));
  const clients = await clientSummaries(q, [r.client_id]);
  const registeredBy = r.team_id ? (await teamNames(q, [r.team_id])).get(r.team_id) ?? null : null;
  const now = today();
  const state = stateOf(r.notified_on, actions, r.law);
  const { clock: _, ...rest } = item!;
  const report = actions.filter((a) => a.type === 'recordReport').at(-1);
  return {
    ...rest, clientBirthDate: clients.get(r.client_id)?.birthDate ?? null, channel: r.channel, reportedBy: r.reported_by, registeredByTeamName: registeredBy,
    clocks: clocksOf(state, calendar, now), allowed: allowedCommands(state, calendar, now),
    actions: actions.map((a) => ({ type: a.type, on: a.on, at: new Date(a.at).toISOString(), actorName: a.actorUserId ? names.get(a.actorUserId) ?? null : null,
      assignedUserId: a.assignedUserId ?? null, assignedUserName: a.assignedUserId ? names.get(a.assignedUserId) ?? null : null,
      reason: a.reason ?? null, until: a.until ?? null, outcome: a.outcome ?? null, committee: a.committee ?? null })),
    decision: await decisionView(q, r.id),
    evidence: await evidenceView(q, { id: r.id, clientId: r.client_id, law: r.law, channel: r.channel, notifiedOn: r.notified_on }, calendar,
      report ? { on: report.on, note: null, byName: report.actorUserId ? names.get(report.actorUserId) ?? null : null, recordedAt: new Date(report.at).toISOString() } : null),
    assessment: await assessmentView(q, r.id, r.client_id),
    zrmOptions: await zrmScoringsOfClient(q, r.client_id),
    minor: isMinorOn(clients.get(r.client_id)?.birthDate ?? null, now),
  };
}

/** The melding's view changed (evidence, onderzoek): a new version, so its ETag changes too. */
async function bumpVersion(tx: Queryable, id: string): Promise<Row> {
  const [r] = await tx.query<Row>(`UPDATE wmo_notifications SET version = version + 1 WHERE id = $1 RETURNING ${COLS}`, [id]);
  return r!;
}

/** The statuses in which the onderzoek may still be written or corrected: until the aanvraag. */
const ASSESSMENT_OPEN: readonly WmoStatus[] = ['notified', 'assessing', 'reported'];

/**
 * The verslag (Wmo 2015 art. 2.3.2 lid 8) as a PDF: the onderzoek per item of the law, the
 * persoonlijk plan and the client's right to add remarks; to a minor's parents or representatives.
 */
async function reportPdf(q: Queryable, r: Row): Promise<Buffer> {
  const calendar = await loadCalendar(q);
  const a = await assessmentView(q, r.id, r.client_id);
  if (!a) throw conflict('Er is nog geen onderzoek vastgelegd / No onderzoek has been recorded yet', 'no_assessment');
  const records = await evidenceRecords(q, r.id);
  const date = today();
  const { name, address } = await addresseeOf(q, r.client_id, date);
  const plan = records.filter((e) => e.kind === 'personal_plan_received' || e.kind === 'personal_plan_not_received').at(-1);
  const planDue = personalPlanDueOn(calendar, r.law, r.notified_on);
  const blocks = [
    { kind: 'heading' as const, text: 'Verslag van het gesprek over uw melding' },
    { kind: 'paragraph' as const, text: `Beste ${name},\n\nOp ${dutchDate(r.notified_on)} heeft u zich bij ons gemeld voor ondersteuning. Daarna hebben we samen onderzocht wat u nodig heeft. In dit verslag leest u wat we hebben besproken.` },
    ...ASSESSMENT_FIELDS.flatMap((f) => [{ kind: 'heading' as const, text: ASSESSMENT_HEADINGS_NL[f] },
      { kind: 'paragraph' as const, text: a[f] ?? 'Dit is niet besproken.' }]),
    ...(planDue ? [{ kind: 'heading' as const, text: 'Uw persoonlijk plan' }, { kind: 'paragraph' as const,
      text: plan ? (plan.kind === 'personal_plan_received' ? `We hebben uw persoonlijk plan ontvangen op ${dutchDate(plan.on)}.` : 'U heeft geen persoonlijk plan ingeleverd.')
        : `U kon tot en met ${dutchDate(planDue)} een persoonlijk plan inleveren.` }] : []),
    { kind: 'heading' as const, text: 'Bent u het niet eens met dit verslag?' },
    { kind: 'paragraph' as const, text: 'Laat het ons weten. Wij voegen uw opmerkingen toe aan het verslag. Daarna kunt u een aanvraag doen voor de ondersteuning die u nodig heeft.' },
    { kind: 'paragraph' as const, text: 'Met vriendelijke groet,\nnamens het college van burgemeester en wethouders van Rotterdam' },
  ];
  return letterPdf({ sender: 'Gemeente Rotterdam', addressLines: address, reference: letterReference(r.id), date: dutchDate(date),
    title: 'Verslag van het onderzoek', draft: false }, blocks);
}

/** Content a command needs, checked before the law's rules (400 naming the field). */
async function checkInput(tx: Queryable, ctx: RequestContext, r: Row, input: WmoActionInput): Promise<WmoActionInput> {
  const need = (field: keyof WmoActionInput, ok: boolean, nl: string, en: string) => { if (!ok) throw badRequest(`${nl} / ${en}`, field); };
  switch (input.type) {
    case 'assign': {
      const assignedUserId = input.assignedUserId ?? ctx.actor.id!;
      const advisers = r.inbox_team_id ? await teamMembersWithRoles(tx, r.inbox_team_id, ['wmo_adviser']) : [];
      need('assignedUserId', advisers.some((a) => a.id === assignedUserId), 'Kies een Wmo-adviseur van dit team', 'Choose a Wmo adviser of this team');
      return { ...input, assignedUserId };
    }
    case 'pauseClock':
      need('reason', (Object.values(PauseReason) as string[]).includes(input.reason ?? ''), `Reden: ${Object.values(PauseReason).join(' of ')}`, 'Reason: client_request or information_missing');
      return input;
    case 'extendDecisionTerm':
      need('until', !!input.until, 'Noem de datum uit de verdagingsbrief', 'Name the date from the notice');
      need('reason', !!input.reason, 'Geef de reden van de verdaging', 'Give the reason for the extension');
      return input;
    case 'extendObjectionTerm':
    case 'withdraw':
      need('reason', !!input.reason, 'Geef de reden', 'Give the reason');
      return input;
    case 'decide': {
      // The beschikking's content is required; its outcome follows from the lines (a sent outcome must agree).
      need('decision', !!input.decision, 'Leg de inhoud van de beschikking vast', 'Record the content of the decision');
      const outcome = outcomeOf(input.decision!.lines);
      need('outcome', input.outcome === undefined || input.outcome === outcome, `De regels geven uitkomst ${outcome}`, `The lines give outcome ${outcome}`);
      return { ...input, outcome };
    }
    case 'decideObjection':
      need('outcome', (ObjectionOutcome as readonly string[]).includes(input.outcome ?? ''), `Uitkomst: ${ObjectionOutcome.join(', ')}`, `Outcome: ${ObjectionOutcome.join(', ')}`);
      return input;
    default:
      return input;
  }
}

/** The Wmo process through the request's Store: every read and change is need-to-know checked and audited. */
export function wmoStore(store: Store) {
  const actor = store.ctx.actor;
  const op = (action: string, details: Record<string, unknown>) => ({ action, activity: ProcessingActivity.WmoAccess, details });
  const clientOf = async (id: string) => {
    const [r] = await store.db.query<{ client_id: string }>('SELECT client_id FROM wmo_notifications WHERE id = $1', [id]);
    if (!r) throw notFound('Melding niet gevonden / Wmo notification not found');
    return r.client_id;
  };
  /** The melding, locked, when the actor is of its inbox's team or its assigned adviser (else 403). */
  const workable = async (tx: Queryable, id: string): Promise<Row> => {
    const [r] = await tx.query<Row>(`${SELECT} WHERE id = $1 FOR UPDATE`, [id]);
    if (!r) throw notFound('Melding niet gevonden / Wmo notification not found');
    if (!(r.inbox_team_id && actor.teamIds.includes(r.inbox_team_id)) && r.assigned_user_id !== actor.id) {
      throw forbidden('Alleen het team van deze Wmo-inbox of de toegewezen adviseur werkt aan de melding / Only the inbox team or the assigned adviser works on this melding', 'not_team_member');
    }
    return r;
  };
  return {
    /** The Wmo inbox of the actor's teams (or one of them): spoed first, then the clock that runs out first. */
    inbox: (teamId: string | undefined, status: WmoStatus | undefined, mine: boolean) => {
      if (teamId && !actor.teamIds.includes(teamId)) throw forbidden('U bent geen lid van dit team / You are not a member of this team', 'not_team_member');
      const teamIds = teamId ? [teamId] : actor.teamIds;
      return store.readClients(op('wmo.inbox', { teamIds, status, mine }), async (tx, visible) => {
        const params: unknown[] = [teamIds, status ?? null, mine ? actor.id : null];
        const rows = await tx.query<Row>(`${SELECT} WHERE inbox_team_id = ANY($1::uuid[]) AND ($2::text IS NULL OR status = $2)
          AND ($3::uuid IS NULL OR assigned_user_id = $3)
          AND ${visible('client_id', (v) => { params.push(v); return `$${params.length}`; })}
          ORDER BY urgent DESC, notified_on, created_at LIMIT 200`, params);
        const items = await inboxItems(tx, rows, await loadCalendar(tx));
        const due = (i: WmoInboxItem) => i.clock?.dueOn ?? '9999-12-31';
        items.sort((a, b) => Number(b.urgent) - Number(a.urgent) || due(a).localeCompare(due(b)));
        return { result: items, clientIds: [...new Set(rows.map((r) => r.client_id))] };
      });
    },

    get: async (id: string) => store.readClient(await clientOf(id), op('wmo.notification.read', { notificationId: id }), async (tx) => {
      const [r] = await tx.query<Row>(`${SELECT} WHERE id = $1`, [id]);
      return detail(tx, r!);
    }),

    /** One version of the melding's letter as PDF (audited as a read of the client's data). */
    letterPdf: async (id: string, letterId: string) =>
      store.readClient(await clientOf(id), op('wmo.letter.download', { notificationId: id, letterId }), (tx) => letterPdfOf(tx, id, letterId)),

    /** A new version of the decision's letter from the newest template; refused once signed; the same Idempotency-Key makes one version. */
    regenerateLetter: async (id: string, idempotencyKey?: string) =>
      store.changeClient(await clientOf(id), op('wmo.letter.regenerate', { notificationId: id }), async (tx) => {
        const r = await workable(tx, id);
        return once(tx, `wmo:${id}:letter.regenerate`, idempotencyKey, {}, async () => {
          await regenerateLetter(tx, id, actor.id);
          return detail(tx, r);
        });
      }),

    /** Signs the letter version the signer read, within their mandate (decision-store.ts signLetter). */
    signLetter: async (id: string, letterId: string) => store.changeClient(await clientOf(id), op('wmo.letter.sign', { notificationId: id, letterId }), async (tx) => {
      const r = await workable(tx, id);
      await signLetter(tx, id, letterId, actor.id!);
      return detail(tx, r);
    }),

    /**
     * Records one piece of evidence the law requires (evidence.ts): dated, with who recorded it.
     * Refused on a withdrawn melding (409 wmo_status), with a note missing where it is required (400
     * naming `note`), and out of order (the plan's outcome before the offer, a reaction before the
     * verslag: 409). The same Idempotency-Key again records nothing new.
     */
    recordEvidence: async (id: string, input: EvidenceInput, idempotencyKey?: string) =>
      store.changeClient(await clientOf(id), op('wmo.evidence', { notificationId: id, kind: input.kind }), async (tx) => {
        const r = await workable(tx, id);
        if (r.status === 'withdrawn') throw conflict(`Melding heeft status '${r.status}' / Melding is in status '${r.status}'`, 'wmo_status', { wmoStatus: r.status });
        if (NOTE_REQUIRED.includes(input.kind) && !input.note) {
          throw badRequest(input.kind === 'identity_checked' ? 'Noem het soort document (niet het nummer) / Name the kind of document (not its number)'
            : 'Schrijf op wat de cliënt zei / Write what the client said', 'note');
        }
        const now = today();
        const on = input.on ?? now;
        if (on > now) throw unprocessable('Deze datum ligt in de toekomst / This date is in the future', 'on', 'date_in_future');
        if (on < r.notified_on) throw unprocessable('Deze datum ligt vóór de melding / This date is before the melding', 'on', 'date_before_notification');
        const state = stateOf(r.notified_on, await actionsOf(tx, [id]), r.law);
        const refusal = evidenceRefusal(input.kind as EvidenceKind, on, await evidenceRecords(tx, id), state.reportOn);
        if (refusal) throw new AppError(refusal.code, 409, refusal.message, refusal.field);
        const inserted = await insertEvidence(tx, id, { kind: input.kind, on, note: input.note ?? null }, actor.id, idempotencyKey ?? null);
        return detail(tx, inserted ? await bumpVersion(tx, id) : r);
      }),

    /** Saves the onderzoek as a new version (evidence-store.ts saveAssessment); only until the aanvraag (409 wmo_status). */
    saveAssessment: async (id: string, input: AssessmentInput) =>
      store.changeClient(await clientOf(id), op('wmo.assessment.save', { notificationId: id }), async (tx) => {
        const r = await workable(tx, id);
        if (!ASSESSMENT_OPEN.includes(r.status)) {
          throw conflict(`Melding heeft status '${r.status}'; het onderzoek kan alleen tot de aanvraag / Melding is in status '${r.status}'; the onderzoek is open until the aanvraag`,
            'wmo_status', { wmoStatus: r.status });
        }
        await saveAssessment(tx, id, r.client_id, input, actor.id);
        return detail(tx, await bumpVersion(tx, id));
      }),

    /** The verslag of the onderzoek as PDF (audited as a read of the client's data). */
    reportPdf: async (id: string) =>
      store.readClient(await clientOf(id), op('wmo.report.download', { notificationId: id }), async (tx) => {
        const [r] = await tx.query<Row>(`${SELECT} WHERE id = $1`, [id]);
        return reportPdf(tx, r!);
      }),

    /**
     * Records one step. Refused with 409 naming the status and what is allowed when the table (or a
     * guard) does not allow it; the same Idempotency-Key again returns the melding as it is and
     * changes nothing; with If-Match, a melding changed since is 412.
     */
    act: async (id: string, raw: WmoActionInput, idempotencyKey?: string, ifMatch?: number) =>
      store.changeClient(await clientOf(id), op(`wmo.${raw.type}`, { notificationId: id }), async (tx) => {
        const r = await workable(tx, id);
        if (idempotencyKey) {
          const done = await tx.query('SELECT 1 FROM wmo_actions WHERE notification_id = $1 AND idempotency_key = $2', [id, idempotencyKey]);
          if (done.length > 0) return detail(tx, r!);
        }
        if (ifMatch !== undefined && ifMatch !== r.version) throw versionConflict(r.version, await detail(tx, r));
        const calendar = await loadCalendar(tx);
        const actions = await actionsOf(tx, [id]);
        const now = today();
        const state = stateOf(r.notified_on, actions, r.law);
        const allowed = allowedCommands(state, calendar, now);
        if (!allowed.includes(raw.type)) {
          throw conflict(notAllowedMessage(state.status, raw.type, allowed), 'wmo_status', { wmoStatus: state.status, allowed });
        }
        const input = await checkInput(tx, store.ctx, r!, raw);
        const action: WmoAction = { type: input.type, on: input.on ?? now, assignedUserId: input.assignedUserId ?? null, reason: input.reason ?? null,
          until: input.until ?? null, outcome: input.outcome ?? null, committee: input.committee ?? null };
        const refusal = refusalOf(state, action, calendar, now);
        if (refusal) throw unprocessable(refusal.message, refusal.field, refusal.code);
        const [inserted] = await tx.query<{ id: string }>(
          `INSERT INTO wmo_actions (notification_id, type, on_date, actor_user_id, assigned_user_id, reason, until, outcome, committee, idempotency_key)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id::text AS id`,
          [id, action.type, action.on, actor.id, action.assignedUserId, action.reason, action.until, action.outcome, action.committee, idempotencyKey ?? null]);
        if (input.type === 'decide') await recordDecision(tx, id, inserted!.id, input.decision!, actor.id, r.law);
        const after = stateOf(r.notified_on, [...actions, action], r.law);
        const [updated] = await tx.query<Row>(
          `UPDATE wmo_notifications SET status = $2, assigned_user_id = $3, urgent = urgent OR $4, version = version + 1 WHERE id = $1
           RETURNING ${COLS}`,
          [id, after.status, after.assigneeId, after.urgentProvisionOn !== null]);
        // Taking or being assigned a melding is what makes the adviser involved with the client (need-to-know).
        if (action.type === 'assign') {
          await addRelation(tx, { clientId: r.client_id, userId: action.assignedUserId, reason: 'wmo_assigned' });
        }
        return detail(tx, updated!);
      }),
  };
}
