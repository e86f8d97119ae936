import { Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { AppButtonLink, Loading, PageTitle, TableScroll } from '../../components/page.tsx';
import { useFormat, useI18n } from '../../i18n.tsx';
import { CitizenFrame } from './citizen.tsx';
import type { AccessLogEntry as Access, Letter, PortalRequestStatus as Request } from '../../../../src/modules/portal/schemas.ts';


/** Mijn Wegwijs: the status of my questions, my letters, and which desks and teams looked at my file. */
export function MijnWegwijsPage() {
  const { t } = useI18n();
  return <CitizenFrame title={t('portal.mine.title')}>{() => <Mine />}</CitizenFrame>;
}

function Mine() {
  const { t, lang } = useI18n();
  const fmt = useFormat();
  const [data, setData] = useState<{ requests: Request[]; access: Access[]; letters: Letter[] } | null>(null);
  useEffect(() => {
    void Promise.all([api.get<Request[]>('/api/v1/portal/requests'), api.get<Access[]>('/api/v1/portal/access-log'), api.get<Letter[]>('/api/v1/portal/letters')])
      .then(([requests, access, letters]) => setData({ requests, access, letters }));
  }, []);
  const local = (s: string) => (s.includes(' / ') ? s.split(' / ')[lang === 'en' ? 1 : 0]! : s);
  if (!data) return <Loading />;
  return (
    <>
      <PageTitle title={t('portal.mine.title')} />
      <AppButtonLink to="/digitaal-loket">{t('portal.mine.ask')}</AppButtonLink>
      <Heading level={2}>{t('portal.mine.questions')}</Heading>
      {data.requests.length === 0 ? <Paragraph>{t('portal.mine.noQuestions')}</Paragraph> : (
        <ul className="ww-cards">
          {data.requests.map((r) => (
            <li key={r.id} className="ww-box">
              <Paragraph><strong>{r.reference}</strong> · {fmt.dateTime(r.createdAt)}{r.onBehalfOf ? ` · ${t('portal.mine.for', { name: r.onBehalfOf })}` : ''}</Paragraph>
              <Paragraph>“{r.question}”</Paragraph>
              <Paragraph data-testid="status">{t(`portal.status.${r.status}`, { desk: r.deskName })}
                {r.referral ? ` ${t('portal.mine.referred', { team: r.referral.teamName, status: t(`portal.referralStatus.${r.referral.status}`) })}` : r.outcome ? ` ${r.outcome}` : ''}</Paragraph>
            </li>
          ))}
        </ul>
      )}
      <Heading level={2}>{t('portal.mine.letters')}</Heading>
      {data.letters.length === 0 ? <Paragraph>{t('portal.mine.noLetters')}</Paragraph> : (
        <ul>
          {data.letters.map((l) => (
            <li key={l.id}>
              <a className="utrecht-link" href={`/api/v1/portal/letters/${l.id}/pdf`} download>{l.title}</a> ({fmt.date(l.date)})
            </li>
          ))}
        </ul>
      )}
      <Heading level={2}>{t('portal.mine.access')}</Heading>
      <Paragraph>{t('portal.mine.accessIntro')}</Paragraph>
      {data.access.length === 0 ? <Paragraph>{t('portal.mine.noAccess')}</Paragraph> : (
        <TableScroll label={t('portal.mine.access')}>
          <Table>
            <TableHeader><TableRow><TableHeaderCell>{t('portal.mine.col.when')}</TableHeaderCell><TableHeaderCell>{t('portal.mine.col.who')}</TableHeaderCell><TableHeaderCell>{t('portal.mine.col.what')}</TableHeaderCell></TableRow></TableHeader>
            <TableBody>
              {data.access.map((a) => (
                <TableRow key={`${a.at}-${a.organisation}-${a.what}`}><TableCell>{fmt.dateTime(a.at)}</TableCell><TableCell>{a.organisation}</TableCell><TableCell>{local(a.what)}</TableCell></TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
    </>
  );
}
