import { Button, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { PortalQuestion as PortalRequest } from '../../../../src/modules/portal/schemas.ts';
import { api } from '../../api.ts';
import { Loading, PageTitle } from '../../components/page.tsx';
import { useLifeDomains } from '../../use-life-domains.ts';
import { CitizenContact } from './contact-page.tsx';
import { useFormat, useI18n, useProblemText } from '../../i18n.tsx';

export type { PortalRequest };

/** Questions from the digital channel waiting at the user's desks, oldest first; picking one up registers the contact from it. */
export function DigitalQuestionsPage() {
  const { t } = useI18n();
  const domains = useLifeDomains();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const navigate = useNavigate();
  const [list, setList] = useState<PortalRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<PortalRequest[]>('/api/v1/portal-requests').then(setList).catch((err) => setError(forError(err)));
  }, [forError]);

  return (
    <>
      <PageTitle title={t('desk.title')} />
      <Paragraph>{t('desk.intro')}</Paragraph>
      {error && <Paragraph role="alert">{error}</Paragraph>}
      {!list && !error && <Loading />}
      {list && list.length === 0 && <Paragraph>{t('desk.none')}</Paragraph>}
      <ul className="ww-cards">
        {list?.map((p) => (
          <li key={p.id} className="ww-box">
            <Paragraph><strong>{p.reference}</strong> · {fmt.dateTime(p.createdAt)} · {p.deskName}</Paragraph>
            <Paragraph>
              {p.onBehalfOf
                ? t('desk.onBehalfOf', { citizen: p.citizenName, name: p.onBehalfOf.name, relation: p.onBehalfOf.relation })
                : t('desk.from', { citizen: p.citizenName })}
            </Paragraph>
            <Paragraph>“{p.question}”</Paragraph>
            {p.lifeDomains.length > 0 && <Paragraph>{t('desk.lifeDomains')}: {p.lifeDomains.map(domains.label).join(', ')}</Paragraph>}
            <CitizenContact request={p} />
            <Button appearance="primary-action-button" onClick={() => navigate('/contacten/nieuw', { state: { portalRequest: p } })}>
              {t('desk.pickUp', { reference: p.reference })}
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}
