import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useMemo, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { CheckboxGroup, SelectField, SingleCheckbox, TextField, useFormErrors } from '../../components/form.tsx';
import { conflictCurrent, differences, reapply, VersionConflict } from '../../components/version-conflict.tsx';
import { useProblemText, useT } from '../../i18n.tsx';
import type { Client } from '../../types.ts';

const NAME_USAGES = ['E', 'P', 'V', 'N'] as const;
const GENDERS = ['0', '1', '2', '9'] as const;
const NEEDS = ['interpreter', 'easy_read', 'lvb_signal', 'sign_language', 'other'] as const;
const FIELDS = ['firstNames', 'surnamePrefix', 'surname', 'nameUsage', 'partnerSurnamePrefix', 'partnerSurname', 'birthDate', 'gender', 'bsn',
  'noFixedAddress', 'contactPoint', 'postcode', 'houseNumber', 'houseNumberAddition', 'street', 'city', 'phone', 'email', 'preferredLanguage', 'communicationNeeds'] as const;

type State = Record<Exclude<(typeof FIELDS)[number], 'noFixedAddress' | 'communicationNeeds'>, string> & { noFixedAddress: boolean; communicationNeeds: string[] };

const stateOf = (c: Client): State => ({
  firstNames: c.firstNames ?? '', surnamePrefix: c.surnamePrefix ?? '', surname: c.surname, nameUsage: c.nameUsage,
  partnerSurnamePrefix: c.partnerSurnamePrefix ?? '', partnerSurname: c.partnerSurname ?? '', birthDate: c.birthDate ?? '', gender: c.gender, bsn: '',
  noFixedAddress: c.noFixedAddress, contactPoint: c.contactPoint ?? '', postcode: c.address?.postcode ?? '', houseNumber: c.address ? String(c.address.houseNumber) : '',
  houseNumberAddition: c.address?.houseNumberAddition ?? '', street: c.address?.street ?? '', city: c.address?.city ?? '',
  phone: c.phone ?? '', email: c.email ?? '', preferredLanguage: c.preferredLanguage ?? '', communicationNeeds: c.communicationNeeds,
});

/** API field (problem+json) → form field: 'address.postcode' → 'postcode', 'address' (address or no fixed address) → 'noFixedAddress'. */
export function recordField(f: string): string {
  if (f === 'address') return 'noFixedAddress';
  if (f.startsWith('communicationNeeds')) return 'communicationNeeds';
  return f.startsWith('address.') ? f.slice('address.'.length) : f;
}

/**
 * Edits the whole client record (PUT /api/v1/clients/:id); the people around the client have their own section.
 * The save names the version the edits are based on; when a colleague saved in between, the form shows
 * what they changed and keeps what the user typed (components/version-conflict.tsx).
 */
