import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { SelectField, TextareaField, TextField, useFormErrors } from '../../components/form.tsx';
import { Loading, PageTitle, TableScroll } from '../../components/page.tsx';
import { useFormat, useProblemText, useT } from '../../i18n.tsx';
import { useData } from '../admin/use-data.ts';

type TemplateVersion = { version: number; body: string; createdAt: string; createdByName: string | null };
type Mandate = { id: string; userId: string; userName: string | null; productId: string | null; maxEurocents: number };
type Named = { id: string; name: string; active: boolean };
type User = { id: string; displayName: string; active: boolean; roles: string[] };

const euros = (c: number) => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(c / 100);

/**
 * Functioneel beheer of the Wmo decision letter (issue 17): the letter template (every save a new
 * version; letters already made keep theirs) and the mandates: who may sign, per product, up to
 * which amount per provision (docs/wmo.md).
 */
export function LetterAdminPage() {
  const t = useT();
  return (
    <>
      <PageTitle title={t('wmo.admin.title')} />
      <Paragraph>{t('wmo.admin.intro')}</Paragraph>
      <TemplateSection />
      <MandateSection />
    </>
  );
}

function TemplateSection() {
  const t = useT();
  const fmt = useFormat();
  const template = useData<{ placeholders: string[]; versions: TemplateVersion[] }>('/api/v1/wmo-letter-template');
  const [body, setBody] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const labels = useMemo(() => ({ body: t('wmo.admin.body') }), [t]);
  const form = useFormErrors('letter-template', labels);
  const current = template.data?.versions[0];
  useEffect(() => { if (current && body === null) setBody(current.body); }, [current, body]);

  async function save() {
    await form.run(async () => {
      const saved = await api.post<TemplateVersion>('/api/v1/wmo-letter-template', { body });
      setNotice(t('wmo.admin.saved', { version: saved.version }));
      form.reset();
      template.reload();
    });
  }

  return (
    <section aria-labelledby="template-title">
      <Heading level={2} id="template-title">{t('wmo.admin.template')}</Heading>
      {notice && <Alert type="ok"><Paragraph>{notice}</Paragraph></Alert>}
      {!current || body === null ? <Loading /> : (
        <>
          <Paragraph>{t('wmo.admin.current', { version: current.version, at: fmt.dateTime(current.createdAt), by: current.createdByName ?? '—' })}</Paragraph>
          {form.summary}
          <div className="ww-form">
            <TextareaField {...form.field('body')} required value={body} onChange={setBody} rows={20}
              description={t('wmo.admin.placeholders', { list: (template.data?.placeholders ?? []).map((p) => `{{${p}}}`).join(', ') })} />
            <Button appearance="primary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void save()}>{t('wmo.admin.save')}</Button>
          </div>
        </>
      )}
    </section>
  );
}

function MandateSection() {
  const t = useT();
  const { forError } = useProblemText();
  const mandates = useData<Mandate[]>('/api/v1/wmo-mandates');
  const products = useData<Named[]>('/api/v1/products');
  const users = useData<User[]>('/api/v1/users');
  const [userId, setUserId] = useState('');
  const [productId, setProductId] = useState('');
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | null>(null);
  const labels = useMemo(() => ({ userId: t('wmo.admin.user'), productId: t('wmo.admin.product'), maxEurocents: t('wmo.admin.max') }), [t]);
  const form = useFormErrors('mandate', labels);
  const productName = (id: string | null) => (id ? products.data?.find((p) => p.id === id)?.name ?? '—' : t('wmo.admin.allProducts'));
  const signers = (users.data ?? []).filter((u) => u.active && u.roles.some((r) => r === 'wmo_adviser' || r === 'team_lead'));

  async function add() {
    const cents = Math.round(Number(amount.replace(/\./g, '').replace(',', '.')) * 100);
    if (!userId || !Number.isFinite(cents) || amount.trim() === '') {
      return form.fail({ ...(!userId ? { userId: t('wmo.decision.choose') } : {}), ...(amount.trim() === '' || !Number.isFinite(cents) ? { maxEurocents: t('wmo.admin.amountHint') } : {}) });
    }
    await form.run(async () => {
      await api.post('/api/v1/wmo-mandates', { userId, productId: productId || null, maxEurocents: cents });
      setUserId(''); setProductId(''); setAmount('');
      form.reset();
      mandates.reload();
    });
  }
  async function revoke(m: Mandate) {
    setError(null);
    try {
      await api.delete(`/api/v1/wmo-mandates/${m.id}`);
      mandates.reload();
    } catch (err) {
      setError(forError(err));
    }
  }

  return (
    <section aria-labelledby="mandates-title">
      <Heading level={2} id="mandates-title">{t('wmo.admin.mandates')}</Heading>
      {error && <Alert type="error"><Paragraph>{error}</Paragraph></Alert>}
      {!mandates.data ? <Loading /> : mandates.data.length === 0 ? <Paragraph>{t('wmo.admin.noMandates')}</Paragraph> : (
        <TableScroll label={t('wmo.admin.mandates')}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('wmo.admin.user')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('wmo.admin.product')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('wmo.admin.max')}</TableHeaderCell>
                <TableHeaderCell scope="col"><span className="ww-visually-hidden">{t('common.actions')}</span></TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {mandates.data.map((m) => (
                <TableRow key={m.id}>
                  <TableCell>{m.userName}</TableCell>
                  <TableCell>{productName(m.productId)}</TableCell>
                  <TableCell>{euros(m.maxEurocents)}</TableCell>
                  <TableCell>
                    <Button appearance="subtle-button" onClick={() => void revoke(m)} aria-label={t('wmo.admin.revokeFor', { name: m.userName ?? '', product: productName(m.productId) })}>
                      {t('wmo.admin.revoke')}</Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
      <Heading level={3}>{t('wmo.admin.add')}</Heading>
      {form.summary}
      <div className="ww-form">
        <SelectField {...form.field('userId')} required value={userId} onChange={setUserId} emptyLabel={t('wmo.decision.choose')}
          options={signers.map((u) => ({ value: u.id, label: u.displayName }))} />
        <SelectField {...form.field('productId')} value={productId} onChange={setProductId} emptyLabel={t('wmo.admin.allProducts')}
          options={(products.data ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))} />
        <TextField {...form.field('maxEurocents')} required value={amount} onChange={setAmount} description={t('wmo.admin.amountHint')} />
        <Button appearance="primary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void add()}>{t('wmo.admin.add')}</Button>
      </div>
    </section>
  );
}
