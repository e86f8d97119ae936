import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { api } from '../../api.ts';
import { CheckboxGroup, RadioGroup, TextareaField, TextField, useFormErrors } from '../../components/form.tsx';
import { AppLink, PageTitle } from '../../components/page.tsx';
import { useFormat, useI18n } from '../../i18n.tsx';
import { useLifeDomains } from '../../use-life-domains.ts';
import { CitizenFrame, SafetyNumbers } from './citizen.tsx';
import type { PortalReceipt as Receipt } from '../../../../src/modules/portal/schemas.ts';


/** The digital channel: a resident asks for help (for themselves or someone else) and gets a receipt with a reference number. */
export function AskPage() {
  const { t } = useI18n();
  return <CitizenFrame title={t('portal.ask.title')}>{() => <AskForm />}</CitizenFrame>;
}

function AskForm() {
  const { t } = useI18n();
  const domains = useLifeDomains();
  const fmt = useFormat();
  const [forWhom, setForWhom] = useState('self');
  const [other, setOther] = useState({ name: '', relation: '' });
  const [question, setQuestion] = useState('');
  const [lifeDomains, setLifeDomains] = useState<string[]>([]);
  const [pref, setPref] = useState('phone');
  const [contactValue, setContactValue] = useState('');
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const key = useRef(crypto.randomUUID());
  const labels = useMemo(() => Object.fromEntries(['forWhom', 'name', 'relation', 'question', 'lifeDomains', 'contactPreference', 'contactValue']
    .map((k) => [k, t(`portal.ask.field.${k}`)])), [t]);
  const form = useFormErrors('ask', labels);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (question.trim().length < 10) errs.question = t('portal.ask.error.question');
    if (forWhom === 'other' && other.name.trim().length < 2) errs.name = t('portal.ask.error.name');
    if (forWhom === 'other' && other.relation.trim().length < 2) errs.relation = t('portal.ask.error.relation');
    if (pref !== 'letter' && !contactValue.trim()) errs.contactValue = t('portal.ask.error.contactValue');
    if (Object.keys(errs).length) return form.fail(errs);
    await form.run(async () => {
      // The same key on a double click or a retry: the server keeps one request and returns the first receipt.
      setReceipt(await api.post<Receipt>('/api/v1/portal/requests', {
        onBehalfOf: forWhom === 'other' ? { name: other.name, relation: other.relation } : null,
        question, lifeDomains, contactPreference: pref, contactValue: contactValue || null,
      }, { headers: { 'idempotency-key': key.current } }));
    });
  }

  // Domestic violence: Veilig Thuis and 112 at once, not after a reply days later.
  const aboutViolence = lifeDomains.includes('domestic_violence') || /geweld|mishandel|bedreig|violen|abuse/i.test(question);
  if (receipt) {
    return (
      <>
        <PageTitle title={t('portal.receipt.title')} />
        <Alert type="ok">
          <Paragraph>{t('portal.receipt.text', { desk: receipt.deskName, date: fmt.dateTime(receipt.createdAt) })}</Paragraph>
          <Paragraph>{t('portal.receipt.reference')} <strong data-testid="reference">{receipt.reference}</strong></Paragraph>
          <Paragraph>{t('portal.receipt.contactBy', { day: fmt.day(receipt.contactBy) })}</Paragraph>
        </Alert>
        {aboutViolence && <SafetyNumbers />}
        <AppLink to="/mijn-wegwijs">{t('portal.receipt.toMine')}</AppLink>
      </>
    );
  }
  return (
    <>
      <PageTitle title={t('portal.ask.title')} />
      <Paragraph>{t('portal.ask.intro')}</Paragraph>
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <RadioGroup {...form.field('forWhom')} value={forWhom} onChange={setForWhom}
          options={[{ value: 'self', label: t('portal.ask.self') }, { value: 'other', label: t('portal.ask.other') }]} />
        {forWhom === 'other' && (
          <>
            <TextField {...form.field('name')} value={other.name} onChange={(v) => setOther((o) => ({ ...o, name: v }))} />
            <TextField {...form.field('relation')} value={other.relation} onChange={(v) => setOther((o) => ({ ...o, relation: v }))} />
          </>
        )}
        <TextareaField {...form.field('question')} value={question} onChange={setQuestion} rows={5} required description={t('portal.ask.questionHelp')} />
        <CheckboxGroup {...form.field('lifeDomains')} value={lifeDomains} onChange={setLifeDomains} columns
          options={domains.options} />
        <div aria-live="polite">{aboutViolence && <SafetyNumbers />}</div>
        <Heading level={2} appearance="utrecht-heading-4">{t('portal.ask.contactTitle')}</Heading>
        <RadioGroup {...form.field('contactPreference')} value={pref} onChange={setPref}
          options={['phone', 'email', 'letter'].map((v) => ({ value: v, label: t(`portal.ask.pref.${v}`) }))} />
        {pref !== 'letter' && <TextField {...form.field('contactValue')} type={pref === 'email' ? 'email' : 'tel'} value={contactValue} onChange={setContactValue} />}
        <div className="ww-actions">
          <Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>{t('portal.ask.submit')}</Button>
        </div>
      </form>
    </>
  );
}
