import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { Loading, PageTitle, TableScroll } from '../../components/page.tsx';
import { useFormat, useProblemText, useT } from '../../i18n.tsx';
import type { AuditActor, AuditEvent, AuditVerification } from '../../types.ts';
import { useData } from './use-data.ts';

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
type Filter = { clientId: string; userId: string; action: string; from: string; to: string; outcome: string };
const EMPTY: Filter = { clientId: '', userId: '', action: '', from: '', to: '', outcome: '' };
/** Kinds of action to filter on: the start of the action code (the server matches the start). */
const ACTION_GROUPS = ['client.', 'client.break_glass', 'consent.', 'contact.', 'referral.', 'trajectory.', 'household.', 'safety_record.', 'wmo.', 'indication',
  'iwmo.', 'network', 'portal', 'fhir.', 'figures.', 'council_report.', 'survey', 'budget', 'session.', 'user.', 'audit.', 'break_glass.'];
/** The filter as query parameters, without the empty ones (also for the CSV link). */
const queryOf = (f: Filter) => Object.fromEntries(Object.entries(f).filter(([, v]) => v));

/**
 * Auditlog (NEN 7513): who did what with which client, newest first; filters by person, user,
 * kind of action and period; CSV export; and the check of the hash chain. The privacy officer
 * sees client names (the server decides, see docs/security.md); others see ids.
 */
