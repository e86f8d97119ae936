import { ProcessingActivity } from '../../platform/audit.ts';
import { permissions } from '../../platform/access/permissions.ts';
import { listUsers, userNames } from '../../platform/auth/users.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { once } from '../../platform/idempotency.ts';
import type { Store, Visible } from '../../platform/store.ts';
import { versionConflict } from '../../platform/versioning.ts';
import { agreePlanOfClients } from '../casework/plan-agreed.ts';
import { clientSummaries } from '../clients/store.ts';
import { checkLifeDomains, listLifeDomains } from '../intake/life-domain-store.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';
import type { AgreementWay, GoalStatus, MemberRole } from './plan.ts';
import type { Agreement, GoalChange, GoalView, HouseholdChange, HouseholdView, NewGoal, NewHousehold, NewNote } from './schemas.ts';

const activity = ProcessingActivity.BasicSupport;
const today = () => amsterdamDate(new Date());
const householdNotFound = () => notFound('Huishouden niet gevonden / Household not found', 'household_not_found');
const goalNotFound = () => notFound('Doel niet gevonden / Goal not found', 'goal_not_found');
/** The Store's own refusal, for a household with a member the actor may not see: the plan is about all of them. */
const accessDenied = (hidden: string[]) => {
  const e = new AppError('client_access_denied', 403,
    'Geen toegang: u bent niet bij alle leden van dit huishouden betrokken. / No access: you are not involved with every member of this household.');
  e.auditDetails = { hiddenClientIds: hidden };
  return e;
};
const notInFuture = (on: string | undefined, field: string) => {
  if (on && on > today()) throw badRequest('De datum ligt in de toekomst / The date is in the future', field, 'date_in_future');
};

export async function loadHousehold(q: Queryable, id: string): Promise<HouseholdView> {
  const [h] = await q.query<{ id: string; name: string; coordinator: string | null; agreedOn: string | null; agreedHow: AgreementWay | null; version: number }>(
    `SELECT id, name, coordinator_user_id AS coordinator, plan_agreed_on::text AS "agreedOn", plan_agreed_how AS "agreedHow", version
     FROM households WHERE id = $1`, [id]);
  if (!h) throw householdNotFound();
  const members = await q.query<{ clientId: string; role: MemberRole }>(
    'SELECT client_id AS "clientId", role FROM household_members WHERE household_id = $1 ORDER BY added_at, client_id', [id]);
  const goals = await q.query<Omit<GoalView, 'notes'>>(
    `SELECT id, life_domain AS "lifeDomain", what, who, due_on::text AS "dueOn", status, version FROM plan_goals WHERE household_id = $1 ORDER BY created_at, id`, [id]);
  const notes = goals.length ? await q.query<{ id: string; goalId: string; on: string; note: string; actorUserId: string | null; recordedAt: Date }>(
    `SELECT id, goal_id AS "goalId", written_on::text AS "on", note, actor_user_id AS "actorUserId", recorded_at AS "recordedAt"
     FROM plan_goal_notes WHERE goal_id = ANY($1::uuid[]) ORDER BY recorded_at, id`, [goals.map((g) => g.id)]) : [];
  const clients = await clientSummaries(q, members.map((m) => m.clientId));
  const users = await userNames(q, [h.coordinator, ...notes.map((n) => n.actorUserId)]);
  const position = new Map((await listLifeDomains(q, true)).map((d) => [d.code, d.position]));
  const byDomain = (g: { lifeDomain: string }) => position.get(g.lifeDomain) ?? Number.MAX_SAFE_INTEGER;
  return {
    id: h.id, name: h.name, version: h.version,
    coordinator: h.coordinator ? { userId: h.coordinator, name: users.get(h.coordinator) ?? '' } : null,
    members: members.map((m) => ({ clientId: m.clientId, role: m.role, name: clients.get(m.clientId)?.name ?? '', birthDate: clients.get(m.clientId)?.birthDate ?? null })),
    plan: {
      agreedOn: h.agreedOn, agreedHow: h.agreedHow,
      // A stable sort: within a life domain, the goals stay in the order they were written.
      goals: [...goals].sort((a, b) => byDomain(a) - byDomain(b)).map((g) => ({
        ...g,
        notes: notes.filter((n) => n.goalId === g.id).map((n) => ({
          id: n.id, on: n.on, note: n.note, actorName: n.actorUserId ? users.get(n.actorUserId) ?? null : null, recordedAt: new Date(n.recordedAt).toISOString(),
        })),
      })),
    },
  };
}

