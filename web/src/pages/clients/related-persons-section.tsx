import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { api } from '../../api.ts';
import { SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { checkBirthDate, checkPhone } from '../../../../src/modules/clients/field-rules.ts';
import { EmailLink, PhoneLink } from '../../components/contact-details.tsx';
import { useFormat, useI18n, useProblemText } from '../../i18n.tsx';
import type { RelatedPerson } from '../../types.ts';

const KINDS = ['representative', 'informal_carer', 'household_member'] as const;
/** Roles with a fixed list (glossary: Representative, HouseholdMember); an informal carer's relation is free text ('dochter'). */
const ROLES: Partial<Record<RelatedPerson['kind'], readonly string[]>> = {
  representative: ['curator', 'mentor', 'bewindvoerder', 'parent_with_authority'],
  household_member: ['partner', 'child', 'other'],
};
const empty = { kind: 'representative' as RelatedPerson['kind'], role: '', name: '', birthDate: '', phone: '', email: '' };

/** Representatives, informal carers and household members: list, add, remove (each audited by the API). */
export function RelatedPersonsSection({ clientId, persons: initial, canWrite }: { clientId: string; persons: RelatedPerson[]; canWrite: boolean }) {
  const { t, lang } = useI18n();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const [persons, setPersons] = useState(initial);
  const [adding, setAdding] = useState(false);
  const [p, setP] = useState(empty);
  const [message, setMessage] = useState<string | null>(null);
  const key = useRef(crypto.randomUUID());
  const labels = useMemo(() => Object.fromEntries(['kind', 'role', 'name', 'birthDate', 'phone', 'email'].map((k) => [k, t(`record.person.field.${k}`)])), [t]);
  const form = useFormErrors('person', labels);
  const set = (k: keyof typeof empty) => (v: string) => setP((x) => ({ ...x, [k]: v, ...(k === 'kind' ? { role: '' } : {}) }));
  const roleLabel = (x: RelatedPerson) => (x.role && ROLES[x.kind]?.includes(x.role) ? t(`record.person.role.${x.role}`) : x.role);
  const url = `/api/v1/clients/${encodeURIComponent(clientId)}/persons`;

  async function add(e: FormEvent) {
    e.preventDefault();
    // Every mistake at once, by the rules the API uses (field-rules.ts).
    const errs: Record<string, string> = {};
    if (!p.name.trim()) errs.name = t('record.person.error.name');
    const birth = p.birthDate ? checkBirthDate(p.birthDate) : null;
    if (birth) errs.birthDate = birth[lang];
    const phone = p.phone.trim() ? checkPhone(p.phone) : null;
    if (phone) errs.phone = phone[lang];
    if (Object.keys(errs).length) return form.fail(errs);
    await form.run(async () => {
      const saved = await api.post<RelatedPerson>(url, { kind: p.kind, role: p.role.trim() || null, name: p.name.trim(), birthDate: p.birthDate || null,
        phone: p.phone.trim() || null, email: p.email.trim() || null }, { headers: { 'idempotency-key': key.current } });
      key.current = crypto.randomUUID();
      setPersons((xs) => [...xs, saved]);
      setMessage(t('record.person.added', { name: saved.name }));
      setP(empty);
      setAdding(false);
      form.reset();
    });
  }

  async function remove(x: RelatedPerson) {
    try {
      await api.delete(`${url}/${x.id}`);
      setPersons((xs) => xs.filter((y) => y.id !== x.id));
      setMessage(t('record.person.removed', { name: x.name }));
    } catch (err) {
      setMessage(forError(err));
    }
  }

  return (
    <section aria-labelledby="persons-title">
      <Heading level={2} id="persons-title">{t('record.person.title')}</Heading>
      <div role="status">{message && <Paragraph>{message}</Paragraph>}</div>
      {persons.length === 0 && <Paragraph>{t('record.person.none')}</Paragraph>}
      <ul className="ww-cards">
        {persons.map((x) => (
          <li key={x.id} className="ww-box">
            <Paragraph>
              <strong>{x.name}</strong> — {t(`record.person.kind.${x.kind}`)}{x.role ? ` (${roleLabel(x)})` : ''}
              {x.birthDate ? `, ${fmt.date(x.birthDate)}` : ''}{x.phone && <>, <PhoneLink phone={x.phone} /></>}{x.email && <>, <EmailLink email={x.email} /></>}
            </Paragraph>
            {canWrite && (
              <Button appearance="subtle-button" onClick={() => void remove(x)}>{t('record.person.remove', { name: x.name })}</Button>
            )}
          </li>
        ))}
      </ul>
      {canWrite && !adding && <Button appearance="secondary-action-button" onClick={() => setAdding(true)}>{t('record.person.add')}</Button>}
      {canWrite && adding && (
        <div className="ww-box">
          {form.summary}
          <form onSubmit={add} noValidate className="ww-form">
            <SelectField {...form.field('kind')} value={p.kind} onChange={set('kind')} options={KINDS.map((k) => ({ value: k, label: t(`record.person.kind.${k}`) }))} />
            {ROLES[p.kind]
              ? <SelectField {...form.field('role')} value={p.role} onChange={set('role')} emptyLabel={t('common.choose')}
                options={ROLES[p.kind]!.map((r) => ({ value: r, label: t(`record.person.role.${r}`) }))} />
              : <TextField {...form.field('role')} value={p.role} onChange={set('role')} description={t('record.person.roleHelp')} />}
            <TextField {...form.field('name')} value={p.name} onChange={set('name')} required autoComplete="off" />
            <TextField {...form.field('birthDate')} type="date" value={p.birthDate} onChange={set('birthDate')} />
            <TextField {...form.field('phone')} type="tel" value={p.phone} onChange={set('phone')} />
            <TextField {...form.field('email')} type="email" value={p.email} onChange={set('email')} />
            <div className="ww-actions">
              <Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>{t('record.person.save')}</Button>
              <Button type="button" appearance="secondary-action-button" onClick={() => { setAdding(false); form.reset(); }}>{t('common.cancel')}</Button>
            </div>
          </form>
        </div>
      )}
    </section>
  );
}