export function ClientRecordForm({ client, onSaved, onCancel }: { client: Client; onSaved: (c: Client) => void; onCancel: () => void }) {
  const t = useT();
  const { localise } = useProblemText();
  const [s, setS] = useState<State>(() => stateOf(client));
  // The record the user's edits are based on; it changes only when they choose a newer version.
  const [base, setBase] = useState<Client>(client);
  const [conflict, setConflict] = useState<Client | null>(null);
  const [reapplied, setReapplied] = useState(false);
  const labels = useMemo(() => Object.fromEntries(FIELDS.map((k) => [k, t(`record.field.${k}`)])), [t]);
  const form = useFormErrors('record', labels);
  const set = <K extends keyof State>(k: K) => (v: State[K]) => setS((x) => ({ ...x, [k]: v }));
  const text = (k: Exclude<keyof State, 'noFixedAddress' | 'communicationNeeds'>) => ({ ...form.field(k), value: s[k], onChange: set(k) });
  const orNull = (v: string) => v.trim() || null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!s.surname.trim()) errs.surname = t('record.error.surname');
    if (!s.noFixedAddress && s.postcode.trim() && !/^\d{1,5}$/.test(s.houseNumber.trim())) errs.houseNumber = t('record.error.houseNumber');
    if (!s.noFixedAddress && !s.postcode.trim() && s.houseNumber.trim()) errs.postcode = t('record.error.postcode');
    if (Object.keys(errs).length) return form.fail(errs);
    const body = {
      firstNames: orNull(s.firstNames), surnamePrefix: orNull(s.surnamePrefix), surname: s.surname.trim(), nameUsage: s.nameUsage,
      partnerSurnamePrefix: s.nameUsage === 'E' ? null : orNull(s.partnerSurnamePrefix), partnerSurname: s.nameUsage === 'E' ? null : orNull(s.partnerSurname),
      birthDate: orNull(s.birthDate), gender: s.gender, ...(base.bsnMasked || !s.bsn.trim() ? {} : { bsn: s.bsn.replace(/\s/g, '') }),
      noFixedAddress: s.noFixedAddress, contactPoint: s.noFixedAddress ? orNull(s.contactPoint) : null,
      address: !s.noFixedAddress && s.postcode.trim() ? { postcode: s.postcode.trim(), houseNumber: Number(s.houseNumber), houseNumberAddition: orNull(s.houseNumberAddition),
        street: orNull(s.street), city: orNull(s.city) } : null,
      phone: orNull(s.phone), email: orNull(s.email), preferredLanguage: orNull(s.preferredLanguage), communicationNeeds: s.communicationNeeds,
    };
    await form.run(async () => {
      try {
        onSaved(await api.put<Client>(`/api/v1/clients/${encodeURIComponent(client.id)}`, body, { version: base.version }));
      } catch (err) {
        const current = conflictCurrent<Client>(err);
        if (current) {
          setReapplied(false);
          setConflict(current);
          return;
        }
        if (!(err instanceof ApiError && (err.field || err.errors.length))) throw err;
        const byField: Record<string, string> = {};
        for (const x of err.errors) byField[recordField(x.field)] ??= localise(x.message);
        if (err.field) byField[recordField(err.field)] ??= localise(err.detail);
        const known = Object.fromEntries(Object.entries(byField).filter(([f]) => f in labels));
        if (!Object.keys(known).length) throw err;
        form.fail(known);
      }
    });
  }

  const opt = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const show = (field: string, v: unknown): string => {
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (field === 'communicationNeeds') return (v as string[]).map((n) => t(`record.need.${n}`)).join(', ');
    if (field === 'gender' || field === 'nameUsage') return t(`record.${field}.${v}`);
    return String(v ?? '');
  };
  return (
    <section aria-labelledby="record-title" className="ww-box">
      <Heading level={2} id="record-title">{t('record.title')}</Heading>
      {conflict && (
        <VersionConflict id="record-conflict" differences={differences(stateOf(base), stateOf(conflict), s, labels, show)}
          onReload={() => { setS(stateOf(conflict)); setBase(conflict); setConflict(null); }}
          onReapply={() => { setS(reapply(stateOf(base), stateOf(conflict), s)); setBase(conflict); setConflict(null); setReapplied(true); }} />
      )}
      <div role="status">{reapplied && <Paragraph>{t('version.reapplied')}</Paragraph>}</div>
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <TextField {...text('firstNames')} autoComplete="off" />
        <TextField {...text('surnamePrefix')} autoComplete="off" description={t('record.help.surnamePrefix')} />
        <TextField {...text('surname')} autoComplete="off" required />
        <SelectField {...form.field('nameUsage')} value={s.nameUsage} onChange={set('nameUsage')} options={opt(NAME_USAGES, 'record.nameUsage')} />
        {s.nameUsage !== 'E' && (
          <>
            <TextField {...text('partnerSurnamePrefix')} autoComplete="off" />
            <TextField {...text('partnerSurname')} autoComplete="off" />
          </>
        )}
        <TextField {...text('birthDate')} type="date" />
        <SelectField {...form.field('gender')} value={s.gender} onChange={set('gender')} options={opt(GENDERS, 'record.gender')} />
        {!base.bsnMasked && <TextField {...text('bsn')} inputMode="numeric" autoComplete="off" description={t('record.help.bsn')} />}
        <SingleCheckbox id="record-noFixedAddress" label={labels.noFixedAddress} checked={s.noFixedAddress} onChange={set('noFixedAddress')} />
        {form.errors.noFixedAddress && <p className="utrecht-form-field-error-message" id="record-noFixedAddress-error">{form.errors.noFixedAddress}</p>}
        {s.noFixedAddress ? <TextField {...text('contactPoint')} description={t('record.help.contactPoint')} /> : (
          <>
            <TextField {...text('postcode')} autoComplete="off" description={t('record.help.postcode')} />
            <TextField {...text('houseNumber')} inputMode="numeric" />
            <TextField {...text('houseNumberAddition')} />
            <TextField {...text('street')} />
            <TextField {...text('city')} />
          </>
        )}
        <TextField {...text('phone')} type="tel" />
        <TextField {...text('email')} type="email" />
        <TextField {...text('preferredLanguage')} description={t('record.help.preferredLanguage')} />
        <CheckboxGroup {...form.field('communicationNeeds')} value={s.communicationNeeds} onChange={set('communicationNeeds')} options={opt(NEEDS, 'record.need')} />
        <div className="ww-actions">
          <Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>{t('record.save')}</Button>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>{t('common.cancel')}</Button>
        </div>
      </form>
    </section>
  );
}
