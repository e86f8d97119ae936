import { Button, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { TextField, useFormErrors } from '../../components/form.tsx';
import { AppButtonLink, AppLink, PageTitle, TableScroll } from '../../components/page.tsx';
import { useFormat, useT } from '../../i18n.tsx';

import { splitSurname } from '../../../../src/modules/clients/names.ts';
import type { ClientHit as Hit } from '../../../../src/modules/clients/schemas.ts';
import type { ContactPrefill } from './contact-page.tsx';

/**
 * The search terms as the contact form's fields: 'van der Berg' → prefix 'van der', surname 'Berg'
 * (as typed, without wildcards). Handed over in router state, never in the URL (a BSN may be among them).
 */
function prefillFrom(q: { name: string; birthDate: string; bsn: string; postcode: string; houseNumber: string }): ContactPrefill {
  const typed = q.name.replace(/\*/g, '').replace(/\s+/g, ' ').trim();
  const { prefix } = splitSurname(typed);
  const words = prefix ? prefix.split(' ').length : 0;
  const parts = typed.split(' ');
  return {
    surnamePrefix: parts.slice(0, words).join(' ').toLowerCase(), surname: parts.slice(words).join(' '),
    birthDate: q.birthDate, bsn: q.bsn.replace(/\s/g, ''), postcode: q.postcode.trim(), houseNumber: q.houseNumber.trim(),
  };
}

/**
 * Find a client before registering anyone. Only clients you are involved with open; a desk worker
 * searching by an exact key also sees that someone exists elsewhere, and can register a contact with them.
 */
export function ClientSearchPage() {
  const t = useT();
  const fmt = useFormat();
  const [q, setQ] = useState({ bsn: '', name: '', birthDate: '', postcode: '', houseNumber: '' });
  const [hits, setHits] = useState<Hit[] | null>(null);
  const labels = useMemo(() => Object.fromEntries(['bsn', 'name', 'birthDate', 'postcode', 'houseNumber'].map((k) => [k, t(`intake.search.${k}`)])), [t]);
  const form = useFormErrors('search', labels);
  const set = (k: keyof typeof q) => (v: string) => setQ((x) => ({ ...x, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = {
      bsn: q.bsn.replace(/\s/g, '') || undefined, name: q.name.trim() || undefined, birthDate: q.birthDate || undefined,
      postcode: q.postcode.trim() || undefined, houseNumber: q.houseNumber ? Number(q.houseNumber) : undefined,
    };
    if (!body.bsn && !body.name && !body.birthDate && !body.postcode) return form.fail({}, t('intake.search.empty'));
    await form.run(async () => {
      setHits(await api.post<Hit[]>('/api/v1/client-searches', body));
      form.reset();
    });
  }

  return (
    <>
      <PageTitle title={t('intake.search.title')} />
      <Paragraph>{t('intake.search.intro')}</Paragraph>
      {form.summary}
      <search><form onSubmit={submit} noValidate className="ww-form">
        <TextField {...form.field('name')} value={q.name} onChange={set('name')} autoComplete="off" description={t('intake.search.nameHelp')} />
        <TextField {...form.field('birthDate')} type="date" value={q.birthDate} onChange={set('birthDate')} />
        <TextField {...form.field('bsn')} value={q.bsn} onChange={set('bsn')} inputMode="numeric" autoComplete="off" />
        <TextField {...form.field('postcode')} value={q.postcode} onChange={set('postcode')} autoComplete="off" />
        <TextField {...form.field('houseNumber')} value={q.houseNumber} onChange={set('houseNumber')} inputMode="numeric" />
        <div className="ww-actions">
          <Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>{t('intake.search.submit')}</Button>
          <AppButtonLink to="/contacten/nieuw" state={{ prefill: prefillFrom(q) }} appearance="secondary">{t('intake.search.newContact')}</AppButtonLink>
        </div>
      </form></search>
      {hits && (hits.length === 0 ? <Paragraph role="status">{t('intake.search.none')}</Paragraph> : (
        <TableScroll label={t('intake.search.results')}>
          <Table>
            <TableHeader><TableRow>
              <TableHeaderCell>{t('intake.search.col.name')}</TableHeaderCell><TableHeaderCell>{t('intake.search.col.birthDate')}</TableHeaderCell>
              <TableHeaderCell>{t('intake.search.col.address')}</TableHeaderCell><TableHeaderCell>{t('intake.search.col.knownAt')}</TableHeaderCell>
              <TableHeaderCell>{t('intake.search.col.action')}</TableHeaderCell>
            </TableRow></TableHeader>
            <TableBody>
              {hits.map((h) => (
                <TableRow key={h.id}>
                  <TableCell>{h.visibility === 'full' ? <AppLink to={`/clienten/${h.id}`}>{h.displayName}</AppLink> : h.displayName}</TableCell>
                  <TableCell>{h.visibility === 'full' ? fmt.date(h.birthDate) : h.birthDate ?? ''}</TableCell>
                  <TableCell>{h.address ?? ''}</TableCell>
                  <TableCell>{h.registeredAt.join(', ')}</TableCell>
                  <TableCell><AppLink to={`/contacten/nieuw?clientId=${h.id}&name=${encodeURIComponent(h.displayName)}`}>{t('intake.search.registerContact')}</AppLink></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      ))}
    </>
  );
}
