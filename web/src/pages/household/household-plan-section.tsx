import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Caseload } from '../../../../src/modules/casework/schemas.ts';
import { AGREEMENT_WAYS, GOAL_STATUSES, MEMBER_ROLES } from '../../../../src/modules/household/plan.ts';
import type { GoalView, HouseholdView } from '../../../../src/modules/household/schemas.ts';
import { api } from '../../api.ts';
import { SelectField, TextareaField, TextField, useFormErrors } from '../../components/form.tsx';
import { useFormat, useI18n, useProblemText } from '../../i18n.tsx';
import { useLifeDomains } from '../../use-life-domains.ts';

const key = (what: string) => ({ headers: { 'idempotency-key': `${what}-${crypto.randomUUID()}` } });

/**
 * The client's household and its plan ("1 gezin, 1 plan, 1 regisseur") on the trajectory page:
 * members and regisseur, the goals per life domain with who, by when, status and progress notes,
 * the agreement with the client, and the plan as a PDF for the client.
 */
export function HouseholdPlanSection({ clientId, clientName, mayWrite, onPlanAgreed }: {
  clientId: string; clientName: string; mayWrite: boolean;
  /** The agreement also gave the members' trajectories at intake their step 'plan agreed': the page shows it. */
  onPlanAgreed?: () => void;
}) {
  const { t } = useI18n();
  const { forError } = useProblemText();
  const [household, setHousehold] = useState<HouseholdView | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setHousehold((await api.get<{ household: HouseholdView | null }>('/api/v1/households', { query: { clientId } })).household);
    } catch (err) {
      setError(forError(err));
    }
  }, [clientId, forError]);
  useEffect(() => { void load(); }, [load]);

  return (
    <section aria-labelledby="household-plan">
      <Heading level={2} id="household-plan">{t('household.title')}</Heading>
      {error && <Alert type="error"><Paragraph>{error}</Paragraph></Alert>}
      {household === null && <Paragraph>{t('household.none')}</Paragraph>}
      {household === null && mayWrite && <NewHouseholdForm clientId={clientId} clientName={clientName} onDone={setHousehold} />}
      {household && <Household h={household} mayWrite={mayWrite} onChange={setHousehold} onAgreed={onPlanAgreed} />}
    </section>
  );
}

function NewHouseholdForm({ clientId, clientName, onDone }: { clientId: string; clientName: string; onDone: (h: HouseholdView) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState(t('household.defaultName', { name: clientName }));
  const [role, setRole] = useState('parent');
  const labels = useMemo(() => ({ name: t('household.name'), role: t('household.role') }), [t]);
  const form = useFormErrors('household-new', labels);
  const submit = () => form.run(async () => {
    onDone(await api.post<HouseholdView>('/api/v1/households', { name, members: [{ clientId, role }] }, key('household')));
  });
  return (
    <div className="ww-form ww-inline-form">
      {form.summary}
      <TextField {...form.field('name')} value={name} onChange={setName} required maxLength={100} />
      <SelectField {...form.field('role')} value={role} onChange={setRole} options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`household.roles.${r}`) }))} />
      <Button appearance="secondary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void submit()}>{t('household.create')}</Button>
    </div>
  );
}

function Household({ h, mayWrite, onChange, onAgreed }: { h: HouseholdView; mayWrite: boolean; onChange: (h: HouseholdView) => void; onAgreed?: () => void }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const domains = useLifeDomains();
  const groups = useMemo(() => {
    const out: { domain: string; goals: GoalView[] }[] = [];
    for (const g of h.plan.goals) {
      if (out.at(-1)?.domain === g.lifeDomain) out.at(-1)!.goals.push(g);
      else out.push({ domain: g.lifeDomain, goals: [g] });
    }
    return out;
  }, [h.plan.goals]);
  return (
    <>
      <dl className="ww-dl">
        <div className="ww-dl-row"><dt>{t('household.name')}</dt><dd>{h.name}</dd></div>
        <div className="ww-dl-row"><dt>{t('household.coordinator')}</dt><dd>{h.coordinator?.name ?? t('household.noCoordinator')}</dd></div>
        <div className="ww-dl-row"><dt>{t('household.members')}</dt><dd>{h.members.map((m) => `${m.name} (${t(`household.roles.${m.role}`)})`).join(', ')}</dd></div>
        <div className="ww-dl-row"><dt>{t('household.agreed')}</dt><dd>{h.plan.agreedOn && h.plan.agreedHow
          ? t('household.agreedOn', { date: fmt.date(h.plan.agreedOn), how: t(`household.ways.${h.plan.agreedHow}`) }) : t('household.notAgreed')}</dd></div>
      </dl>
      {mayWrite && <AddMemberForm h={h} onChange={onChange} />}
      <Paragraph>
        <a className="utrecht-link utrecht-link--html-a" href={`/api/v1/households/${h.id}/plan.pdf`} target="_blank" rel="noreferrer">{t('household.pdf')}</a>
      </Paragraph>
      <Heading level={3}>{t('household.plan')}</Heading>
      {groups.length === 0 && <Paragraph>{t('household.noGoals')}</Paragraph>}
      {groups.map((g) => (
        <div key={g.domain}>
          <Heading level={4}>{domains.label(g.domain)}</Heading>
          {g.goals.map((goal) => <Goal key={goal.id} householdId={h.id} goal={goal} mayWrite={mayWrite} onChange={onChange} />)}
        </div>
      ))}
      {mayWrite && <NewGoalForm householdId={h.id} onChange={onChange} />}
      {mayWrite && <AgreementForm h={h} onChange={onChange} onAgreed={onAgreed} />}
    </>
  );
}

