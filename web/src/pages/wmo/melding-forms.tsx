import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useMemo, useState } from 'react';
import { ASSESSMENT_FIELDS, type AssessmentField } from '../../../../src/modules/wmo/assessment.ts';
import type { WmoNotificationView } from '../../../../src/modules/wmo/schemas.ts';
import { api } from '../../api.ts';
import { RadioGroup, SelectField, SingleCheckbox, TextareaField, TextField, useFormErrors } from '../../components/form.tsx';
import { useFormat, useT } from '../../i18n.tsx';

type Done = (next: WmoNotificationView, message: string) => void;
const EVIDENCE_KINDS = ['receipt_confirmed', 'client_support_client', 'client_support_carer', 'personal_plan_offered', 'personal_plan_received',
  'personal_plan_not_received', 'identity_checked', 'client_reaction'] as const;

/**
 * The evidence the law requires (issue 17) as a checklist: each item with its date and who recorded
 * it, the persoonlijk plan's hand-in date, and the required items still missing; below it a form to
 * record one (dated, with a note where the law wants one).
 */
export function EvidenceSection({ m, canAct, onDone }: { m: WmoNotificationView; canAct: boolean; onDone: Done }) {
  const t = useT();
  const fmt = useFormat();
  const [kind, setKind] = useState('');
  const [on, setOn] = useState('');
  const [note, setNote] = useState('');
  const labels = useMemo(() => ({ kind: t('wmo.evidence.kind'), on: t('wmo.evidence.on'), note: t('wmo.evidence.note') }), [t]);
  const form = useFormErrors('evidence', labels);
  const doneText = (d: { on: string; byName: string | null } | null | undefined) =>
    (d ? t('wmo.evidence.doneOn', { date: fmt.date(d.on), name: d.byName ?? t('wmo.evidence.someone') }) : null);

  async function submit() {
    if (!kind) return form.fail({ kind: t('wmo.decision.choose') });
    await form.run(async () => {
      const next = await api.post<WmoNotificationView>(`/api/v1/wmo-notifications/${m.id}/evidence`, { kind, on: on || undefined, note: note.trim() || undefined },
        { headers: { 'idempotency-key': `evidence-${m.id}-${kind}-${on}-${note.length}-${m.version}-${m.evidence.records.length}` } });
      setKind('');
      setOn('');
      setNote('');
      onDone(next, t('wmo.evidence.recorded', { kind: t(`wmo.evidence.kinds.${kind}`) }));
    });
  }

  return (
    <section aria-labelledby="wmo-evidence">
      <Heading level={2} id="wmo-evidence">{t('wmo.evidence.title')}</Heading>
      <table className="utrecht-table">
        <caption className="utrecht-table__caption">{t('wmo.evidence.caption')}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            <th className="utrecht-table__header-cell" scope="col">{t('wmo.evidence.item')}</th>
            <th className="utrecht-table__header-cell" scope="col">{t('wmo.evidence.state')}</th>
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {m.evidence.items.map((i) => (
            <tr key={i.item} className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="row">{t(`wmo.evidence.items.${i.item}`)}</th>
              <td className="utrecht-table__cell">
                {doneText(i.done) ?? (i.required ? <strong>{t('wmo.evidence.missing')}</strong> : t('wmo.evidence.notRecorded'))}
                {i.done?.note ? `: “${i.done.note}”` : ''}
                {i.item === 'personalPlan' && i.dueOn ? ` · ${t('wmo.evidence.planDue', { date: fmt.date(i.dueOn) })}` : ''}
                {i.item === 'personalPlan' && i.outcome ? ` · ${t(`wmo.evidence.plan.${i.outcome}`)} (${doneText(i.outcomeDone)})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canAct && m.status !== 'withdrawn' && (
        <div className="ww-form">
          <Heading level={3}>{t('wmo.evidence.add')}</Heading>
          {form.summary}
          <SelectField {...form.field('kind')} required value={kind} onChange={setKind} emptyLabel={t('wmo.decision.choose')}
            options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`wmo.evidence.kinds.${k}`) }))} />
          <TextField {...form.field('on')} type="date" value={on} onChange={setOn} description={t('wmo.evidence.onHint')} />
          <TextareaField {...form.field('note')} required={kind === 'identity_checked' || kind === 'client_reaction'} value={note} onChange={setNote} rows={2}
            description={t(kind === 'identity_checked' ? 'wmo.evidence.noteIdentity' : kind === 'client_reaction' ? 'wmo.evidence.noteReaction' : 'wmo.evidence.noteHint')} />
          <Button appearance="primary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void submit()}>{t('wmo.evidence.submit')}</Button>
        </div>
      )}
    </section>
  );
}

/**
 * The onderzoek (Wmo 2015 art. 2.3.2 lid 4): one text per legal item, an optional ZRM scoring, saved
 * as a new version (the version edited is sent, so a colleague's save in between is not lost); the
 * verslag as PDF once saved.
 */
export function AssessmentSection({ m, canEdit, onDone }: { m: WmoNotificationView; canEdit: boolean; onDone: Done }) {
  const t = useT();
  const fmt = useFormat();
  const a = m.assessment;
  const [values, setValues] = useState<Record<AssessmentField, string>>(() =>
    Object.fromEntries(ASSESSMENT_FIELDS.map((f) => [f, a?.[f] ?? ''])) as Record<AssessmentField, string>);
  const [zrm, setZrm] = useState(a?.zrm?.id ?? '');
  const labels = useMemo(() => ({ ...Object.fromEntries(ASSESSMENT_FIELDS.map((f) => [f, t(`wmo.assessment.fields.${f}`)])), zrmAssessmentId: t('wmo.assessment.zrm') }), [t]);
  const form = useFormErrors('assessment', labels);

  async function submit() {
    await form.run(async () => {
      const next = await api.put<WmoNotificationView>(`/api/v1/wmo-notifications/${m.id}/assessment`,
        { ...Object.fromEntries(ASSESSMENT_FIELDS.map((f) => [f, values[f]])), zrmAssessmentId: zrm || null, basedOnVersion: a?.version ?? 0 });
      onDone(next, t('wmo.assessment.saved', { version: next.assessment?.version ?? 1 }));
    });
  }

  return (
    <section aria-labelledby="wmo-assessment">
      <Heading level={2} id="wmo-assessment">{t('wmo.assessment.title')}</Heading>
      <Paragraph>
        {a ? t('wmo.assessment.version', { version: a.version, at: fmt.dateTime(a.createdAt), name: a.createdByName ?? '' }) : t('wmo.assessment.none')}
        {a && <> · <a className="utrecht-link" href={`/api/v1/wmo-notifications/${m.id}/report/pdf`} target="_blank" rel="noopener">{t('wmo.assessment.reportPdf')}</a></>}
        {a?.zrm && <> · {t('wmo.assessment.zrmLinked', { date: fmt.date(a.zrm.on) })}{' '}
          <a className="utrecht-link" href={`/trajecten/${a.zrm.trajectoryId}`}>{t('wmo.assessment.openTrajectory')}</a></>}
      </Paragraph>
      {canEdit ? (
        <div className="ww-form">
          {form.summary}
          {ASSESSMENT_FIELDS.map((f) => (
            <TextareaField key={f} {...form.field(f)} value={values[f]} onChange={(v) => setValues((s) => ({ ...s, [f]: v }))} rows={3} />
          ))}
          {m.zrmOptions.length > 0 && (
            <SelectField {...form.field('zrmAssessmentId')} value={zrm} onChange={setZrm} emptyLabel={t('wmo.assessment.noZrm')}
              options={m.zrmOptions.map((z) => ({ value: z.id, label: t('wmo.assessment.zrmOption', { date: fmt.date(z.on), moment: t(`wmo.assessment.zrmMoment.${z.moment}`) }) }))} />
          )}
          <Button appearance="primary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void submit()}>{t('wmo.assessment.submit')}</Button>
        </div>
      ) : a && (
        <dl>
          {ASSESSMENT_FIELDS.filter((f) => a[f]).map((f) => <div key={f}><dt>{t(`wmo.assessment.fields.${f}`)}</dt><dd>{a[f]}</dd></div>)}
        </dl>
      )}
    </section>
  );
}

/** The steps that need more than a click, each with what the law wants recorded with it. */
export const FORM_STEPS = ['grantUrgentProvision', 'pauseClock', 'resumeClock', 'extendDecisionTerm', 'withdraw', 'receiveObjection', 'extendObjectionTerm',
  'decideObjection'] as const;
type FormStep = (typeof FORM_STEPS)[number];
const NEEDS: Record<FormStep, { reason?: 'text' | 'pause' | 'optional'; until?: boolean; committee?: boolean; outcome?: boolean }> = {
  grantUrgentProvision: { reason: 'optional' }, pauseClock: { reason: 'pause' }, resumeClock: {}, extendDecisionTerm: { reason: 'text', until: true },
  withdraw: { reason: 'text' }, receiveObjection: { committee: true }, extendObjectionTerm: { reason: 'text' }, decideObjection: { outcome: true },
};
const OBJECTION_OUTCOMES = ['founded', 'partly_founded', 'unfounded', 'inadmissible'];

/**
 * One form for the steps the process allows now that need input (issue 17): spoed, pausing and
 * resuming a clock (why), the one Awb extension (the date of the notice, the promised date, why),
 * withdrawal, and the bezwaar sub-case (received, heard by a committee or not; its postponement;
 * its decision). The server checks it all; the choice shows only what `allowed` offers.
 */
export function StepForm({ m, onDone }: { m: WmoNotificationView; onDone: Done }) {
  const t = useT();
  const steps = FORM_STEPS.filter((s) => m.allowed.includes(s));
  const [type, setType] = useState<FormStep | ''>('');
  const [on, setOn] = useState('');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [committee, setCommittee] = useState(false);
  const [outcome, setOutcome] = useState('');
  const labels = useMemo(() => ({ type: t('wmo.step.type'), on: t('wmo.step.on'), reason: t('wmo.step.reason'), until: t('wmo.step.until'),
    outcome: t('wmo.step.outcome') }), [t]);
  const form = useFormErrors('step', labels);
  if (steps.length === 0) return null;
  const need = type ? NEEDS[type] : {};

  async function submit() {
    if (!type) return form.fail({ type: t('wmo.decision.choose') });
    await form.run(async () => {
      const next = await api.post<WmoNotificationView>(`/api/v1/wmo-notifications/${m.id}/actions`, {
        type, on: on || undefined, reason: reason.trim() || undefined, until: need.until ? until || undefined : undefined,
        committee: need.committee ? committee : undefined, outcome: need.outcome ? outcome || undefined : undefined,
      }, { version: m.version, headers: { 'idempotency-key': `${type}-${m.id}-${m.version}` } });
      setType('');
      setOn('');
      setReason('');
      setUntil('');
      setCommittee(false);
      setOutcome('');
      onDone(next, t('wmo.page.stepDone', { step: t(`wmo.command.${type}`) }));
    });
  }

  return (
    <section aria-labelledby="wmo-step-form">
      <Heading level={2} id="wmo-step-form">{t('wmo.step.title')}</Heading>
      <div className="ww-form">
        {form.summary}
        <SelectField {...form.field('type')} required value={type} onChange={(v) => setType(v as FormStep | '')} emptyLabel={t('wmo.decision.choose')}
          options={steps.map((s) => ({ value: s, label: t(`wmo.command.${s}`) }))} />
        {type && <Paragraph>{t(`wmo.step.help.${type}`)}</Paragraph>}
        {type && <TextField {...form.field('on')} type="date" value={on} onChange={setOn}
          label={t(type === 'extendDecisionTerm' ? 'wmo.step.noticeOn' : 'wmo.step.on')} description={t('wmo.evidence.onHint')} />}
        {need.until && <TextField {...form.field('until')} required type="date" value={until} onChange={setUntil} />}
        {need.reason === 'pause' && (
          <RadioGroup {...form.field('reason')} required value={reason} onChange={setReason}
            options={[{ value: 'client_request', label: t('wmo.step.pause.client_request') }, { value: 'information_missing', label: t('wmo.step.pause.information_missing') }]} />
        )}
        {(need.reason === 'text' || need.reason === 'optional') && (
          <TextareaField {...form.field('reason')} required={need.reason === 'text'} value={reason} onChange={setReason} rows={2} />
        )}
        {need.committee && <SingleCheckbox id="step-committee" label={t('wmo.step.committee')} checked={committee} onChange={setCommittee} />}
        {need.outcome && (
          <RadioGroup {...form.field('outcome')} required value={outcome} onChange={setOutcome}
            options={OBJECTION_OUTCOMES.map((o) => ({ value: o, label: t(`wmo.step.objectionOutcome.${o}`) }))} />
        )}
        <Button appearance="primary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void submit()}>{t('wmo.step.submit')}</Button>
      </div>
    </section>
  );
}
