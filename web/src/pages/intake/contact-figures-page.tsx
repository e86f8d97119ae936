import { Button, Heading, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useMemo, useState } from 'react';
import { channelLabels, type Channel, contactOutcomeLabels, type ContactOutcome } from '../../../../src/modules/intake/contact-outcome.ts';
import { councilChannelLabels, type CouncilChannel } from '../../../../src/modules/monitor/council-channels.ts';
import { api } from '../../api.ts';
import { TextField, useFormErrors } from '../../components/form.tsx';
import { AppLink, PageTitle, TableScroll } from '../../components/page.tsx';
import { useFormat, useI18n } from '../../i18n.tsx';
import { useMay } from '../../session.tsx';
import { ServiceNormsTable } from '../monitor/service-norms-table.tsx';
import type { ServiceNormFigures } from '../../../../src/modules/monitor/schemas.ts';
import type { ContactFigures as Figures } from '../../../../src/modules/intake/schemas.ts';


const monthStart = () => `${new Date().toISOString().slice(0, 8)}01`;

/** Contacts per channel, desk and outcome in a period: counts only, with a bar per row. */
export function ContactFiguresPage() {
  const { t, lang } = useI18n();
  const fmt = useFormat();
  const [from, setFrom] = useState(monthStart);
  const [to, setTo] = useState(() => new Date().toISOString().slice(0, 10));
  const [council, setCouncil] = useState(true);
  const [f, setF] = useState<Figures | null>(null);
  const [norms, setNorms] = useState<ServiceNormFigures | null>(null);
  const may = useMay();
  const seesNorms = may('figures.service_norms');
  const seesDashboard = may('figures.dashboard');
  const labels = useMemo(() => ({ from: t('figures.from'), to: t('figures.to') }), [t]);
  const form = useFormErrors('figures', labels);
  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (from && to && to < from) return form.fail({ to: t('figures.toBeforeFrom') });
    await form.run(async () => {
      setF(await api.get<Figures>('/api/v1/figures/contacts', { query: { from, to, channels: council ? 'council' : 'wegwijs' } }));
      if (seesNorms) setNorms(await api.get<ServiceNormFigures>('/api/v1/figures/service-norms', { query: { from, to } }));
      form.reset();
    });
  }
  // Never a number below 5: the server sends null for those cells (src/modules/monitor/disclosure.ts).
  const shown = fmt.count;
  const table = (title: string, rows: { label: string; count: number | null }[], note?: string) => (
    <section aria-label={title}>
      <Heading level={2} appearance="utrecht-heading-3">{title}</Heading>
      <TableScroll label={title}>
        <Table>
          <TableHeader><TableRow><TableHeaderCell>{title}</TableHeaderCell><TableHeaderCell>{t('figures.count')}</TableHeaderCell><TableHeaderCell>{t('figures.share')}</TableHeaderCell></TableRow></TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.label}>
                <TableCell>{r.label}</TableCell><TableCell>{shown(r.count)}</TableCell>
                <TableCell><span className="ww-bar" style={{ display: 'inline-block', height: '0.8rem', background: '#1a5f9e', width: `${f?.total && r.count ? (100 * r.count) / f.total : 0}%`, minWidth: '2px' }} aria-hidden="true" /></TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableScroll>
      {note && <p className="utrecht-paragraph">{note}</p>}
    </section>
  );
  return (
    <>
      <PageTitle title={t('figures.title')} />
      {seesDashboard && <p className="utrecht-paragraph"><AppLink to="/dashboard">{t('dashboard.fromFigures')}</AppLink></p>}
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <TextField {...form.field('from')} type="date" value={from} onChange={setFrom} />
        <TextField {...form.field('to')} type="date" value={to} onChange={setTo} />
        <label className="ww-checkbox-row"><input type="checkbox" checked={council} onChange={(e) => setCouncil(e.target.checked)} /> {t('figures.councilChannels')}</label>
        <div className="ww-actions"><Button type="submit" appearance="primary-action-button">{t('figures.show')}</Button></div>
      </form>
      {f && (
        <>
          <p className="utrecht-paragraph" role="status">{t('figures.total', { total: shown(f.total), anonymous: shown(f.anonymous) })} {t('figures.disclosure', { min: f.disclosure.minCell, round: f.disclosure.roundTo })}</p>
          {table(t('figures.byChannel'), f.byChannel.map((r) => ({ label: (f.channels === 'council' ? councilChannelLabels[r.channel as CouncilChannel] : channelLabels[r.channel as Channel])?.[lang] ?? r.channel, count: r.count })),
            f.channels === 'council' ? t('figures.councilChannelsNote') : undefined)}
          {table(t('figures.byDesk'), f.byDesk.map((r) => ({ label: r.teamName, count: r.count })))}
          {table(t('figures.byOutcome'), f.byOutcome.map((r) => ({ label: `${r.outcome}. ${contactOutcomeLabels[r.outcome as ContactOutcome][lang]}`, count: r.count })))}
        </>
      )}
      {norms && <ServiceNormsTable figures={norms} />}
    </>
  );
}