export function AuditLogPage() {
  const t = useT();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(draft);
  // The name that goes with the person filter, when it was set from a row.
  const [personName, setPersonName] = useState<string | null>(null);
  // Cursors of the pages seen so far: [undefined (newest), before-id of page 2, …].
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [rows, setRows] = useState<AuditEvent[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const actors = useData<AuditActor[]>('/api/v1/audit-actors');
  const labels = useMemo(() => ({
    clientId: t('audit.filter.clientId'), userId: t('audit.filter.user'), action: t('audit.filter.action'),
    from: t('audit.filter.from'), to: t('audit.filter.to'), outcome: t('audit.filter.outcome'),
  }), [t]);
  const form = useFormErrors('audit-filter', labels);
  const before = cursors[cursors.length - 1];

  useEffect(() => {
    let live = true;
    setRows(null);
    api.get<AuditEvent[]>('/api/v1/audit-events', { query: { ...queryOf(filter), before, limit: PAGE_SIZE } })
      .then((r) => { if (live) { setRows(r); setLoadError(null); } }, (e: unknown) => { if (live) setLoadError(e); });
    return () => { live = false; };
  }, [filter, before]);

  function apply(next: Filter) {
    setFilter(next);
    setCursors([undefined]);
  }
  function applyFilter(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (draft.clientId && !UUID.test(draft.clientId.trim())) errs.clientId = t('audit.filter.uuidFormat');
    if (draft.from && !DAY.test(draft.from)) errs.from = t('audit.filter.dateFormat');
    if (draft.to && !DAY.test(draft.to)) errs.to = t('audit.filter.dateFormat');
    if (!errs.from && !errs.to && draft.from && draft.to && draft.to < draft.from) errs.to = t('audit.filter.toBeforeFrom');
    if (Object.keys(errs).length) return form.fail(errs);
    form.reset();
    if (draft.clientId.trim() !== filter.clientId) setPersonName(null);
    apply({ ...draft, clientId: draft.clientId.trim() });
  }
  function onlyThisPerson(r: AuditEvent) {
    const next = { ...filter, clientId: r.clientId ?? '' };
    setDraft(next);
    setPersonName(r.clientName);
    apply(next);
  }
  function clearFilter() {
    setDraft(EMPTY);
    setPersonName(null);
    form.reset();
    apply(EMPTY);
  }

  const csvHref = `/api/v1/audit-events.csv?${new URLSearchParams(queryOf(filter))}`;
  const pageNumber = cursors.length;
  return (
    <>
      <PageTitle title={t('audit.title')} />
      <Paragraph>{t('audit.intro')}</Paragraph>
      <ChainCheck />
      <section aria-labelledby="audit-filter-title">
        <Heading level={2} id="audit-filter-title">{t('audit.filter.title')}</Heading>
        {form.summary}
        <form onSubmit={applyFilter} noValidate className="ww-form ww-filter-form">
          <TextField {...form.field('clientId')} value={draft.clientId} onChange={(v) => setDraft({ ...draft, clientId: v })} spellCheck={false}
            description={personName && draft.clientId === filter.clientId ? personName : t('audit.filter.clientIdHelp')} />
          <SelectField {...form.field('userId')} value={draft.userId} onChange={(v) => setDraft({ ...draft, userId: v })} emptyLabel={t('audit.filter.all')}
            options={(actors.data ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.username})${u.active ? '' : ` – ${t('audit.filter.inactive')}`}` }))} />
          <SelectField {...form.field('action')} value={draft.action} onChange={(v) => setDraft({ ...draft, action: v })} emptyLabel={t('audit.filter.all')}
            options={ACTION_GROUPS.map((g) => ({ value: g, label: t(`audit.actionGroup.${g.replace(/\.$/, '').replace('.', '_')}`) }))} />
          <TextField {...form.field('from')} type="date" value={draft.from} onChange={(v) => setDraft({ ...draft, from: v })} />
          <TextField {...form.field('to')} type="date" value={draft.to} onChange={(v) => setDraft({ ...draft, to: v })} />
          <SelectField {...form.field('outcome')} value={draft.outcome} onChange={(v) => setDraft({ ...draft, outcome: v })} emptyLabel={t('audit.filter.all')}
            options={['success', 'denied', 'error'].map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))} />
          <Button type="submit" appearance="secondary-action-button">{t('audit.filter.apply')}</Button>
        </form>
        <div className="ww-actions">
          <Button type="button" appearance="subtle-button" onClick={clearFilter}>{t('audit.filter.clear')}</Button>
          <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={csvHref} download>{t('audit.export')}</a>
        </div>
      </section>
      <section aria-labelledby="audit-events-title">
        <Heading level={2} id="audit-events-title">{t('audit.eventsTitle', { page: pageNumber })}</Heading>
        {loadError ? <Alert type="error"><Paragraph>{forError(loadError)}</Paragraph></Alert> : null}
        {!rows ? (loadError ? null : <Loading />) : rows.length === 0 ? <Paragraph>{t('audit.none')}</Paragraph> : (
          <TableScroll label={t('audit.eventsTitle', { page: pageNumber })}>
            <Table className="ww-audit-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('audit.col.id')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('audit.col.at')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('audit.col.who')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('audit.col.action')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('audit.col.activity')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('audit.col.client')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('audit.col.outcome')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell>{r.id}</TableCell>
                    <TableCell>{fmt.dateTime(r.at)}</TableCell>
                    <TableCell>
                      {r.actorName ?? '–'}
                      {r.actorRoles.length > 0 && <span className="ww-muted"> ({r.actorRoles.map((x) => t(`common.roles.${x}`)).join(', ')})</span>}
                      {r.onBehalfOf && <span className="ww-muted"> {t('audit.onBehalfOf', { name: r.onBehalfOf })}</span>}
                    </TableCell>
                    <TableCell>{fmt.auditAction(r.action)}{r.breakGlassId && <strong className="ww-flag"> {t('audit.breakGlass')}</strong>}</TableCell>
                    <TableCell>{fmt.activity(r.processingActivity)}</TableCell>
                    <TableCell>
                      {r.clientId && (
                        <>
                          {r.clientName ? <span className="ww-client-name">{r.clientName}</span> : <code className="ww-break">{r.clientId}</code>}
                          {filter.clientId !== r.clientId && (
                            <Button type="button" appearance="subtle-button" onClick={() => onlyThisPerson(r)}
                              aria-label={t('audit.onlyPersonFor', { name: r.clientName ?? r.clientId })}>{t('audit.onlyPerson')}</Button>
                          )}
                        </>
                      )}
                    </TableCell>
                    <TableCell>{t(`audit.outcome.${r.outcome}`)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>
        )}
        <nav aria-label={t('audit.paging')} className="ww-actions">
          <Button type="button" appearance="secondary-action-button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            {t('audit.newer')}
          </Button>
          <Button type="button" appearance="secondary-action-button" disabled={!rows || rows.length < PAGE_SIZE}
            onClick={() => rows && setCursors([...cursors, rows[rows.length - 1]!.id])}>
            {t('audit.older')}
          </Button>
        </nav>
      </section>
    </>
  );
}

function ChainCheck() {
  const t = useT();
  const { forError } = useProblemText();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ type: 'ok' | 'error'; text: string } | null>(null);
  async function verify() {
    setBusy(true);
    setResult(null);
    try {
      const r = await api.post<AuditVerification>('/api/v1/audit-verifications');
      setResult(r.ok
        ? { type: 'ok', text: t('audit.verify.ok', { checked: r.checked }) }
        : { type: 'error', text: t('audit.verify.broken', { checked: r.checked, id: r.firstBrokenId ?? '?' }) + (r.problem ? ` (${r.problem})` : '') });
    } catch (err) {
      setResult({ type: 'error', text: forError(err) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="verify-title" className="ww-box">
      <Heading level={2} id="verify-title">{t('audit.verify.title')}</Heading>
      <Paragraph>{t('audit.verify.intro')}</Paragraph>
      <Button type="button" appearance="primary-action-button" onClick={() => void verify()} busy={busy} disabled={busy}>{t('audit.verify.button')}</Button>
      <div role="status" className="ww-status">{result && <Alert type={result.type}><Paragraph>{result.text}</Paragraph></Alert>}</div>
    </section>
  );
}