const memberIdsOf = async (q: Queryable, householdId: string) =>
  (await q.query<{ client_id: string }>('SELECT client_id FROM household_members WHERE household_id = $1 ORDER BY client_id', [householdId])).map((r) => r.client_id);

/** The members' ids when the actor may see every one of them; 404 for an unknown household, 403 otherwise. */
async function requireAllVisible(q: Queryable, visible: Visible, householdId: string): Promise<string[]> {
  const params: unknown[] = [householdId];
  const rows = await q.query<{ clientId: string; visible: boolean }>(
    // Qualified: inside the condition's subqueries a bare client_id would name their own column.
    `SELECT m.client_id AS "clientId", ${visible('m.client_id', (v) => { params.push(v); return `$${params.length}`; })} AS visible
     FROM household_members m WHERE m.household_id = $1`, params);
  if (rows.length === 0) {
    const [h] = await q.query('SELECT 1 FROM households WHERE id = $1', [householdId]);
    if (!h) throw householdNotFound();
  }
  const hidden = rows.filter((r) => !r.visible).map((r) => r.clientId);
  if (hidden.length) throw accessDenied(hidden);
  return rows.map((r) => r.clientId);
}

/** The regisseur is an active professional of casework (team worker, Wmo adviser, team lead). */
async function checkCoordinator(q: Queryable, userId: string) {
  const [u] = await listUsers(q, userId);
  const professional = (permissions['casework.act'] as readonly string[]);
  if (!u?.active || !u.roles.some((r) => professional.includes(r))) {
    throw badRequest('De regisseur moet een actieve professional van een wijkteam zijn / The coordinator must be an active neighbourhood-team professional',
      'coordinatorUserId', 'coordinator_not_professional');
  }
}

const memberElsewhere = (clientIds: readonly string[]) =>
  conflict('Deze cliënt hoort al bij een huishouden / This client already belongs to a household', 'household_member_elsewhere', { clientIds });

/** Clients already in a household (a client belongs to one at a time): 409 naming them. */
async function refuseMembersElsewhere(q: Queryable, clientIds: readonly string[]) {
  const taken = await q.query<{ client_id: string }>('SELECT client_id FROM household_members WHERE client_id = ANY($1::uuid[])', [[...clientIds]]);
  if (taken.length) throw memberElsewhere(taken.map((t) => t.client_id));
}

/** Inserts members; a concurrent request that placed one of them first hits the unique index: the same 409. */
async function insertMembers(q: Queryable, householdId: string, members: readonly { clientId: string; role: MemberRole }[]) {
  await refuseMembersElsewhere(q, members.map((m) => m.clientId));
  try {
    await q.query('INSERT INTO household_members (household_id, client_id, role) SELECT $1, c, r FROM unnest($2::uuid[], $3::text[]) AS x(c, r)',
      [householdId, members.map((m) => m.clientId), members.map((m) => m.role)]);
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw memberElsewhere(members.map((m) => m.clientId));
    throw e;
  }
}

/** What a merge of client records did to the merged record's household membership (kept with the merge for its undo). */
export type MergedMembership = { householdId: string; role: MemberRole; moved: boolean };

/**
 * Two client records merged (clients/merge.ts, in its transaction): the merged record's place in a
 * household passes to the survivor (`moved`); when the survivor is in the same household already the
 * merged record just leaves it. The survivor in another household: 409 `merge_households` (one person
 * in two households; a professional decides first which one is right).
 */
export async function mergeMembership(tx: Queryable, mergedId: string, survivorId: string): Promise<MergedMembership | null> {
  const rows = await tx.query<{ client_id: string; household_id: string; role: MemberRole }>(
    'SELECT client_id, household_id, role FROM household_members WHERE client_id = ANY($1::uuid[]) FOR UPDATE', [[mergedId, survivorId]]);
  const merged = rows.find((r) => r.client_id === mergedId);
  const survivor = rows.find((r) => r.client_id === survivorId);
  if (!merged) return null;
  if (survivor && survivor.household_id !== merged.household_id) {
    throw conflict('Beide dossiers horen bij een ander huishouden; haal er eerst één uit zijn huishouden / Both records belong to a different household; remove one from its household first',
      'merge_households', { householdIds: [survivor.household_id, merged.household_id] });
  }
  if (survivor) await tx.query('DELETE FROM household_members WHERE client_id = $1', [mergedId]);
  else await tx.query('UPDATE household_members SET client_id = $2 WHERE client_id = $1', [mergedId, survivorId]);
  return { householdId: merged.household_id, role: merged.role, moved: !survivor };
}

