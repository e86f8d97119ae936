import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useCallback, useEffect, useState } from 'react';
import type { Caseload, CaseloadItem, CaseloadOverview } from '../../../../src/modules/casework/schemas.ts';
import type { ReferralView, TeamProfessional } from '../../../../src/modules/referrals/schemas.ts';
import { api } from '../../api.ts';
import { SelectField } from '../../components/form.tsx';
import { AppLink, Loading, PageTitle, TableScroll } from '../../components/page.tsx';
import { useFormat, useI18n, useProblemText } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';

type Clock = CaseloadItem['clocks']['plan'];
const PAGE = 50;

/**
 * Caseloads (issue 16). "Mijn cases": my open trajectories, my team's, or the team's referrals no
 * one has been assigned yet. "Teamoverzicht" (the team lead): per professional the cases by clock
 * state, plans overdue, over twelve months, the waiting list, and the team's cases with a hand-over.
 * Lists come a page at a time; a clock's state is told in words as well as colour.
 */
export function CaseloadPage({ scope }: { scope: 'mine' | 'team' }) {
  const { t } = useI18n();
  const { state } = useSession();
  const teams = state.status === 'active' ? state.session.user.teams.filter((x) => x.kind === 'neighbourhood_team') : [];
  const [teamId, setTeamId] = useState(teams[0]?.id ?? '');
  const [view, setView] = useState<'mine' | 'team' | 'unassigned'>('mine');
  const title = t(scope === 'mine' ? 'casework.mine.title' : 'casework.team.title');
  const teamSelect = teams.length > 1 && (scope === 'team' || view !== 'mine')
    && <SelectField id="caseload-team" label={t('casework.team.team')} value={teamId} onChange={setTeamId} options={teams.map((x) => ({ value: x.id, label: x.name }))} />;

  if (scope === 'team') {
    if (!teamId) return <><PageTitle title={title} /><Paragraph>{t('casework.noTeam')}</Paragraph></>;
    return <><PageTitle title={title} /><div className="ww-form">{teamSelect}</div><TeamOverview key={teamId} teamId={teamId} /></>;
  }
  return (
    <>
      <PageTitle title={title} />
      <div className="ww-form">
        {teams.length > 0 && <SelectField id="caseload-view" label={t('casework.view.label')} value={view} onChange={(v) => setView(v as typeof view)}
          options={(['mine', 'team', 'unassigned'] as const).map((v) => ({ value: v, label: t(`casework.view.${v}`) }))} />}
        {teamSelect}
      </div>
      {view === 'mine' && <CaseloadList url="/api/v1/caseload" />}
      {view === 'team' && teamId && <CaseloadList key={teamId} url={`/api/v1/teams/${teamId}/caseload`} showProfessional />}
      {view === 'unassigned' && teamId && <UnassignedReferrals key={teamId} teamId={teamId} />}
    </>
  );
}

