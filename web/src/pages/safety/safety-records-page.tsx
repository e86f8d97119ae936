import { Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import type { SafetyRecordItem } from '../../../../src/modules/safety/schemas.ts';
import { api } from '../../api.ts';
import { AppLink, Loading, PageTitle, TableScroll } from '../../components/page.tsx';
import { useFormat, useProblemText, useT } from '../../i18n.tsx';

/** The sealed safety records the user is on the case of (the safety officer: all), open ones first. */
export function SafetyRecordsPage() {
  const t = useT();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const [list, setList] = useState<SafetyRecordItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { api.get<SafetyRecordItem[]>('/api/v1/safety-records').then(setList).catch((err) => setError(forError(err))); }, [forError]);
  return (
    <>
      <PageTitle title={t('safety.list.title')} />
      <Paragraph>{t('safety.list.intro')}</Paragraph>
      {error && <Paragraph role="alert">{error}</Paragraph>}
      {!list && !error && <Loading />}
      {list && list.length === 0 && <Paragraph>{t('safety.list.empty')}</Paragraph>}
      {list && list.length > 0 && (
        <TableScroll label={t('safety.list.title')}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('safety.list.client')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('safety.list.step')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('safety.list.opened')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('safety.list.team')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('safety.list.pending')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((r) => (
                <TableRow key={r.id}>
                  <TableCell><AppLink to={`/veiligheid/${r.id}`}>{r.clientName}</AppLink></TableCell>
                  <TableCell>{t('safety.list.stepOf', { step: r.step, status: t(`safety.status.${r.status}`) })}</TableCell>
                  <TableCell>{fmt.date(r.openedOn)}</TableCell>
                  <TableCell>{r.teamName ?? '–'}</TableCell>
                  <TableCell>{r.pendingRequests}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
    </>
  );
}