/** Undoing a merge: the membership as it was before it (a survivor that left that household meanwhile keeps its own place). */
export async function unmergeMembership(tx: Queryable, mergedId: string, survivorId: string, was: MergedMembership): Promise<void> {
  if (was.moved) {
    await tx.query('UPDATE household_members SET client_id = $1 WHERE client_id = $2 AND household_id = $3', [mergedId, survivorId, was.householdId]);
  } else {
    await tx.query('INSERT INTO household_members (household_id, client_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [was.householdId, mergedId, was.role]);
  }
}

/**
 * Households and their plan through the request's Store. Reading needs need-to-know for every
 * member (one audit row listing them); each change checks every member and writes an audit row
 * per member in the transaction of the change.
 */
export function householdStore(store: Store) {
  const actorId = store.ctx.actor.kind === 'user' ? store.ctx.actor.id : null;

  /** A change to an existing household: every member checked and audited; the member list must not change meanwhile. */
  async function change(householdId: string, action: string, details: Record<string, unknown>, work: (tx: Queryable, version: number) => Promise<void>,
    extraClientIds: readonly string[] = []): Promise<HouseholdView> {
    const members = await memberIdsOf(store.db, householdId);
    if (members.length === 0) throw householdNotFound();
    return store.changeClient([...members, ...extraClientIds], { action, activity, details: { householdId, ...details } }, async (tx) => {
      const [h] = await tx.query<{ version: number }>('SELECT version FROM households WHERE id = $1 FOR UPDATE', [householdId]);
      if (!h) throw householdNotFound();
      if ((await memberIdsOf(tx, householdId)).join() !== members.join()) {
        throw conflict('Wie bij dit huishouden hoort is intussen gewijzigd; probeer het opnieuw / The members of this household changed meanwhile; try again', 'household_members_changed');
      }
      await work(tx, h.version);
      return loadHousehold(tx, householdId);
    });
  }

  return {
    get: (id: string) => store.readClients({ action: 'household.read', activity, details: { householdId: id } }, async (q, visible) => {
      const clientIds = await requireAllVisible(q, visible, id);
      return { result: await loadHousehold(q, id), clientIds };
    }),

    /** The household of a client, or null; the client must be visible first (so nothing is disclosed about others' clients). */
    ofClient: (clientId: string) => store.readClients<{ household: HouseholdView | null }>({ action: 'household.read', activity, details: { clientId } }, async (q, visible) => {
      const params: unknown[] = [clientId];
      const [self] = await q.query<{ visible: boolean }>(`SELECT ${visible('$1::uuid', (v) => { params.push(v); return `$${params.length}`; })} AS visible`, params);
      if (!self?.visible) throw accessDenied([clientId]);
      const [m] = await q.query<{ household_id: string }>('SELECT household_id FROM household_members WHERE client_id = $1', [clientId]);
      if (!m) return { result: { household: null }, clientIds: [clientId] };
      const clientIds = await requireAllVisible(q, visible, m.household_id);
      return { result: { household: await loadHousehold(q, m.household_id) }, clientIds };
    }),

    create: (input: NewHousehold, idempotencyKey?: string) => {
      const ids = input.members.map((m) => m.clientId);
      if (new Set(ids).size !== ids.length) throw badRequest('Een cliënt staat twee keer in de lijst / A client is listed twice', 'members', 'duplicate_member');
      return store.changeClient(ids, { action: 'household.create', activity, details: { name: input.name } }, async (tx) => {
        const id = await once(tx, 'household.create', idempotencyKey, input, async () => {
          const coordinator = input.coordinatorUserId ?? actorId;
          if (coordinator) await checkCoordinator(tx, coordinator);
          const [h] = await tx.query<{ id: string }>('INSERT INTO households (name, coordinator_user_id) VALUES ($1, $2) RETURNING id', [input.name, coordinator]);
          await insertMembers(tx, h!.id, input.members);
          return h!.id;
        });
        return loadHousehold(tx, id);
      });
    },

    addMember: (id: string, member: { clientId: string; role: MemberRole }) =>
      change(id, 'household.member_add', { addedClientId: member.clientId }, (tx) => insertMembers(tx, id, [member]), [member.clientId]),

    /** A member leaves the household (moved out, grown up); the last member stays: a household is never empty. */
    removeMember: (id: string, clientId: string) => change(id, 'household.member_remove', { removedClientId: clientId }, async (tx) => {
      const members = await memberIdsOf(tx, id);
      if (!members.includes(clientId)) throw notFound('Deze cliënt hoort niet bij dit huishouden / This client is not a member of this household', 'household_member_not_found');
      if (members.length === 1) throw conflict('Het laatste lid blijft in het huishouden / The last member stays in the household', 'household_last_member');
      await tx.query('DELETE FROM household_members WHERE household_id = $1 AND client_id = $2', [id, clientId]);
    }),

    update: (id: string, c: HouseholdChange, version: number) => change(id, 'household.update', { fields: Object.keys(c) }, async (tx, current) => {
      if (current !== version) throw versionConflict(current, await loadHousehold(tx, id));
      if (c.coordinatorUserId) await checkCoordinator(tx, c.coordinatorUserId);
      await tx.query(`UPDATE households SET name = coalesce($2, name), coordinator_user_id = coalesce($3, coordinator_user_id), version = version + 1, updated_at = now()
        WHERE id = $1`, [id, c.name ?? null, c.coordinatorUserId ?? null]);
    }),

    /**
     * The plan as agreed with the client: the day and the way (a newer agreement replaces it). The source of the
     * trajectories' step plan_agreed: members still at intake get it on the same day, or nothing is recorded.
     */
    agree: (id: string, a: Agreement, version: number) => change(id, 'household.plan.agree', { on: a.on, how: a.how }, async (tx, current) => {
      if (current !== version) throw versionConflict(current, await loadHousehold(tx, id));
      notInFuture(a.on, 'on');
      await tx.query('UPDATE households SET plan_agreed_on = $2, plan_agreed_how = $3, version = version + 1, updated_at = now() WHERE id = $1', [id, a.on, a.how]);
      // One fact: the members' trajectories still at intake get their step plan_agreed on the same day (casework's own step, audited there).
      await agreePlanOfClients(tx, store.ctx, await memberIdsOf(tx, id), a.on, { householdId: id });
    }),

    addGoal: (id: string, g: NewGoal, idempotencyKey?: string) => change(id, 'household.goal.create', { lifeDomain: g.lifeDomain }, async (tx) => {
      await once(tx, `household.goal:${id}`, idempotencyKey, g, async () => {
        await checkLifeDomains(tx, [g.lifeDomain], 'lifeDomain');
        await tx.query('INSERT INTO plan_goals (household_id, life_domain, what, who, due_on, created_by) VALUES ($1,$2,$3,$4,$5,$6)',
          [id, g.lifeDomain, g.what, g.who, g.dueOn, actorId]);
        return true;
      });
    }),

    changeGoal: (id: string, goalId: string, c: GoalChange, version: number) =>
      change(id, 'household.goal.update', { goalId, fields: Object.keys(c), ...(c.status ? { status: c.status } : {}) }, async (tx) => {
        const [g] = await tx.query<{ version: number }>('SELECT version FROM plan_goals WHERE id = $1 AND household_id = $2 FOR UPDATE', [goalId, id]);
        if (!g) throw goalNotFound();
        if (g.version !== version) throw versionConflict(g.version, (await loadHousehold(tx, id)).plan.goals.find((x) => x.id === goalId));
        await tx.query(`UPDATE plan_goals SET what = coalesce($2, what), who = coalesce($3, who), due_on = coalesce($4::date, due_on),
          status = coalesce($5, status), version = version + 1, updated_at = now() WHERE id = $1`,
          [goalId, c.what ?? null, c.who ?? null, c.dueOn ?? null, (c.status as GoalStatus | undefined) ?? null]);
      }),

    addNote: (id: string, goalId: string, n: NewNote, idempotencyKey?: string) => change(id, 'household.goal.note', { goalId }, async (tx) => {
      const [g] = await tx.query('SELECT 1 FROM plan_goals WHERE id = $1 AND household_id = $2', [goalId, id]);
      if (!g) throw goalNotFound();
      notInFuture(n.on, 'on');
      await once(tx, `household.note:${goalId}`, idempotencyKey, n, async () => {
        await tx.query('INSERT INTO plan_goal_notes (goal_id, written_on, note, actor_user_id) VALUES ($1,$2,$3,$4)', [goalId, n.on ?? today(), n.note, actorId]);
        return true;
      });
    }),

    /** The household and the life domains' Dutch names, for the client's PDF; audited as its own action. */
    forPdf: (id: string) => store.readClients({ action: 'household.plan.pdf', activity, details: { householdId: id } }, async (q, visible) => {
      const clientIds = await requireAllVisible(q, visible, id);
      const domains = new Map((await listLifeDomains(q, true)).map((d) => [d.code, d.labelNl]));
      return { result: { household: await loadHousehold(q, id), domainLabel: (code: string) => domains.get(code) ?? code }, clientIds };
    }),
  };
}
