import { Alert, Button, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useCallback, useEffect, useState } from 'react';
import type { WmoInboxItem } from '../../../../src/modules/wmo/schemas.ts';
import { api } from '../../api.ts';
import { AppLink, Loading, PageTitle, TableScroll } from '../../components/page.tsx';
import { useFormat, useI18n, useProblemText } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';

/**
 * The Wmo inbox of the adviser's teams (issue 17): meldingen of the clients their team serves, spoed
 * first, then the clock that runs out first, with its deadline in words. An adviser takes a melding
 * (which makes them involved with the client); the steps after that are recorded on the melding.
 */
export function WmoInboxPage() {
  const { t } = useI18n();
  const { forError } = useProblemText();
  const fmt = useFormat();
  const { state } = useSession();
  const me = state.status === 'active' ? state.session.user : null;
  const [list, setList] = useState<WmoInboxItem[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setList(await api.get<WmoInboxItem[]>('/api/v1/wmo-notifications'));
    } catch (err) {
      setError(forError(err));
    }
  }, [forError]);
  useEffect(() => { void load(); }, [load]);

  async function take(n: WmoInboxItem) {
    setBusy(n.id);
    setError(null);
    try {
      await api.post(`/api/v1/wmo-notifications/${n.id}/actions`, { type: 'assign' }, { headers: { 'idempotency-key': `take-${n.id}-${me?.id ?? ''}` } });
      setMessage(t('wmo.inbox.taken', { client: n.clientName }));
      await load();
    } catch (err) {
      setError(forError(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <PageTitle title={t('nav.notifications')} />
      {message && <Alert type="ok"><Paragraph>{message}</Paragraph></Alert>}
      {error && <Alert type="error"><Paragraph>{error}</Paragraph></Alert>}
      {!list ? (error ? null : <Loading />) : list.length === 0 ? <Paragraph>{t('wmo.inbox.empty')}</Paragraph> : (
        <TableScroll label={t('wmo.inbox.label', { count: list.length })}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('wmo.col.client')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('wmo.col.notifiedOn')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('wmo.col.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('wmo.col.deadline')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('wmo.col.adviser')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((n) => (
                <TableRow key={n.id}>
                  <TableHeaderCell scope="row">
                    <AppLink to={`/clienten/${n.clientId}`}>{n.clientName}</AppLink>{n.urgent && <> · <strong>{t('wmo.urgent')}</strong></>}
                    {n.law === 'jeugdwet' && <> · {t('wmo.youthLaw')}</>}
                  </TableHeaderCell>
                  <TableCell>{fmt.date(n.notifiedOn)}</TableCell>
                  <TableCell>
                    {fmt.status('wmo', n.status)}
                    {' · '}<AppLink to={`/meldingen/${n.id}`} aria-label={t('wmo.openFor', { client: n.clientName })}>{t('wmo.open')}</AppLink>
                  </TableCell>
                  <TableCell><ClockText clock={n.clock} /></TableCell>
                  <TableCell>
                    {n.assignedUserName ?? t('wmo.unassigned')}
                    {!n.assignedUserId && (
                      <> <Button appearance="secondary-action-button" busy={busy === n.id} disabled={busy !== null} onClick={() => void take(n)}
                        aria-label={t('wmo.inbox.takeFor', { client: n.clientName })}>{t('wmo.inbox.take')}</Button></>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
    </>
  );

}

type Clock = NonNullable<WmoInboxItem['clock']>;

/** "onderzoek: uiterlijk maandag 4 januari 2027 (nog 35 dagen)", or paused since a date: the deadline in words. */
export function ClockText({ clock }: { clock: WmoInboxItem['clock'] }) {
  const { t } = useI18n();
  const fmt = useFormat();
  if (!clock) return <>–</>;
  const kind = t(`wmo.clock.${clock.kind}`);
  if (clock.pausedSince) return <span className="ww-clock">{t('wmo.clock.paused', { kind, date: fmt.date(clock.pausedSince) })}</span>;
  const days = daysText(clock, t);
  return (
    <span className={`ww-clock ww-clock--${clock.late ? 'overdue' : 'on_time'}`}>
      {t('wmo.clock.due', { kind, date: fmt.day(clock.dueOn) })}{days && ` (${days})`}
    </span>
  );
}

function daysText(clock: Clock, t: ReturnType<typeof useI18n>['t']) {
  if (clock.daysLeft === null) return '';
  return clock.daysLeft < 0 ? t('wmo.clock.daysOver', { count: -clock.daysLeft }) : t('wmo.clock.daysLeft', { count: clock.daysLeft });
}
