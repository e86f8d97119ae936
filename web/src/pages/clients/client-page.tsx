import { ClientIndications } from './client-indications.tsx';
import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { api, ApiError } from '../../api.ts';
import { TextareaField, useFormErrors } from '../../components/form.tsx';
import { EmailLink, PhoneLink } from '../../components/contact-details.tsx';
import { formatAddress } from '../../format.ts';
import { AppLink, Loading, PageTitle } from '../../components/page.tsx';
import { useFormat, useProblemText, useT } from '../../i18n.tsx';
import type { ClientFile } from '../../../../src/modules/intake/schemas.ts';
import type { Client } from '../../types.ts';
import { ClientTimeline } from '../intake/client-timeline.tsx';
import { ClientRecordSections } from './client-record-sections.tsx';

type Load = { kind: 'loading' } | { kind: 'ok'; file: ClientFile } | { kind: 'denied'; breakGlass: boolean } | { kind: 'error'; err: unknown };

/** Break-the-glass grants of this tab, so the banner stays while the grant lasts (the API does not repeat it). */
const grantKey = (id: string) => `wegwijs.breakGlass.${id}`;
function grantOf(id: string): string | null {
  const until = sessionStorage.getItem(grantKey(id));
  return until && new Date(until) > new Date() ? until : null;
}

/**
 * One client. The page loads in one call (one look, one audit row); without a relation the API
 * answers 403 client_access_denied, and break-the-glass opens it, logged and reviewed.
 */
export function ClientPage() {
  const { id = '' } = useParams();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [grant, setGrant] = useState<string | null>(() => grantOf(id));

  const fetchClient = useCallback(async () => {
    try {
      setLoad({ kind: 'ok', file: await api.get<ClientFile>(`/api/v1/clients/${encodeURIComponent(id)}/file`) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) setLoad({ kind: 'denied', breakGlass: err.code === 'client_access_denied' });
      else setLoad({ kind: 'error', err });
    }
  }, [id]);
  useEffect(() => {
    setGrant(grantOf(id));
    void fetchClient();
  }, [id, fetchClient]);

  if (load.kind === 'loading') return <Loading />;
  if (load.kind === 'error') return <LoadError err={load.err} />;
  if (load.kind === 'denied') {
    return <NoAccess clientId={id} breakGlass={load.breakGlass} onOpened={(until) => {
      sessionStorage.setItem(grantKey(id), until);
      setGrant(until);
      void fetchClient();
    }} />;
  }
  return <ClientView file={load.file} breakGlassUntil={grant} onSaved={(client) => setLoad({ kind: 'ok', file: { ...load.file, client } })} onChanged={() => void fetchClient()} />;
}

function LoadError({ err }: { err: unknown }) {
  const t = useT();
  const { forError } = useProblemText();
  const notFound = err instanceof ApiError && (err.status === 404 || err.status === 400);
  return (
    <>
      <PageTitle title={notFound ? t('clients.notFound') : t('clients.loadError')} />
      <Paragraph>{notFound ? t('clients.notFoundText') : forError(err)}</Paragraph>
    </>
  );
}

function ClientView({ file, breakGlassUntil, onSaved, onChanged }: { file: ClientFile; breakGlassUntil: string | null; onSaved: (c: Client) => void; onChanged: () => void }) {
  const c = file.client;
  const t = useT();
  const fmt = useFormat();
  const address = c.address ? formatAddress(c.address, t('labels.houseNumberWord')) : c.noFixedAddress ? t('clients.noFixedAddress') : '';
  const rows: [string, ReactNode][] = [
    [t('clients.field.name'), c.displayName],
    [t('clients.field.birthDate'), fmt.date(c.birthDate)],
    [t('clients.field.bsn'), c.bsnMasked ?? ''],
    [t('clients.field.address'), address],
    [t('clients.field.contactPoint'), c.contactPoint ?? ''],
    [t('clients.field.phone'), c.phone ? <PhoneLink key="phone" phone={c.phone} /> : ''],
    [t('clients.field.email'), c.email ? <EmailLink key="email" email={c.email} /> : ''],
    [t('clients.field.team'), c.proposedTeam ? `${c.proposedTeam.name} (${c.proposedTeam.districtName})` : ''],
  ];
  return (
    <>
      {breakGlassUntil && (
        <Alert type="warning" className="ww-banner">
          <Heading level={2} appearance="utrecht-heading-4">{t('clients.breakGlassBanner.title')}</Heading>
          <Paragraph>{t('clients.breakGlassBanner.text', { until: fmt.dateTime(breakGlassUntil) })}</Paragraph>
        </Alert>
      )}
      <PageTitle title={c.displayName} />
      {c.safetySignal && <Alert type="warning"><Paragraph>{t('clients.safetySignal')}</Paragraph></Alert>}
      <ClientRecordSections client={c} consents={file.consents} merges={file.merges} onSaved={onSaved} onChanged={onChanged}>
        <dl className="ww-dl">
          {rows.filter(([, v]) => v).map(([k, v]) => (
            <div key={k} className="ww-dl-row"><dt>{k}</dt><dd>{v}</dd></div>
          ))}
        </dl>
      </ClientRecordSections>
      <Paragraph><AppLink to={`/clienten/${c.id}/partnerverwijzing`}>{t('network.referral.link')}</AppLink></Paragraph>
      <ClientIndications clientId={c.id} />
      <ClientTimeline clientId={c.id} clientName={c.displayName} initial={file.timeline} />
    </>
  );
}

function NoAccess({ clientId, breakGlass, onOpened }: { clientId: string; breakGlass: boolean; onOpened: (until: string) => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const labels = useMemo(() => ({ reason: t('clients.breakGlass.reason') }), [t]);
  const form = useFormErrors('break-glass', labels);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 10) return form.fail({ reason: t('clients.breakGlass.reasonTooShort') });
    await form.run(async () => {
      const r = await api.post<{ id: string; expiresAt: string }>(`/api/v1/clients/${encodeURIComponent(clientId)}/break-glass`, { reason: reason.trim() });
      onOpened(r.expiresAt);
    });
  }
  return (
    <>
      <PageTitle title={t('clients.noAccess.title')} />
      <Paragraph>{t('clients.noAccess.text')}</Paragraph>
      {breakGlass && (
        <section aria-labelledby="break-glass-title" className="ww-box">
          <Heading level={2} id="break-glass-title">{t('clients.breakGlass.title')}</Heading>
          <Paragraph>{t('clients.breakGlass.intro')}</Paragraph>
          {form.summary}
          <form onSubmit={submit} noValidate className="ww-form">
            <TextareaField {...form.field('reason')} value={reason} onChange={setReason} rows={3} description={t('clients.breakGlass.reasonHelp')} required />
            <Button type="submit" appearance="primary-action-button" hint="warning" busy={form.busy} disabled={form.busy}>{t('clients.breakGlass.submit')}</Button>
          </form>
        </section>
      )}
    </>
  );
}