/** Adds a client from my own cases (clients I am involved with) to the household. */
function AddMemberForm({ h, onChange }: { h: HouseholdView; onChange: (h: HouseholdView) => void }) {
  const { t } = useI18n();
  const [candidates, setCandidates] = useState<{ value: string; label: string }[]>([]);
  const [clientId, setClientId] = useState('');
  const [role, setRole] = useState('child');
  const labels = useMemo(() => ({ clientId: t('household.addMember'), role: t('household.memberRole') }), [t]);
  const form = useFormErrors('household-member', labels);
  useEffect(() => {
    api.get<Caseload>('/api/v1/caseload').then((c) => {
      const inside = new Set(h.members.map((m) => m.clientId));
      const seen = new Map(c.items.filter((i) => !inside.has(i.clientId)).map((i) => [i.clientId, i.clientName]));
      setCandidates([...seen].map(([value, label]) => ({ value, label })));
    }, () => setCandidates([]));
  }, [h.members]);
  if (candidates.length === 0) return null;
  const submit = () => {
    if (!clientId) return form.fail({ clientId: t('household.chooseClient') });
    return form.run(async () => {
      onChange(await api.post<HouseholdView>(`/api/v1/households/${h.id}/members`, { clientId, role }));
      setClientId('');
    });
  };
  return (
    <div className="ww-form ww-inline-form">
      {form.summary}
      <SelectField {...form.field('clientId')} value={clientId} onChange={setClientId} emptyLabel={t('household.choose')} options={candidates} />
      <SelectField {...form.field('role')} value={role} onChange={setRole} options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`household.roles.${r}`) }))} />
      <Button appearance="secondary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void submit()}>{t('household.addMemberSubmit')}</Button>
    </div>
  );
}

function Goal({ householdId, goal, mayWrite, onChange }: { householdId: string; goal: GoalView; mayWrite: boolean; onChange: (h: HouseholdView) => void }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const [note, setNote] = useState('');
  const labels = useMemo(() => ({ status: t('household.goal.statusOf', { what: goal.what }), note: t('household.goal.noteOf', { what: goal.what }) }), [t, goal.what]);
  const form = useFormErrors(`goal-${goal.id}`, labels);
  const setStatus = (status: string) => form.run(async () => {
    onChange(await api.patch<HouseholdView>(`/api/v1/households/${householdId}/goals/${goal.id}`, { status }, { version: goal.version }));
  });
  const addNote = () => {
    if (note.trim().length < 2) return form.fail({ note: t('household.goal.noteRequired') });
    return form.run(async () => {
      onChange(await api.post<HouseholdView>(`/api/v1/households/${householdId}/goals/${goal.id}/notes`, { note: note.trim() }, key('note')));
      setNote('');
    });
  };
  return (
    <article className="ww-goal" aria-label={goal.what}>
      <Paragraph><strong>{goal.what}</strong></Paragraph>
      <Paragraph>{t('household.goal.summary', { who: goal.who, date: fmt.date(goal.dueOn), status: t(`household.statuses.${goal.status}`) })}</Paragraph>
      {goal.notes.length > 0 && (
        <ul>{goal.notes.map((n) => <li key={n.id}>{fmt.date(n.on)}: {n.note}{n.actorName ? ` (${n.actorName})` : ''}</li>)}</ul>
      )}
      {mayWrite && (
        <div className="ww-form ww-inline-form">
          {form.summary}
          <SelectField {...form.field('status')} value={goal.status} onChange={(v) => void setStatus(v)}
            options={GOAL_STATUSES.map((s) => ({ value: s, label: t(`household.statuses.${s}`) }))} />
          <TextField {...form.field('note')} value={note} onChange={setNote} maxLength={2000} />
          <Button appearance="secondary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void addNote()}>{t('household.goal.addNote')}</Button>
        </div>
      )}
    </article>
  );
}

