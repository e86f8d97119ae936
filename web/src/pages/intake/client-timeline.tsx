import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { SelectField } from '../../components/form.tsx';
import { AppButtonLink, AppLink } from '../../components/page.tsx';
import { contactOutcomeLabels, type ContactOutcome } from '../../../../src/modules/intake/contact-outcome.ts';
import { useFormat, useI18n, useProblemText, useT } from '../../i18n.tsx';

import type { TimelineEntry as Entry } from '../../../../src/modules/intake/schemas.ts';

/** The client's history on the client page: contacts, referrals and Wmo notifications, filterable by type. */
/** `initial`: the whole timeline as the client page loaded it; a filter asks the API again. */
export function ClientTimeline({ clientId, clientName, initial }: { clientId: string; clientName: string; initial: Entry[] }) {
  const t = useT();
  const { forError } = useProblemText();
  const [type, setType] = useState('');
  const [entries, setEntries] = useState<Entry[] | null>(initial);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!type) {
      setEntries(initial);
      return;
    }
    api.get<Entry[]>(`/api/v1/clients/${encodeURIComponent(clientId)}/timeline`, { query: { type } })
      .then((e) => { setEntries(e); setError(null); }).catch((err) => setError(forError(err)));
  }, [clientId, type, initial, forError]);
  return (
    <section aria-labelledby="timeline-title">
      <Heading level={2} id="timeline-title">{t('intake.timeline.title')}</Heading>
      <div className="ww-actions">
        <AppButtonLink to={`/contacten/nieuw?clientId=${clientId}&name=${encodeURIComponent(clientName)}`}>{t('intake.timeline.newContact')}</AppButtonLink>
      </div>
      <SelectField id="timeline-type" label={t('intake.timeline.filter')} value={type} onChange={setType} emptyLabel={t('intake.timeline.all')}
        options={['contact', 'referral', 'notification'].map((v) => ({ value: v, label: t(`intake.timeline.type.${v}`) }))} />
      {error && <Paragraph>{error}</Paragraph>}
      {entries && entries.length === 0 && <Paragraph>{t('intake.timeline.empty')}</Paragraph>}
      <ol className="ww-cards">
        {entries?.map((e) => <TimelineItem key={`${e.type}-${e.id}`} entry={e} />)}
      </ol>
    </section>
  );
}

type ReferralDetails = { toTeam: string | null; status: string; source?: 'desk' | 'gp' | 'partner' | 'citizen' };
/** `assessmentDeadline` is null for a Jeugdwet melding: the Jeugdwet has no statutory onderzoek term. */
type NotificationDetails = { assessmentDeadline: string | null; law?: 'wmo' | 'jeugdwet' };
/** A safety signal's contact: its text is only in the sealed safety record (src/modules/safety). */
type SealedDetails = { safetyRecordId: string | null; mayOpen: boolean };

/**
 * One event, told in words from its details (not the API's short title): dates and statuses go
 * through the one formatter, so the Dutch UI never shows "2027-01-11" or "(accepted)".
 */
function TimelineItem({ entry: e }: { entry: Entry }) {
  const { t, lang } = useI18n();
  const fmt = useFormat();
  const d = e.details as { outcome?: ContactOutcome; referral?: ReferralDetails; notification?: NotificationDetails; sealed?: SealedDetails }
    & Partial<ReferralDetails & NotificationDetails>;
  const title = e.type === 'contact' ? (d.outcome ? contactOutcomeLabels[d.outcome]?.[lang] ?? e.title : e.title)
    : e.type === 'referral' ? t('intake.timeline.referral', { team: d.toTeam ?? '', status: fmt.status('referral', d.status ?? '') })
    : d.law === 'jeugdwet' ? t('intake.timeline.youthNotification')
    : t('intake.timeline.notification', { date: fmt.day(d.assessmentDeadline ?? '') });
  return (
    <li className="ww-box">
      <Paragraph><strong>{title}</strong> · {fmt.dateTime(e.at)}</Paragraph>
      {e.summary && <Paragraph>“{e.summary}”</Paragraph>}
      {d.referral && <Paragraph>{t('intake.timeline.ledToReferral', { team: d.referral.toTeam ?? '', status: fmt.status('referral', d.referral.status) })}</Paragraph>}
      {d.notification && <Paragraph>{d.notification.law === 'jeugdwet' ? t('intake.timeline.ledToYouthNotification')
        : t('intake.timeline.ledToNotification', { date: fmt.day(d.notification.assessmentDeadline) })}</Paragraph>}
      {d.sealed && (
        <Paragraph>
          {t('safety.access.sealedTimeline')}.{' '}
          {d.sealed.safetyRecordId && (d.sealed.mayOpen
            ? <AppLink to={`/veiligheid/${d.sealed.safetyRecordId}`}>{t('safety.access.open')}</AppLink>
            : <>{t('safety.access.onlyCase')} <AppLink to={`/veiligheid/${d.sealed.safetyRecordId}`}>{t('safety.access.request')}</AppLink></>)}
        </Paragraph>
      )}
      {e.type === 'referral' && d.source && <Paragraph>{t(`referrals.source.${d.source}`, { name: e.teamName ?? '' })}</Paragraph>}
      <Paragraph className="ww-muted">{[e.userName, e.teamName].filter(Boolean).join(', ')}</Paragraph>
    </li>
  );
}
