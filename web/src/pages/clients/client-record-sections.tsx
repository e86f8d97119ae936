import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { type ReactNode, useState } from 'react';
import { AppLink } from '../../components/page.tsx';
import { useT } from '../../i18n.tsx';
import { useMay } from '../../session.tsx';
import type { Client } from '../../types.ts';
import { ClientRecordForm } from './client-record-form.tsx';
import { type Consent, ConsentsSection } from './consents-section.tsx';
import { type Merge, MergeSection } from './merge-section.tsx';
import { RelatedPersonsSection } from './related-persons-section.tsx';
import { HousingSituationSection } from './housing-situation-section.tsx';

/**
 * The editable parts of the client page: the record (shown, or the edit form), the people around
 * the client, consents and merges. What a user may change follows the API's permissions table.
 */
export function ClientRecordSections({ client: c, consents, merges, onSaved, onChanged, children }: {
  client: Client; consents: Consent[]; merges: Merge[]; onSaved: (c: Client) => void; onChanged: () => void; children: ReactNode;
}) {
  const t = useT();
  const may = useMay();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const merged = c.mergedInto !== null;
  const canWrite = !merged && may('client.write');
  const extra: [string, string][] = [
    [t('record.field.gender'), c.gender !== '0' ? t(`record.gender.${c.gender}`) : ''],
    [t('record.field.preferredLanguage'), c.preferredLanguage ?? ''],
    [t('record.field.communicationNeeds'), c.communicationNeeds.map((n) => t(`record.need.${n}`)).join(', ')],
  ];

  if (editing) {
    return <ClientRecordForm client={c} onCancel={() => setEditing(false)} onSaved={(x) => { setEditing(false); setSaved(true); onSaved(x); }} />;
  }
  return (
    <>
      {merged && (
        <Alert type="info">
          <Paragraph>{t('merge.isMerged')} <AppLink to={`/clienten/${c.mergedInto}`}>{t('merge.toSurvivor')}</AppLink></Paragraph>
        </Alert>
      )}
      <div role="status">{saved && <Paragraph>{t('record.saved')}</Paragraph>}</div>
      {children}
      {extra.some(([, v]) => v) && (
        <dl className="ww-dl">
          {extra.filter(([, v]) => v).map(([k, v]) => <div key={k} className="ww-dl-row"><dt>{k}</dt><dd>{v}</dd></div>)}
        </dl>
      )}
      {canWrite && (
        <div className="ww-actions">
          <Button appearance="secondary-action-button" onClick={() => { setSaved(false); setEditing(true); }}>{t('record.edit')}</Button>
        </div>
      )}
      <RelatedPersonsSection key={`persons-${c.id}`} clientId={c.id} persons={c.persons} canWrite={canWrite} />
      <HousingSituationSection key={`housing-${c.id}`} clientId={c.id} canWrite={canWrite} />
      <ConsentsSection clientId={c.id} initial={consents} canWrite={!merged && may('consent.write')} />
      <MergeSection key={`merge-${c.id}`} client={c} initial={merges} canMerge={!merged && may('client.merge')} onChanged={onChanged} />
    </>
  );
}
