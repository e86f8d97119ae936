import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { RadioGroup, TextareaField, useFormErrors } from '../../components/form.tsx';
import { Loading, PageTitle } from '../../components/page.tsx';
import { useFormat, useProblemText, useT } from '../../i18n.tsx';
import type { BreakGlassEvent } from '../../types.ts';
import { useData } from '../admin/use-data.ts';

/** The privacy officer reviews every break-the-glass access: was it justified? Unreviewed first. */
export function BreakGlassReviewPage() {
  const t = useT();
  const { forError } = useProblemText();
  const events = useData<BreakGlassEvent[]>('/api/v1/break-glass-events');
  const [notice, setNotice] = useState<string | null>(null);
  const open = events.data?.filter((e) => !e.reviewedAt) ?? [];
  const done = events.data?.filter((e) => e.reviewedAt) ?? [];

  return (
    <>
      <PageTitle title={t('privacy.breakGlass.title')} />
      <Paragraph>{t('privacy.breakGlass.intro')}</Paragraph>
      <div role="status">{notice && <Alert type="ok"><Paragraph>{notice}</Paragraph></Alert>}</div>
      {events.error ? <Alert type="error"><Paragraph>{forError(events.error)}</Paragraph></Alert> : null}
      {!events.data ? <Loading /> : (
        <>
          <section aria-labelledby="open-title">
            <Heading level={2} id="open-title">{t('privacy.breakGlass.openTitle', { count: open.length })}</Heading>
            {open.length === 0 ? <Paragraph>{t('privacy.breakGlass.noneOpen')}</Paragraph> : (
              <ul className="ww-cards">
                {open.map((e) => (
                  <li key={e.id} className="ww-card">
                    <EventSummary event={e} />
                    <ReviewForm event={e} onDone={(justified) => {
                      setNotice(t(justified ? 'privacy.breakGlass.reviewedJustified' : 'privacy.breakGlass.reviewedUnjustified', { name: e.userName }));
                      events.reload();
                    }} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="done-title">
            <Heading level={2} id="done-title">{t('privacy.breakGlass.doneTitle')}</Heading>
            {done.length === 0 ? <Paragraph>{t('privacy.breakGlass.noneDone')}</Paragraph> : (
              <ul className="ww-cards">
                {done.map((e) => (
                  <li key={e.id} className="ww-card">
                    <EventSummary event={e} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}

function EventSummary({ event: e }: { event: BreakGlassEvent }) {
  const t = useT();
  const fmt = useFormat();
  return (
    <>
      <Heading level={3}>{t('privacy.breakGlass.eventTitle', { name: e.userName, at: fmt.dateTime(e.createdAt) })}</Heading>
      <dl className="ww-dl">
        <dt>{t('privacy.breakGlass.team')}</dt><dd>{e.userTeams.length ? e.userTeams.join(', ') : t('privacy.breakGlass.noTeam')}</dd>
        <dt>{t('privacy.breakGlass.client')}</dt><dd>{e.clientName ?? ''} <code className="ww-break ww-muted">{e.clientId}</code></dd>
        <dt>{t('privacy.breakGlass.reason')}</dt><dd>{e.reason}</dd>
        <dt>{t('privacy.breakGlass.opened')}</dt>
        <dd>
          {e.opened.length === 0 ? t('privacy.breakGlass.nothingOpened') : (
            <ul className="ww-plain-list">
              {e.opened.map((o) => (
                <li key={`${o.at}-${o.action}`}>{fmt.dateTime(o.at)}: {fmt.auditAction(o.action)}{o.outcome !== 'success' && ` (${t(`audit.outcome.${o.outcome}`)})`}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('privacy.breakGlass.expires')}</dt><dd>{fmt.dateTime(e.expiresAt)}</dd>
        {e.reviewedAt && <><dt>{t('privacy.breakGlass.review')}</dt><dd>{t('privacy.breakGlass.reviewedBy', { name: e.reviewedByName ?? '', at: fmt.dateTime(e.reviewedAt) })}: {e.reviewNote}</dd></>}
      </dl>
    </>
  );
}

function ReviewForm({ event, onDone }: { event: BreakGlassEvent; onDone: (justified: boolean) => void }) {
  const t = useT();
  const [note, setNote] = useState('');
  const [justified, setJustified] = useState('');
  const labels = useMemo(() => ({ note: t('privacy.breakGlass.note'), justified: t('privacy.breakGlass.justified') }), [t]);
  const form = useFormErrors(`review-${event.id.slice(0, 8)}`, labels);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!justified) errs.justified = t('privacy.breakGlass.justifiedRequired');
    if (note.trim().length < 3) errs.note = t('privacy.breakGlass.noteRequired');
    if (Object.keys(errs).length) return form.fail(errs);
    await form.run(async () => {
      await api.post(`/api/v1/break-glass-events/${event.id}/review`, { note: note.trim(), justified: justified === 'yes' });
      onDone(justified === 'yes');
    });
  }
  return (
    <>
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <RadioGroup {...form.field('justified')} value={justified} onChange={setJustified}
          options={[{ value: 'yes', label: t('privacy.breakGlass.yes') }, { value: 'no', label: t('privacy.breakGlass.no') }]} />
        <TextareaField {...form.field('note')} value={note} onChange={setNote} rows={3} />
        <Button type="submit" appearance="primary-action-button">{t('privacy.breakGlass.submit')}</Button>
      </form>
    </>
  );
}
