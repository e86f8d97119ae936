import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { CONSULTED_PARTIES, DECISIONS, type SafetyProtocolCommand, type SafetyAssessment } from '../../../../src/modules/safety/safety-protocol-process.ts';
import type { SafetyRecordView } from '../../../../src/modules/safety/schemas.ts';
import { api } from '../../api.ts';
import { SelectField, SingleCheckbox, TextareaField, TextField, useFormErrors } from '../../components/form.tsx';
import { AppLink, Loading, PageTitle } from '../../components/page.tsx';
import { useFormat, useI18n, useProblemText } from '../../i18n.tsx';
import { AccessRequestForm, AccessRequestsSection, AddMemberSection } from './safety-access.tsx';

const QUESTIONS = ['suspicion', 'acuteOrStructuralUnsafety', 'canOrganiseHelp', 'helpAccepted', 'helpReachesSafety'] as const;

/**
 * One sealed safety record: the signal's text, where the meldcode stands, its history and the next
 * step. The steps offered are the server's `allowedNext` (the table the API enforces). Someone not on
 * the case gets the refusal and can ask for break-the-glass, which a second person approves.
 */
export function SafetyRecordPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const [rec, setRec] = useState<SafetyRecordView | null>(null);
  const [refusal, setRefusal] = useState<{ code: string; text: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [command, setCommand] = useState<SafetyProtocolCommand | ''>('');
  const [on, setOn] = useState('');
  const [note, setNote] = useState('');
  const [party, setParty] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [held, setHeld] = useState(true);
  const [decision, setDecision] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const labels = useMemo(() => ({ command: t('safety.step.command'), on: t('safety.step.on'), note: t('safety.step.note'), party: t('safety.step.party'),
    decision: t('safety.step.decision'), followUpOn: t('safety.step.followUpOn'), ...Object.fromEntries(QUESTIONS.map((q) => [`assessment.${q}`, t(`safety.step.q.${q}`)])) }), [t]);
  const form = useFormErrors('safety-step', labels);

  const load = useCallback(async () => {
    try {
      setRec(await api.get<SafetyRecordView>(`/api/v1/safety-records/${id}`));
      setRefusal(null);
    } catch (err) {
      setRefusal({ code: (err as { code?: string }).code ?? '', text: forError(err) });
    }
  }, [id, forError]);
  useEffect(() => { void load(); }, [load]);

  if (refusal) {
    return (
      <>
        <PageTitle title={t('safety.list.title')} />
        <Alert type="warning"><Paragraph>{refusal.text}</Paragraph></Alert>
        {refusal.code === 'sealed_record' && <AccessRequestForm recordId={id!} onSent={() => void load()} />}
      </>
    );
  }
  if (!rec) return <Loading />;
  const readOnly = rec.access.via === 'approved_request';
  const yesNo = (v: boolean | null | undefined) => (v == null ? t('safety.step.unanswered') : v ? t('safety.step.yes') : t('safety.step.no'));

  async function submit() {
    if (!command) return form.fail({ command: t('safety.step.chooseCommand') });
    const needsNote = ['mapSignals', 'consult', 'talk', 'report'].includes(command);
    if (needsNote && !note.trim()) return form.fail({ note: t('safety.step.noteRequired') });
    const assessment: SafetyAssessment = { suspicion: answers.suspicion === 'yes' };
    for (const q of QUESTIONS.slice(1)) if (answers[q]) assessment[q] = answers[q] === 'yes';
    const body = {
      ...(on ? { on } : {}), ...(note.trim() ? { note } : {}),
      ...(command === 'consult' ? { party, anonymous } : {}), ...(command === 'talk' ? { held } : {}),
      ...(command === 'weigh' ? { assessment } : {}), ...(command === 'decide' ? { decision } : {}), ...(command === 'agreeFollowUp' ? { followUpOn } : {}),
    };
    await form.run(async () => {
      const next = await api.post<SafetyRecordView>(`/api/v1/safety-records/${rec!.id}/${command}`, body,
        { headers: { 'idempotency-key': `${command}-${rec!.id}-${rec!.version}` } });
      setMessage(t('safety.step.done', { step: t(`safety.command.${command}`) }));
      setCommand(''); setOn(''); setNote(''); setParty(''); setAnonymous(false); setHeld(true); setDecision(''); setFollowUpOn(''); setAnswers({});
      setRec(next);
    });
  }

  const yesNoOptions = [{ value: 'yes', label: t('safety.step.yes') }, { value: 'no', label: t('safety.step.no') }];
  return (
    <>
      <PageTitle title={t('safety.record.title', { client: rec.clientName })} />
      {message && <Alert type="ok"><Paragraph role="status">{message}</Paragraph></Alert>}
      <Alert type="info">
        <Paragraph>{t('safety.record.sealed')}</Paragraph>
        <Paragraph>{t(`safety.record.via.${rec.access.via}`, { until: rec.access.until ? fmt.dateTime(rec.access.until) : '' })}</Paragraph>
      </Alert>
      <section aria-labelledby="safety-signal">
        <Heading level={2} id="safety-signal">{t('safety.record.signal')}</Heading>
        <Paragraph>“{rec.contact.text}”</Paragraph>
        <Paragraph className="ww-muted">
          {t('safety.record.signalBy', { user: rec.contact.registeredByName ?? '', team: rec.contact.teamName ?? '', date: fmt.dateTime(rec.contact.contactedAt) })}
          {' '}<AppLink to={`/clienten/${rec.clientId}`}>{t('safety.record.openClient')}</AppLink>
        </Paragraph>
      </section>
      <dl className="ww-dl">
        <div className="ww-dl-row"><dt>{t('safety.record.status')}</dt><dd>{t('safety.list.stepOf', { step: rec.step, status: t(`safety.status.${rec.status}`) })}</dd></div>
        {rec.advice && <div className="ww-dl-row"><dt>{t('safety.command.weigh')}</dt><dd>{t('safety.record.advice', { advice: t(`safety.decision.${rec.advice}`) })}</dd></div>}
        {rec.report && <div className="ww-dl-row"><dt>{t('safety.record.report')}</dt>
          <dd>{t('safety.record.reportBy', { date: fmt.date(rec.report.on), user: rec.report.actorName ?? '', note: rec.report.note ?? '' })}</dd></div>}
        {rec.followUps.length > 0 && <div className="ww-dl-row"><dt>{t('safety.record.followUps')}</dt><dd>{rec.followUps.map((d) => fmt.day(d)).join(', ')}</dd></div>}
        <div className="ww-dl-row"><dt>{t('safety.record.members')}</dt><dd>{rec.members.map((m) => m.name).join(', ') || t('safety.record.noMembers')}</dd></div>
      </dl>
      {!readOnly && rec.allowedNext.length > 0 && (
        <section aria-labelledby="safety-next">
          <Heading level={2} id="safety-next">{t('safety.step.title')}</Heading>
          {form.summary}
          <div className="ww-form">
            <SelectField {...form.field('command')} value={command} onChange={(v) => setCommand(v as SafetyProtocolCommand | '')} emptyLabel={t('safety.step.choose')}
              options={rec.allowedNext.map((c) => ({ value: c, label: t(`safety.command.${c}`) }))} />
            {command && <TextField {...form.field('on')} type="date" value={on} onChange={setOn} description={t('safety.step.onHint')} />}
            {command === 'consult' && <SelectField {...form.field('party')} value={party} onChange={setParty} emptyLabel={t('safety.step.choose')} required
              options={CONSULTED_PARTIES.map((p) => ({ value: p, label: t(`safety.party.${p}`) }))} />}
            {command === 'consult' && party === 'veilig_thuis' && <SingleCheckbox id="safety-anonymous" label={t('safety.step.anonymous')} checked={anonymous} onChange={setAnonymous} />}
            {command === 'talk' && <SingleCheckbox id="safety-held" label={t('safety.step.held')} checked={held} onChange={setHeld} />}
            {command === 'weigh' && QUESTIONS.map((q) => (
              <SelectField key={q} {...form.field(`assessment.${q}`)} value={answers[q] ?? ''} onChange={(v) => setAnswers((a) => ({ ...a, [q]: v }))}
                emptyLabel={t('safety.step.unanswered')} options={yesNoOptions} required={q === 'suspicion'} />
            ))}
            {command === 'decide' && <SelectField {...form.field('decision')} value={decision} onChange={setDecision} emptyLabel={t('safety.step.choose')} required
              options={DECISIONS.map((d) => ({ value: d, label: t(`safety.decision.${d}`) }))} />}
            {command === 'agreeFollowUp' && <TextField {...form.field('followUpOn')} type="date" value={followUpOn} onChange={setFollowUpOn} required />}
            {command && <TextareaField {...form.field('note')} value={note} onChange={setNote} rows={3} required={['mapSignals', 'consult', 'talk', 'report'].includes(command)} />}
            <Button appearance="primary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void submit()}>{t('safety.step.submit')}</Button>
          </div>
        </section>
      )}
      <section aria-labelledby="safety-history">
        <Heading level={2} id="safety-history">{t('safety.record.history')}</Heading>
        <ol>
          {rec.actions.map((a) => (
            <li key={`${a.type}-${a.at}`}>
              {fmt.date(a.on)}: {t(`safety.action.${a.type}`)}{a.actorName ? ` (${a.actorName})` : ''}
              {a.party ? ` — ${t(`safety.party.${a.party}`)}` : ''}{a.decision ? ` — ${t(`safety.decision.${a.decision}`)}` : ''}
              {a.followUpOn ? ` — ${fmt.day(a.followUpOn)}` : ''}{a.note ? `: “${a.note}”` : ''}
              {a.assessment && (
                <ul>{QUESTIONS.map((q) => <li key={q}>{t(`safety.step.q.${q}`)} {yesNo(a.assessment?.[q])}</li>)}</ul>
              )}
            </li>
          ))}
        </ol>
      </section>
      {rec.mayLead && !readOnly && <AddMemberSection recordId={rec.id} onAdded={setRec} />}
      <AccessRequestsSection rec={rec} onDecided={() => void load()} />
    </>
  );
}
