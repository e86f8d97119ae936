import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { Loading, PageTitle, TableScroll } from '../../components/page.tsx';
import { useFormat, useProblemText, useT } from '../../i18n.tsx';
import { useUser } from '../../session.tsx';
import type { AuditEvent, AuditVerification, User } from '../../types.ts';

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Filter = { clientId: string; userId: string; outcome: string };

/** Auditlog (NEN 7513): who did what with which client, newest first; and the check of the hash chain. */
export function AuditLogPage() {
  const t = useT();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const me = useUser();
  const [draft, setDraft] = useState<Filter>({ clientId: '', userId: '', outcome: '' });
  const [filter, setFilter] = useState<Filter>(draft);
  // Cursors of the pages seen so far: [undefined (newest), before-id of page 2, …].
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [rows, setRows] = useState<AuditEvent[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [users, setUsers] = useState<User[] | null>(null);
  const labels = useMemo(() => ({ clientId: t('audit.filter.clientId'), userId: t('audit.filter.user'), outcome: t('audit.filter.outcome') }), [t]);
  const form = useFormErrors('audit-filter', labels);
  const before = cursors[cursors.length - 1];

  useEffect(() => {
    // Only functioneel beheer may list users; others filter by user id.
    if (me.roles.includes('admin')) api.get<User[]>('/api/v1/users').then(setUsers, () => setUsers(null));
  }, [me.roles]);

  useEffect(() => {
    let live = true;
    setRows(null);
    api.get<AuditEvent[]>('/api/v1/audit-events', { query: { ...filter, before, limit: PAGE_SIZE } })
      .then((r) => { if (live) { setRows(r); setLoadError(null); } }, (e: unknown) => { if (live) setLoadError(e); });
    return () => { live = false; };
  }, [filter, before]);

  function applyFilter(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (draft.clientId && !UUID.test(draft.clientId.trim())) errs.clientId = t('audit.filter.uuidFormat');
    if (draft.userId && !UUID.test(draft.userId.trim())) errs.userId = t('audit.filter.uuidFormat');
    if (Object.keys(errs).length) return form.fail(errs);
    form.reset();
    setFilter({ clientId: draft.clientId.trim(), userId: draft.userId.trim(), outcome: draft.outcome });
    setCursors([undefined]);
  }

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
          <TextField {...form.field('clientId')} value={draft.clientId} onChange={(v) => setDraft({ ...draft, clientId: v })} spellCheck={false} />
          {users
            ? <SelectField {...form.field('userId')} value={draft.userId} onChange={(v) => setDraft({ ...draft, userId: v })} emptyLabel={t('audit.filter.all')}
                options={users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))} />
            : <TextField {...form.field('userId')} value={draft.userId} onChange={(v) => setDraft({ ...draft, userId: v })} spellCheck={false} description={t('audit.filter.userIdHelp')} />}
          <SelectField {...form.field('outcome')} value={draft.outcome} onChange={(v) => setDraft({ ...draft, outcome: v })} emptyLabel={t('audit.filter.all')}
            options={['success', 'denied', 'error'].map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))} />
          <Button type="submit" appearance="secondary-action-button">{t('audit.filter.apply')}</Button>
        </form>
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
                    <TableCell><code>{r.action}</code>{r.breakGlassId && <strong className="ww-flag"> {t('audit.breakGlass')}</strong>}</TableCell>
                    <TableCell>{r.processingActivity}</TableCell>
                    <TableCell>{r.clientId ? <code className="ww-break">{r.clientId}</code> : ''}</TableCell>
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