function NewGoalForm({ householdId, onChange }: { householdId: string; onChange: (h: HouseholdView) => void }) {
  const { t } = useI18n();
  const domains = useLifeDomains();
  const [lifeDomain, setLifeDomain] = useState('');
  const [what, setWhat] = useState('');
  const [who, setWho] = useState('');
  const [dueOn, setDueOn] = useState('');
  const labels = useMemo(() => ({ lifeDomain: t('household.goal.lifeDomain'), what: t('household.goal.what'), who: t('household.goal.who'), dueOn: t('household.goal.dueOn') }), [t]);
  const form = useFormErrors('goal-new', labels);
  const submit = () => {
    const errs: Record<string, string> = {};
    if (!lifeDomain) errs.lifeDomain = t('household.goal.chooseDomain');
    if (what.trim().length < 2) errs.what = t('household.goal.required');
    if (who.trim().length < 2) errs.who = t('household.goal.required');
    if (!dueOn) errs.dueOn = t('household.goal.required');
    if (Object.keys(errs).length) return form.fail(errs);
    return form.run(async () => {
      onChange(await api.post<HouseholdView>(`/api/v1/households/${householdId}/goals`, { lifeDomain, what: what.trim(), who: who.trim(), dueOn }, key('goal')));
      form.reset();
      setLifeDomain(''); setWhat(''); setWho(''); setDueOn('');
    });
  };
  return (
    <section aria-labelledby="goal-new-title">
      <Heading level={3} id="goal-new-title">{t('household.goal.new')}</Heading>
      {form.summary}
      <div className="ww-form">
        <SelectField {...form.field('lifeDomain')} value={lifeDomain} onChange={setLifeDomain} emptyLabel={t('household.choose')} options={domains.options} required />
        <TextareaField {...form.field('what')} value={what} onChange={setWhat} rows={2} required />
        <TextField {...form.field('who')} value={who} onChange={setWho} maxLength={200} required />
        <TextField {...form.field('dueOn')} type="date" value={dueOn} onChange={setDueOn} required />
        <Button appearance="secondary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void submit()}>{t('household.goal.add')}</Button>
      </div>
    </section>
  );
}

function AgreementForm({ h, onChange, onAgreed }: { h: HouseholdView; onChange: (h: HouseholdView) => void; onAgreed?: () => void }) {
  const { t } = useI18n();
  const [on, setOn] = useState('');
  const [how, setHow] = useState('');
  const labels = useMemo(() => ({ on: t('household.agreement.on'), how: t('household.agreement.how') }), [t]);
  const form = useFormErrors('agreement', labels);
  const submit = () => {
    const errs: Record<string, string> = {};
    if (!on) errs.on = t('household.goal.required');
    if (!how) errs.how = t('household.agreement.chooseHow');
    if (Object.keys(errs).length) return form.fail(errs);
    return form.run(async () => {
      onChange(await api.post<HouseholdView>(`/api/v1/households/${h.id}/agreement`, { on, how }, { version: h.version }));
      onAgreed?.();
      form.reset();
      setOn(''); setHow('');
    });
  };
  return (
    <section aria-labelledby="agreement-title">
      <Heading level={3} id="agreement-title">{t('household.agreement.title')}</Heading>
      <Paragraph>{t('household.agreement.hint')}</Paragraph>
      {form.summary}
      <div className="ww-form ww-inline-form">
        <TextField {...form.field('on')} type="date" value={on} onChange={setOn} required />
        <SelectField {...form.field('how')} value={how} onChange={setHow} emptyLabel={t('household.choose')} required
          options={AGREEMENT_WAYS.map((w) => ({ value: w, label: t(`household.ways.${w}`) }))} />
        <Button appearance="secondary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void submit()}>{t('household.agreement.submit')}</Button>
      </div>
    </section>
  );
}