/** One list of open trajectories: filter by clock state, order, pages appended with "Meer laden". */
function CaseloadList({ url, showProfessional = false, professionals, focusOptions = false }: {
  url: string; showProfessional?: boolean; professionals?: TeamProfessional[]; focusOptions?: boolean;
}) {
  const { t } = useI18n();
  const { forError } = useProblemText();
  const fmt = useFormat();
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState('urgency');
  const [focus, setFocus] = useState('');
  const [professional, setProfessional] = useState('');
  const [data, setData] = useState<Caseload | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const fetchPage = useCallback((cursor?: string) => api.get<Caseload>(url, { query: {
    state: filter, sort, focus, professionalUserId: professional, cursor, limit: PAGE } }), [url, filter, sort, focus, professional]);
  const load = useCallback(async () => {
    try {
      setError(null);
      setData(await fetchPage());
    } catch (err) {
      setError(forError(err));
    }
  }, [fetchPage, forError]);
  useEffect(() => { void load(); }, [load]);
  const more = async () => {
    if (!data?.nextCursor) return;
    try {
      const next = await fetchPage(data.nextCursor);
      setData({ ...next, items: [...data.items, ...next.items] });
    } catch (err) {
      setError(forError(err));
    }
  };

  const count = data ? (filter ? data.counts[filter === 'on_time' ? 'onTime' : filter === 'at_risk' ? 'atRisk' : 'overdue'] : data.counts.open) : 0;
  return (
    <section aria-labelledby="caseload-list">
      {message && <Alert type="ok"><Paragraph role="status">{message}</Paragraph></Alert>}
      {error && <Alert type="error"><Paragraph>{error}</Paragraph></Alert>}
      <div className="ww-form">
        <SelectField id="caseload-filter" label={t('casework.filter')} value={filter} onChange={setFilter} emptyLabel={t('casework.filterAll')}
          options={['overdue', 'at_risk', 'on_time'].map((s) => ({ value: s, label: fmt.status('clock', s) }))} />
        <SelectField id="caseload-sort" label={t('casework.sort.label')} value={sort} onChange={setSort}
          options={['urgency', 'oldest', 'newest'].map((s) => ({ value: s, label: t(`casework.sort.${s}`) }))} />
        {focusOptions && <SelectField id="caseload-focus" label={t('casework.overview.focus')} value={focus} onChange={setFocus} emptyLabel={t('casework.overview.focusAll')}
          options={['plan_overdue', 'over_max_duration', 'waiting'].map((f) => ({ value: f, label: t(`casework.overview.focus_${f}`) }))} />}
        {professionals && <SelectField id="caseload-professional" label={t('casework.professionalFilter')} value={professional} onChange={setProfessional}
          emptyLabel={t('casework.allProfessionals')} options={professionals.map((p) => ({ value: p.id, label: p.displayName }))} />}
      </div>
      <Heading level={2} id="caseload-list">{t('casework.list', { count })}</Heading>
      {data && (
        <Paragraph>
          {([['onTime', 'on_time', 'casework.colx.onTime'], ['atRisk', 'at_risk', 'casework.col.atRisk'], ['overdue', 'overdue', 'casework.col.overdue']] as const)
            .map(([k, state, label], n) => <span key={k}>{n > 0 && ' · '}<span className={`ww-clock ww-clock--${state}`}>{t(label)}: <strong>{data.counts[k]}</strong></span></span>)}
        </Paragraph>
      )}
      {!data ? (error ? null : <Loading />) : data.items.length === 0 ? <Paragraph>{t('casework.empty')}</Paragraph> : (
        <>
          <TableScroll label={t('casework.list', { count })}>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('casework.col.client')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('casework.col.status')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('casework.col.plan')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('casework.col.evaluation')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('casework.col.end')}</TableHeaderCell>
                  {showProfessional && <TableHeaderCell scope="col">{t('casework.col.professional')}</TableHeaderCell>}
                  {professionals && <TableHeaderCell scope="col">{t('casework.colx.reassign')}</TableHeaderCell>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((i) => (
                  <TableRow key={i.id}>
                    <TableHeaderCell scope="row"><AppLink to={`/trajecten/${i.id}`}>{i.clientName}</AppLink></TableHeaderCell>
                    <TableCell>{fmt.status('trajectory', i.status)}{i.waitingDays !== null && <><br />{t('casework.waitingDays', { count: i.waitingDays })}</>}</TableCell>
                    <TableCell><ClockText clock={i.clocks.plan} /></TableCell>
                    <TableCell>{i.clocks.nextEvaluation ? <ClockText clock={i.clocks.nextEvaluation} /> : '–'}</TableCell>
                    <TableCell>{i.clocks.end ? <ClockText clock={i.clocks.end} /> : '–'}</TableCell>
                    {showProfessional && <TableCell>{i.professionalName ?? t('casework.unassigned')}</TableCell>}
                    {professionals && <TableCell><ReassignForm item={i} professionals={professionals}
                      onDone={(name) => { setMessage(t('casework.reassign.done', { client: i.clientName, name })); void load(); }} /></TableCell>}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>
          {data.nextCursor && <Button appearance="secondary-action-button" onClick={() => void more()}>{t('casework.more')}</Button>}
        </>
      )}
    </section>
  );
}

/** The team lead hands a case to another professional of the team (If-Match: the row's version). */
function ReassignForm({ item, professionals, onDone }: { item: CaseloadItem; professionals: TeamProfessional[]; onDone: (name: string) => void }) {
  const { t } = useI18n();
  const { forError } = useProblemText();
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!to) return setError(t('casework.reassign.chooseProfessional'));
    setBusy(true);
    try {
      const done = await api.post<{ professionalName: string | null }>(`/api/v1/trajectories/${item.id}/reassign`, { professionalUserId: to }, { version: item.version });
      onDone(done.professionalName ?? '');
    } catch (err) {
      setError(forError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="ww-inline-form">
      <SelectField id={`reassign-${item.id}`} label={t('casework.reassign.label')} value={to} onChange={setTo} emptyLabel={t('casework.reassign.choose')} error={error ?? undefined}
        options={professionals.filter((p) => p.id !== item.professionalUserId).map((p) => ({ value: p.id, label: p.displayName }))} />
      <Button appearance="secondary-action-button" busy={busy} disabled={busy} onClick={() => void submit()}>{t('casework.reassign.submit')}</Button>
    </div>
  );
}

/**
 * The team's referrals no one has accepted yet; every card links to the client. The heading counts the
 * whole list as the API does (X-Total-Count), not the cards loaded so far.
 */
function UnassignedReferrals({ teamId }: { teamId: string }) {
  const { t } = useI18n();
  const { forError } = useProblemText();
  const fmt = useFormat();
  const [list, setList] = useState<ReferralView[] | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fetchPage = useCallback(async (after?: string) => {
    const page = await api.get<ReferralView[]>(`/api/v1/teams/${teamId}/referrals`, { query: { status: 'open', after, limit: PAGE },
      onHeaders: (h) => { const n = Number(h.get('x-total-count')); if (h.has('x-total-count') && Number.isInteger(n)) setTotal(n); } });
    setHasMore(page.length === PAGE);
    return page;
  }, [teamId]);
  useEffect(() => { fetchPage().then(setList, (err) => setError(forError(err))); }, [fetchPage, forError]);
  const more = async () => {
    try {
      const next = await fetchPage(list?.at(-1)?.id);
      setList([...(list ?? []), ...next]);
    } catch (err) {
      setError(forError(err));
    }
  };
  const today = new Date();
  return (
    <section aria-labelledby="unassigned-list">
      {error && <Alert type="error"><Paragraph>{error}</Paragraph></Alert>}
      {/* No number until the list is in: a "(0)" while loading would be read as "none waiting". */}
      <Heading level={2} id="unassigned-list">{list ? t('casework.unassignedList', { count: total ?? list.length }) : t('casework.unassignedTitle')}</Heading>
      {!list ? (error ? null : <Loading />) : list.length === 0 ? <Paragraph>{t('casework.unassignedEmpty')}</Paragraph> : (
        <>
          <ul className="ww-cards" aria-labelledby="unassigned-list">
            {list.map((r) => (
              <li key={r.id} className="ww-box ww-card">
                <Heading level={3} appearance="utrecht-heading-5"><AppLink to={`/clienten/${r.clientId}`}>{r.clientName}</AppLink> · {t(`referrals.urgency.${r.urgency}`)}</Heading>
                <Paragraph>“{r.reason}”</Paragraph>
                <Paragraph>{t('casework.colx.received')}: {fmt.date(r.createdAt)} · {t('casework.waitingDays', { count: Math.max(0, Math.floor((today.getTime() - Date.parse(r.createdAt)) / 864e5)) })}</Paragraph>
                <AppLink to="/teaminbox">{t('casework.toInbox')}</AppLink>
              </li>
            ))}
          </ul>
          {hasMore && <Button appearance="secondary-action-button" onClick={() => void more()}>{t('casework.more')}</Button>}
        </>
      )}
    </section>
  );
}

/** The team lead's overview: counts per professional, the waiting list, and the team's cases with a hand-over. */
function TeamOverview({ teamId }: { teamId: string }) {
  const { t } = useI18n();
  const { forError } = useProblemText();
  const fmt = useFormat();
  const [data, setData] = useState<CaseloadOverview | null>(null);
  const [pros, setPros] = useState<TeamProfessional[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<CaseloadOverview>(`/api/v1/teams/${teamId}/caseload-overview`).then(setData, (err) => setError(forError(err)));
    api.get<TeamProfessional[]>(`/api/v1/teams/${teamId}/professionals`).then(setPros, () => setPros([]));
  }, [teamId, forError]);
  if (error) return <Alert type="error"><Paragraph>{error}</Paragraph></Alert>;
  if (!data) return <Loading />;
  const cols = ['open', 'onTime', 'atRisk', 'overdue', 'planOverdue', 'overMaxDuration', 'waiting'] as const;
  const colLabel = (c: (typeof cols)[number]) => (c === 'onTime' || c === 'overMaxDuration' || c === 'waiting' ? t(`casework.colx.${c}`) : t(`casework.col.${c}`));
  const colClass = (c: (typeof cols)[number]) => (c === 'onTime' ? 'ww-clock--on_time' : c === 'atRisk' ? 'ww-clock--at_risk' : c === 'overdue' ? 'ww-clock--overdue' : undefined);
  return (
    <>
      <section aria-labelledby="caseload-per-professional">
        <Heading level={2} id="caseload-per-professional">{t('casework.team.perProfessional')}</Heading>
        <TableScroll label={t('casework.team.perProfessional')}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('casework.col.professional')}</TableHeaderCell>
                {cols.map((c) => <TableHeaderCell key={c} scope="col">{colLabel(c)}</TableHeaderCell>)}
              </TableRow>
            </TableHeader>
            <TableBody>
              {[...data.byProfessional, { ...data.total, professionalUserId: 'total', professionalName: t('casework.overview.total') }].map((p) => (
                <TableRow key={p.professionalUserId ?? 'none'}>
                  <TableHeaderCell scope="row">{p.professionalName ?? t('casework.unassigned')}</TableHeaderCell>
                  {cols.map((c) => <TableCell key={c}><span className={colClass(c) && p[c] > 0 ? `ww-clock ${colClass(c)}` : undefined}>{p[c]}</span></TableCell>)}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      </section>
      <section aria-labelledby="caseload-waiting">
        <Heading level={2} id="caseload-waiting">{t('casework.overview.waiting')}</Heading>
        {data.waiting.items.length === 0 ? <Paragraph>{t('casework.overview.waitingEmpty')}</Paragraph> : (
          <>
            <Paragraph>{t('casework.overview.waitingCounts', { referred: data.waiting.referred, accepted: data.waiting.accepted, count: data.waiting.items.length })}</Paragraph>
            <TableScroll label={t('casework.overview.waiting')}>
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('casework.col.client')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('casework.colx.stage')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('casework.colx.received')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('casework.colx.waitingDays')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('casework.col.professional')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.waiting.items.map((w) => (
                    <TableRow key={w.id}>
                      <TableHeaderCell scope="row"><AppLink to={w.kind === 'trajectory' ? `/trajecten/${w.id}` : `/clienten/${w.clientId}`}>{w.clientName}</AppLink></TableHeaderCell>
                      <TableCell>{w.kind === 'referral' ? t('casework.overview.referred') : fmt.status('trajectory', w.status)}</TableCell>
                      <TableCell>{fmt.date(w.receivedOn)}</TableCell>
                      <TableCell>{w.waitingDays}</TableCell>
                      <TableCell>{w.professionalName ?? t('casework.unassigned')}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableScroll>
          </>
        )}
      </section>
      <CaseloadList url={`/api/v1/teams/${teamId}/caseload`} showProfessional professionals={pros} focusOptions />
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
