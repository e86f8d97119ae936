import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useT } from '../../i18n.tsx';

import type { ClientHit } from '../../../../src/modules/clients/schemas.ts';

/** A probable duplicate, as a 409 'duplicate_bsn' or 'probable_duplicate' problem lists it: a search hit without BSN and address. */
export type Duplicate = Pick<ClientHit, 'id' | 'visibility' | 'displayName' | 'birthDate' | 'registeredAt'>;

/** Shown when the API answers 409 probable_duplicate / duplicate_bsn: the same person may already be registered. */
export function DuplicateWarning({ duplicates, sameBsn, onSame, onDifferent }: {
  duplicates: Duplicate[]; sameBsn: boolean; onSame: (d: Duplicate) => void; onDifferent: () => void;
}) {
  const t = useT();
  return (
    <Alert type="warning" className="ww-duplicates">
      <Heading level={2} appearance="utrecht-heading-4">{t(sameBsn ? 'intake.duplicate.sameBsn' : 'intake.duplicate.title')}</Heading>
      <ul className="ww-cards">
        {duplicates.map((d) => (
          <li key={d.id} className="ww-box">
            <Paragraph>
              <strong>{d.displayName}</strong>{d.birthDate ? `, ${d.birthDate}` : ''}
              {d.registeredAt.length > 0 && <> — {t('intake.duplicate.knownAt', { desks: d.registeredAt.join(', ') })}</>}
            </Paragraph>
            <Button appearance="secondary-action-button" onClick={() => onSame(d)}>{t('intake.duplicate.same')}</Button>
          </li>
        ))}
      </ul>
      {!sameBsn && <Button appearance="subtle-button" onClick={onDifferent}>{t('intake.duplicate.different')}</Button>}
    </Alert>
  );
}
