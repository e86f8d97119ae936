import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { SelectField } from '../../components/form.tsx';
import { AppButtonLink } from '../../components/page.tsx';
import { useFormat, useProblemText, useT } from '../../i18n.tsx';

type Entry = { type: 'contact' | 'referral' | 'notification'; id: string; at: string; title: string; summary: string | null; teamName: string | null; userName: string | null };

/** The client's history on the client page: contacts, referrals and Wmo notifications, filterable by type. */
export function ClientTimeline({ clientId, clientName }: { clientId: string; clientName: string }) {
  const t = useT();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const [type, setType] = useState('');
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<Entry[]>(`/api/v1/clients/${encodeURIComponent(clientId)}/timeline`, { query: { type } })
      .then((e) => { setEntries(e); setError(null); }).catch((err) => setError(forError(err)));
  }, [clientId, type, forError]);
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
        {entries?.map((e) => (
          <li key={`${e.type}-${e.id}`} className="ww-box">
            <Paragraph><strong>{e.title}</strong> · {fmt.dateTime(e.at)}</Paragraph>
            {e.summary && <Paragraph>“{e.summary}”</Paragraph>}
            <Paragraph>{[e.userName, e.teamName].filter(Boolean).join(', ')}</Paragraph>
          </li>
        ))}
      </ol>
    </section>
  );
}
