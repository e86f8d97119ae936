import { Alert, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useCallback, useEffect, useState } from 'react';
import type { Caseload, CaseloadItem } from '../../../../src/modules/casework/schemas.ts';
import { api } from '../../api.ts';
import { SelectField } from '../../components/form.tsx';
import { AppLink, Loading, PageTitle, TableScroll } from '../../components/page.tsx';
import { useFormat, useI18n, useProblemText } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';

type Clock = CaseloadItem['clocks']['plan'];

/**
 * Open trajectories with their clocks, the most urgent first (issue 16): mine, or (the team lead)
 * the whole team's with a count per professional. A clock's state is told in words and colour.
 */
export function CaseloadPage({ scope }: { scope: 'mine' | 'team' }) {
  const { t } = useI18n();
  const { state } = useSession();
  const { forError } = useProblemText();
  const fmt = useFormat();
  const teams = state.status === 'active' ? state.session.user.teams.filter((x) => x.kind === 'neighbourhood_team') : [];
  const [teamId, setTeamId] = useState(teams[0]?.id ?? '');
  const [filter, setFilter] = useState('');
  const [data, setData] = useState<Caseload | null>(null);
  const [error, setError] = useState<string | null>(null);
  const title = t(scope === 'mine' ? 'casework.mine.title' : 'casework.team.title');

  const load = useCallback(async () => {
    if (scope === 'team' && !teamId) return;
    try {
      setData(await api.get<Caseload>(scope === 'mine' ? '/api/v1/caseload' : `/api/v1/teams/${teamId}/caseload`));
    } catch (err) {
      setError(forError(err));
    }
  }, [scope, teamId, forError]);
  useEffect(() => { void load(); }, [load]);

  if (scope === 'team' && !teamId) return <><PageTitle title={title} /><Paragraph>{t('casework.noTeam')}</Paragraph></>;
  const items = data?.items.filter((i) => !filter || i.mostUrgent?.state === filter) ?? [];
  return (
    <>
      <PageTitle title={title} />
      {error && <Alert type="error"><Paragraph>{error}</Paragraph></Alert>}
      <div className="ww-form">
        {scope === 'team' && teams.length > 1 && <SelectField id="caseload-team" label={t('casework.team.team')} value={teamId} onChange={setTeamId} options={teams.map((x) => ({ value: x.id, label: x.name }))} />}
        <SelectField id="caseload-filter" label={t('casework.filter')} value={filter} onChange={setFilter} emptyLabel={t('casework.filterAll')}
          options={['overdue', 'at_risk', 'on_time'].map((s) => ({ value: s, label: fmt.status('clock', s) }))} />
      </div>
      {!data ? (error ? null : <Loading />) : (
        <>
          {scope === 'team' && data.byProfessional.length > 0 && (
            <section aria-labelledby="caseload-per-professional">
              <Heading level={2} id="caseload-per-professional">{t('casework.team.perProfessional')}</Heading>
              <TableScroll label={t('casework.team.perProfessional')}>
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">{t('casework.col.professional')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('casework.col.open')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('casework.col.planOverdue')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('casework.col.overdue')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('casework.col.atRisk')}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {data.byProfessional.map((p) => (
                      <TableRow key={p.professionalUserId ?? 'none'}>
                        <TableHeaderCell scope="row">{p.professionalName ?? t('casework.unassigned')}</TableHeaderCell>
                        <TableCell>{p.open}</TableCell>
                        <TableCell>{p.planOverdue}</TableCell>
                        <TableCell>{p.overdue}</TableCell>
                        <TableCell>{p.atRisk}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableScroll>
            </section>
          )}
          <section aria-labelledby="caseload-list">
            <Heading level={2} id="caseload-list">{t('casework.list', { count: items.length })}</Heading>
            {items.length === 0 ? <Paragraph>{t('casework.empty')}</Paragraph> : (
              <TableScroll label={t('casework.list', { count: items.length })}>
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">{t('casework.col.client')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('casework.col.status')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('casework.col.plan')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('casework.col.evaluation')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('casework.col.end')}</TableHeaderCell>
                      {scope === 'team' && <TableHeaderCell scope="col">{t('casework.col.professional')}</TableHeaderCell>}
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {items.map((i) => (
                      <TableRow key={i.id}>
                        <TableHeaderCell scope="row"><AppLink to={`/trajecten/${i.id}`}>{i.clientName}</AppLink></TableHeaderCell>
                        <TableCell>{fmt.status('trajectory', i.status)}</TableCell>
                        <TableCell><ClockText clock={i.clocks.plan} /></TableCell>
                        <TableCell>{i.clocks.nextEvaluation ? <ClockText clock={i.clocks.nextEvaluation} /> : '–'}</TableCell>
                        <TableCell>{i.clocks.end ? <ClockText clock={i.clocks.end} /> : '–'}</TableCell>
                        {scope === 'team' && <TableCell>{i.professionalName ?? t('casework.unassigned')}</TableCell>}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableScroll>
            )}
          </section>
        </>
      )}
    </>
  );
}

/** "uiterlijk 13 april 2026 — over de termijn (8 dagen)": the date, and the state in words as well as colour. */
export function ClockText({ clock }: { clock: Clock }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const days = clock.daysLeft === null ? '' : clock.daysLeft < 0
    ? t('casework.daysOver', { count: -clock.daysLeft }) : t('casework.daysLeft', { count: clock.daysLeft });
  return (
    <span className={`ww-clock ww-clock--${clock.state}`}>
      {clock.doneOn ? t('casework.doneOn', { date: fmt.date(clock.doneOn) }) : t('casework.dueOn', { date: fmt.date(clock.dueOn) })}
      {' — '}<strong>{fmt.status('clock', clock.state)}</strong>{days && ` (${days})`}
    </span>
  );
}
