import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { TextField, useFormErrors } from '../../components/form.tsx';
import { Loading, PageTitle, TableScroll } from '../../components/page.tsx';
import { useProblemText, useT } from '../../i18n.tsx';
import { useData } from '../admin/use-data.ts';
import type { Json } from '../../types.ts';
import type { ApiClient as ApiClientRow, ApiClientWithSecret, Practice as PracticeRow } from '../../../../src/modules/practices/schemas.ts';

type Practice = Json<PracticeRow>;
type ApiClient = Json<ApiClientRow>;
type Secret = Pick<ApiClientWithSecret, 'clientId' | 'clientSecret'>;

const day = (iso: string) => new Date(iso).toLocaleDateString('nl-NL');

/** Functioneel beheer: GP practices that refer over FHIR, and their API clients (docs/fhir.md). */
export function PracticesPage() {
  const t = useT();
  const { forError } = useProblemText();
  const practices = useData<Practice[]>('/api/v1/practices');
  const [selected, setSelected] = useState<Practice | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <PageTitle title={t('practices.title')} />
      <Paragraph>{t('practices.intro')}</Paragraph>
      <div role="status">{notice && <Alert type="ok"><Paragraph>{notice}</Paragraph></Alert>}</div>
      {practices.error ? <Alert type="error"><Paragraph>{forError(practices.error)}</Paragraph></Alert> : null}
      {!practices.data ? <Loading /> : (
        <TableScroll label={t('practices.title')}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('practices.name')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('practices.agbCode')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('practices.active')}</TableHeaderCell>
                <TableHeaderCell scope="col"><span className="ww-visually-hidden">{t('common.actions')}</span></TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {practices.data.map((p) => (
                <TableRow key={p.id}>
                  <TableCell>{p.name}</TableCell>
                  <TableCell>{p.agbCode}</TableCell>
                  <TableCell>{p.active ? t('common.yes') : t('common.no')}</TableCell>
                  <TableCell>
                    <Button type="button" appearance="subtle-button" onClick={() => { setSelected(p); setNotice(null); }}
                      aria-label={t('practices.manageClientsLabel', { name: p.name })}>{t('practices.manageClients')}</Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
      {selected && <ApiClients key={selected.id} practice={selected} />}
      <NewPractice onCreated={(p) => { setNotice(t('practices.created', { name: p.name })); practices.reload(); setSelected(p); }} />
    </>
  );
}

function NewPractice({ onCreated }: { onCreated: (p: Practice) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [agbCode, setAgbCode] = useState('');
  const labels = useMemo(() => ({ name: t('practices.name'), agbCode: t('practices.agbCode') }), [t]);
  const form = useFormErrors('practice', labels);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (name.trim().length < 2) errs.name = t('practices.nameRequired');
    if (!/^\d{8}$/.test(agbCode.trim())) errs.agbCode = t('practices.agbRule');
    if (Object.keys(errs).length) return form.fail(errs);
    await form.run(async () => {
      onCreated(await api.post<Practice>('/api/v1/practices', { name: name.trim(), agbCode: agbCode.trim() }));
      setName('');
      setAgbCode('');
    });
  }

  return (
    <section aria-labelledby="practice-new-title">
      <Heading level={2} id="practice-new-title">{t('practices.newTitle')}</Heading>
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <TextField {...form.field('name')} value={name} onChange={setName} required />
        <TextField {...form.field('agbCode')} value={agbCode} onChange={setAgbCode} inputMode="numeric" maxLength={8} description={t('practices.agbRule')} required />
        <div className="ww-actions"><Button type="submit" appearance="primary-action-button">{t('practices.create')}</Button></div>
      </form>
    </section>
  );
}

function ApiClients({ practice }: { practice: Practice }) {
  const t = useT();
  const { forError } = useProblemText();
  const clients = useData<ApiClient[]>(`/api/v1/practices/${practice.id}/api-clients`);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const form = useFormErrors('api-client', useMemo(() => ({ name: t('practices.clientName') }), [t]));
  const base = `/api/v1/practices/${practice.id}/api-clients`;

  const act = async (fn: () => Promise<Secret | ApiClient>) => {
    setError(null);
    try {
      const res = await fn();
      setSecret('clientSecret' in res ? res : null);
      clients.reload();
    } catch (err) {
      setError(forError(err));
    }
  };
  async function create(e: FormEvent) {
    e.preventDefault();
    if (name.trim().length < 2) return form.fail({ name: t('practices.nameRequired') });
    await act(() => api.post<Secret>(base, { name: name.trim() }));
    setName('');
  }

  return (
    <section aria-labelledby="api-clients-title">
      <Heading level={2} id="api-clients-title">{t('practices.clientsTitle', { name: practice.name })}</Heading>
      <div role="status">
        {secret && (
          <Alert type="warning">
            <Paragraph><strong>{t('practices.secretOnce')}</strong></Paragraph>
            <Paragraph>{t('practices.clientId')}: <code>{secret.clientId}</code><br />{t('practices.clientSecret')}: <code>{secret.clientSecret}</code></Paragraph>
          </Alert>
        )}
      </div>
      {error && <Alert type="error"><Paragraph>{error}</Paragraph></Alert>}
      {!clients.data ? <Loading /> : clients.data.length === 0 ? <Paragraph>{t('practices.noClients')}</Paragraph> : (
        <TableScroll label={t('practices.clientsTitle', { name: practice.name })}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('practices.clientName')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('practices.clientId')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('practices.scopes')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('practices.secretSince')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('practices.status')}</TableHeaderCell>
                <TableHeaderCell scope="col"><span className="ww-visually-hidden">{t('common.actions')}</span></TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {clients.data.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>{c.name}</TableCell>
                  <TableCell><code>{c.clientId}</code></TableCell>
                  <TableCell>{c.scopes.join(' ')}</TableCell>
                  <TableCell>{day(c.secretRotatedAt)}</TableCell>
                  <TableCell>{c.revokedAt ? t('practices.revokedOn', { date: day(c.revokedAt) }) : t('practices.activeClient')}</TableCell>
                  <TableCell>
                    {!c.revokedAt && (
                      <span className="ww-actions">
                        <Button type="button" appearance="secondary-action-button" aria-label={t('practices.rotateLabel', { name: c.name })}
                          onClick={() => window.confirm(t('practices.rotateConfirm')) && act(() => api.post<Secret>(`${base}/${c.id}/secret`))}>{t('practices.rotate')}</Button>
                        <Button type="button" appearance="subtle-button" aria-label={t('practices.revokeLabel', { name: c.name })}
                          onClick={() => window.confirm(t('practices.revokeConfirm')) && act(() => api.post<ApiClient>(`${base}/${c.id}/revoke`))}>{t('practices.revoke')}</Button>
                      </span>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
      <Heading level={3}>{t('practices.newClientTitle')}</Heading>
      {form.summary}
      <form onSubmit={create} noValidate className="ww-form">
        <TextField {...form.field('name')} value={name} onChange={setName} description={t('practices.clientNameHelp')} required />
        <div className="ww-actions"><Button type="submit" appearance="primary-action-button">{t('practices.createClient')}</Button></div>
      </form>
    </section>
  );
}
