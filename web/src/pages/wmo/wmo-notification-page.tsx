import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { WmoNotificationView } from '../../../../src/modules/wmo/schemas.ts';
import { api } from '../../api.ts';
import { AppLink, Loading, PageTitle } from '../../components/page.tsx';
import { useFormat, useI18n, useProblemText } from '../../i18n.tsx';
import { useMay } from '../../session.tsx';
import { DecisionForm } from './decision-form.tsx';
import { AssessmentSection, EvidenceSection, StepForm } from './melding-forms.tsx';
import { ClockText } from './wmo-inbox-page.tsx';

/** The steps this page offers as one button each; the others need more input and come with their own forms. */
const SIMPLE_STEPS = ['startAssessment', 'recordReport', 'receiveApplication'] as const;
const euros = (c: number) => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(c / 100);

/**
 * One Wmo melding (issue 17): its phase, clocks and history; the next steps the server allows
 * (`allowed`, the same table the API enforces); the beschikking with its letter versions, which
 * staff open as PDF (to print for post) and someone with a mandate signs.
 */
export function WmoNotificationPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const may = useMay();
  const [m, setM] = useState<WmoNotificationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setM(await api.get<WmoNotificationView>(`/api/v1/wmo-notifications/${id}`));
    } catch (err) {
      setError(forError(err));
    }
  }, [id, forError]);
  useEffect(() => { void load(); }, [load]);

  async function send(work: () => Promise<WmoNotificationView>, done: string) {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      setM(await work());
      setMessage(done);
    } catch (err) {
      setError(forError(err));
    } finally {
      setBusy(false);
    }
  }

  if (!m) return <>{error ? <Alert type="error"><Paragraph>{error}</Paragraph></Alert> : <Loading />}</>;
  const steps = may('wmo.notification.act') ? SIMPLE_STEPS.filter((s) => m.allowed.includes(s)) : [];
  const step = (type: string) => send(() => api.post<WmoNotificationView>(`/api/v1/wmo-notifications/${m.id}/actions`, { type },
    { version: m.version, headers: { 'idempotency-key': `${type}-${m.id}-${m.version}` } }), t('wmo.page.stepDone', { step: t(`wmo.command.${type}`) }));
  const done = (next: WmoNotificationView, text: string) => { setM(next); setError(null); setMessage(text); };
  const d = m.decision;
  const signed = d?.letters.some((l) => l.signedAt) ?? false;

  return (
    <>
      <PageTitle title={t('wmo.page.title', { client: m.clientName })} />
      {message && <Alert type="ok"><Paragraph>{message}</Paragraph></Alert>}
      {error && <Alert type="error"><Paragraph>{error}</Paragraph></Alert>}
      <Paragraph>
        {t('wmo.page.summary', { status: fmt.status('wmo', m.status), notified: fmt.date(m.notifiedOn), adviser: m.assignedUserName ?? t('wmo.unassigned') })}
        {m.urgent && <> · <strong>{t('wmo.urgent')}</strong></>}
        {m.law === 'jeugdwet' && <> · {t('wmo.youthLaw')}</>}
        {' '}<AppLink to={`/clienten/${m.clientId}`}>{t('wmo.page.openClient')}</AppLink>
      </Paragraph>
      {m.minor && <Paragraph>{t('wmo.page.minor')}</Paragraph>}
      <Heading level={2}>{t('wmo.page.clocks')}</Heading>
      <ul>{m.clocks.map((c) => <li key={c.kind}><ClockText clock={c} /></li>)}</ul>
      {m.evidence.missing.length > 0 && (m.allowed.includes('receiveApplication') || m.allowed.includes('decide')) && (
        <Alert type="warning">
          <Paragraph>{t('wmo.evidence.missingBefore')}</Paragraph>
          <ul>{m.evidence.missing.map((i) => <li key={i}>{t(`wmo.evidence.items.${i}`)}</li>)}</ul>
        </Alert>
      )}

      {steps.length > 0 && (
        <section aria-labelledby="wmo-steps">
          <Heading level={2} id="wmo-steps">{t('wmo.page.steps')}</Heading>
          <div className="ww-actions">
            {steps.map((s) => <Button key={s} appearance="primary-action-button" busy={busy} disabled={busy} onClick={() => void step(s)}>{t(`wmo.command.${s}`)}</Button>)}
          </div>
        </section>
      )}
      {may('wmo.notification.act') && <StepForm key={m.version} m={m} onDone={done} />}
      <EvidenceSection m={m} canAct={may('wmo.notification.act')} onDone={done} />
      <AssessmentSection key={m.assessment?.version ?? 0} m={m} canEdit={may('wmo.notification.act') && ['notified', 'assessing', 'reported'].includes(m.status)} onDone={done} />
      {may('wmo.notification.act') && m.allowed.includes('decide') && (
        <DecisionForm melding={m} onDone={(next) => { setM(next); setMessage(t('wmo.decision.done')); }} />
      )}

      {d && (
        <section aria-labelledby="wmo-decision">
          <Heading level={2} id="wmo-decision">{t('wmo.result.title')}</Heading>
          <Paragraph>{t('wmo.result.summary', { date: fmt.date(d.decidedOn), outcome: t(`wmo.result.outcome.${d.outcome}`) })}</Paragraph>
          <ul>
            {d.lines.map((l) => (
              <li key={l.productId}>
                {l.granted
                  ? t('wmo.result.lineGranted', { product: l.productName, volume: l.volume ?? '', from: fmt.date(l.validFrom), to: fmt.date(l.validTo),
                    form: t(l.form === 'PGB' ? 'wmo.decision.pgb' : 'wmo.decision.zin') + (l.providerName ? ` (${l.providerName})` : '') })
                  : t('wmo.result.lineRefused', { product: l.productName })}
                {l.granted && l.amountEurocents !== null ? `; ${t('wmo.result.amount', { amount: euros(l.amountEurocents) })}` : ''}
              </li>
            ))}
          </ul>
          <Heading level={3}>{t('wmo.letters.title')}</Heading>
          <ul>
            {d.letters.map((l, i) => (
              <li key={l.id}>
                {t('wmo.letters.version', { version: l.version, template: l.templateVersion, at: fmt.dateTime(l.createdAt) })}
                {' · '}{l.signedAt ? t('wmo.letters.signedBy', { name: l.signedByName ?? '', at: fmt.dateTime(l.signedAt) }) : t('wmo.letters.draft')}
                {' · '}<a className="utrecht-link" href={`/api/v1/wmo-notifications/${m.id}/letters/${l.id}/pdf`} target="_blank" rel="noopener">
                  {t('wmo.letters.open', { version: l.version })}</a>
                {i === 0 && !signed && may('wmo.letter.sign') && (
                  <> <Button appearance="primary-action-button" busy={busy} disabled={busy}
                    onClick={() => void send(() => api.post<WmoNotificationView>(`/api/v1/wmo-notifications/${m.id}/letters/${l.id}/sign`, {}), t('wmo.letters.signed'))}>
                    {t('wmo.letters.sign', { version: l.version })}</Button></>
                )}
              </li>
            ))}
          </ul>
          {!signed && may('wmo.notification.act') && (
            <Button appearance="secondary-action-button" busy={busy} disabled={busy}
              onClick={() => void send(() => api.post<WmoNotificationView>(`/api/v1/wmo-notifications/${m.id}/letters`, {}), t('wmo.letters.regenerated'))}>
              {t('wmo.letters.regenerate')}</Button>
          )}
        </section>
      )}

      <section aria-labelledby="wmo-history">
        <Heading level={2} id="wmo-history">{t('wmo.page.history')}</Heading>
        <ol>
          {m.actions.map((a) => (
            <li key={`${a.type}-${a.at}`}>{fmt.date(a.on)}: {t(`wmo.command.${a.type}`)}{a.actorName ? ` (${a.actorName})` : ''}{a.reason ? `: “${a.type === 'pauseClock' ? t(`wmo.step.pause.${a.reason}`) : a.reason}”` : ''}
              {a.until ? ` · ${t('wmo.page.until', { date: fmt.date(a.until) })}` : ''}{a.committee ? ` · ${t('wmo.step.committee')}` : ''}
              {a.outcome && a.type === 'decideObjection' ? ` · ${t(`wmo.step.objectionOutcome.${a.outcome}`)}` : ''}</li>
          ))}
        </ol>
      </section>
    </>
  );
}
