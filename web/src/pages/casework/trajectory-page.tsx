import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { TrajectoryView, ZrmView } from '../../../../src/modules/casework/schemas.ts';
import { TRAJECTORY_OUTCOMES } from '../../../../src/modules/casework/trajectory-process.ts';
import { api } from '../../api.ts';
import { SelectField, TextareaField, TextField, useFormErrors } from '../../components/form.tsx';
import { AppLink, Loading, PageTitle } from '../../components/page.tsx';
import { useFormat, useI18n, useProblemText } from '../../i18n.tsx';
import { useMay, useUser } from '../../session.tsx';
import { ClockText } from './caseload-page.tsx';
import { CoordinationSection } from './coordination-section.tsx';
import { ActivityLogSection, ZrmSection } from './trajectory-records.tsx';
import { HouseholdPlanSection } from '../household/household-plan-section.tsx';

/**
 * One trajectory: its clocks, its history, and the next step. The steps offered are the server's
 * `allowedNext` (the same table the API enforces); a step is sent with the version shown (If-Match).
 */
export function TrajectoryPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { t } = useI18n();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const user = useUser();
  const may = useMay();
  const [tr, setTr] = useState<TrajectoryView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [command, setCommand] = useState('');
  const [on, setOn] = useState('');
  const [reason, setReason] = useState('');
  const [untilOn, setUntilOn] = useState('');
  const [outcome, setOutcome] = useState('');
  // The ZRM is scored at closure too (DOMAIN §3.3): closing without that score, the page asks for it first.
  const [zrmMoments, setZrmMoments] = useState<string[] | null>(null);
  const [scoreClosure, setScoreClosure] = useState(0);
  const onZrm = useCallback((z: ZrmView) => setZrmMoments(z.assessments.map((a) => a.moment)), []);
  const labels = useMemo(() => ({ command: t('casework.step.command'), on: t('casework.step.on'), reason: t('casework.step.reason'),
    untilOn: t('casework.step.untilOn'), outcome: t('casework.step.outcome') }), [t]);
  const form = useFormErrors('trajectory-step', labels);

  const load = useCallback(async () => {
    try {
      setTr(await api.get<TrajectoryView>(`/api/v1/trajectories/${id}`));
    } catch (err) {
      setError(forError(err));
    }
  }, [id, forError]);
  useEffect(() => { void load(); }, [load]);

  if (!tr) return <>{error ? <Alert type="error"><Paragraph>{error}</Paragraph></Alert> : <Loading />}</>;
  const mayApprove = may('casework.approve_extension');
  // A hand-over (reassign) is the team lead's, from the team overview; here only the steps of the work.
  const steps = tr.allowedNext.filter((c) => c !== 'reassign' && (c !== 'approveExtension' || mayApprove));
  // The activity log and the ZRM are written by the trajectory's own team (the API refuses others).
  const ownTeam = user.teams.some((team) => team.id === tr.teamId) && may('casework.act');
  const dated = command !== '' && command !== 'reopen';

  async function submit() {
    if (!command) return form.fail({ command: t('casework.step.chooseCommand') });
    if (command === 'close' && !outcome) return form.fail({ outcome: t('casework.step.chooseOutcome') });
    await form.run(async () => {
      const body = { ...(dated && on ? { on } : {}), ...(reason.trim() ? { reason } : {}), ...(command === 'requestExtension' ? { untilOn } : {}),
        ...(command === 'close' ? { outcome } : {}) };
      const next = await api.post<TrajectoryView>(`/api/v1/trajectories/${tr!.id}/${command}`, body,
        { version: tr!.version, headers: { 'idempotency-key': `${command}-${tr!.id}-${tr!.version}` } });
      setMessage(t('casework.step.done', { step: t(`casework.command.${command}`) }));
      setCommand(''); setOn(''); setReason(''); setUntilOn(''); setOutcome('');
      // A re-open answers with the new trajectory: go there.
      if (next.id === tr!.id) setTr(next);
      else navigate(`/trajecten/${next.id}`);
    });
  }

  return (
    <>
      <PageTitle title={t('casework.trajectory.title', { client: tr.clientName })} />
      {message && <Alert type="ok"><Paragraph role="status">{message}</Paragraph></Alert>}
      <Paragraph>
        {t('casework.trajectory.summary', { status: fmt.status('trajectory', tr.status), team: tr.teamName, professional: tr.professionalName ?? t('casework.unassigned'), received: fmt.date(tr.receivedOn) })}
        {' '}<AppLink to={`/clienten/${tr.clientId}`}>{t('casework.trajectory.openClient')}</AppLink>
      </Paragraph>
      <dl className="ww-dl">
        <div className="ww-dl-row"><dt>{t('casework.col.plan')}</dt><dd><ClockText clock={tr.clocks.plan} /></dd></div>
        {tr.clocks.nextEvaluation && <div className="ww-dl-row"><dt>{t('casework.col.evaluation')}</dt><dd><ClockText clock={tr.clocks.nextEvaluation} /></dd></div>}
        {tr.clocks.end && <div className="ww-dl-row"><dt>{t('casework.col.end')}</dt><dd><ClockText clock={tr.clocks.end} /></dd></div>}
        {tr.outcome && <div className="ww-dl-row"><dt>{t('casework.step.outcome')}</dt><dd>{t(`casework.outcome.${tr.outcome}`)}</dd></div>}
        {tr.clocks.reopenUntil && <div className="ww-dl-row"><dt>{t('casework.trajectory.reopenUntil')}</dt><dd>{fmt.date(tr.clocks.reopenUntil)}</dd></div>}
      </dl>
      {steps.length > 0 && (
        <section aria-labelledby="trajectory-next">
          <Heading level={2} id="trajectory-next">{t('casework.step.title')}</Heading>
          {form.summary}
          <div className="ww-form">
            <SelectField {...form.field('command')} value={command} onChange={setCommand} emptyLabel={t('casework.step.choose')}
              options={steps.map((c) => ({ value: c, label: t(`casework.command.${c}`) }))} />
            {dated && <TextField {...form.field('on')} type="date" value={on} onChange={setOn} description={t('casework.step.onHint')} />}
            {command === 'close' && <SelectField {...form.field('outcome')} value={outcome} onChange={setOutcome} emptyLabel={t('casework.step.choose')}
              options={TRAJECTORY_OUTCOMES.map((o) => ({ value: o, label: t(`casework.outcome.${o}`) }))} />}
            {command === 'close' && ownTeam && zrmMoments !== null && !zrmMoments.includes('closure') && (
              <Alert type="warning">
                <Paragraph>{t('worklog.zrm.closurePrompt')}</Paragraph>
                <Button appearance="secondary-action-button" onClick={() => setScoreClosure((n) => n + 1)}>{t('worklog.zrm.closurePromptButton')}</Button>
              </Alert>
            )}
            {command === 'requestExtension' && <TextField {...form.field('untilOn')} type="date" value={untilOn} onChange={setUntilOn} required />}
            {(command === 'close' || command === 'requestExtension' || command === 'reopen') && <TextareaField {...form.field('reason')} value={reason} onChange={setReason} rows={2} required={command === 'requestExtension'} />}
            <Button appearance="primary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void submit()}>{t('casework.step.submit')}</Button>
          </div>
        </section>
      )}
      <HouseholdPlanSection clientId={tr.clientId} clientName={tr.clientName} mayWrite={ownTeam} onPlanAgreed={() => void load()} />
      <ActivityLogSection trajectoryId={tr.id} mayWrite={ownTeam} />
      <ZrmSection trajectoryId={tr.id} mayWrite={ownTeam} onLoad={onZrm} scoreClosure={scoreClosure} />
      <CoordinationSection key={`${tr.id}-${tr.status}`} trajectoryId={tr.id} />
      <section aria-labelledby="trajectory-history">
        <Heading level={2} id="trajectory-history">{t('casework.trajectory.history')}</Heading>
        <ol>
          {tr.actions.map((a) => (
            <li key={`${a.type}-${a.at}`}>
              {fmt.date(a.on)}: {t(`casework.action.${a.type}`)}{a.actorName ? ` (${a.actorName})` : ''}
              {a.type === 'reassigned' ? ` ${a.fromName ? t('casework.trajectory.reassignedFromTo', { from: a.fromName, to: a.toName ?? '' })
                : t('casework.trajectory.reassignedTo', { to: a.toName ?? '' })}` : ''}
              {a.outcome ? ` — ${t(`casework.outcome.${a.outcome}`)}` : ''}{a.untilOn ? ` — ${t('casework.trajectory.until', { date: fmt.date(a.untilOn) })}` : ''}
              {a.reason ? `: “${a.reason}”` : ''}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

