import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useMemo, useState } from 'react';
import { keepsWholeNetwork, mayKeepPartner, type NetworkKeeper } from '../../../../src/modules/network/district-rights.ts';
import type { Agreement, NetworkPartner, UnlinkedPractice } from '../../../../src/modules/network/schemas.ts';
import { api } from '../../api.ts';
import { EmailLink, PhoneLink } from '../../components/contact-details.tsx';
import { CheckboxGroup, SelectField, SingleCheckbox, TextareaField, TextField, useFormErrors } from '../../components/form.tsx';
import { Loading, PageTitle, TableScroll } from '../../components/page.tsx';
import { conflictCurrent } from '../../components/version-conflict.tsx';
import { useFormat, useProblemText, useT } from '../../i18n.tsx';
import { useMay, useUser } from '../../session.tsx';
import type { District } from '../../types.ts';
import { useData } from '../admin/use-data.ts';

/** The kinds in the order the page offers them (PARTNER_KINDS in src/modules/network/schemas.ts). */
const KINDS = ['school', 'gp_practice', 'cjg', 'work_income', 'kbr', 'welfare', 'community_centre', 'provider', 'volunteers'] as const;

/**
 * Netwerkpartners (docs/network.md): the partners per district, filtered by kind and district, with
 * their contact and current agreements. Team leads add and change the partners (and agreements) in
 * their own teams' districts, functional administrators all of them (district-rights.ts, the
 * server's rule); everyone else with the page reads it (who to call).
 */
export function NetworkPage() {
  const t = useT();
  const { forError } = useProblemText();
  const user = useUser();
  const roles = user.roles;
  const teamIds = user.teams.map((t) => t.id);
  const mayWrite = useMay()('network.write');
  const [kind, setKind] = useState('');
  const [districtId, setDistrictId] = useState('');
  const query = new URLSearchParams({ ...(kind ? { kind } : {}), ...(districtId ? { districtId } : {}) }).toString();
  const partners = useData<NetworkPartner[]>(`/api/v1/network-partners${query ? `?${query}` : ''}`);
  const districts = useData<District[]>('/api/v1/districts');
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const chosen = partners.data?.find((p) => p.id === selected) ?? null;
  const kindOptions = KINDS.map((k) => ({ value: k, label: t(`network.kind.${k}`) }));
  const districtOptions = (districts.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  const keeper: NetworkKeeper = { roles, ownDistrictIds: new Set((districts.data ?? []).filter((d) => d.teamId && teamIds.includes(d.teamId)).map((d) => d.id)) };
  const mayEdit = (p: NetworkPartner) => mayWrite && mayKeepPartner(keeper, p.districts.map((d) => d.id));
  // A team lead chooses among their own teams' districts; the administrator among all (and none: citywide).
  const ownOptions = keepsWholeNetwork(keeper) ? districtOptions : districtOptions.filter((o) => keeper.ownDistrictIds.has(o.value));

  return (
    <>
      <PageTitle title={t('network.title')} />
      <Paragraph>{t('network.intro')}</Paragraph>
      <div role="status">{notice && <Alert type="ok"><Paragraph>{notice}</Paragraph></Alert>}</div>
      <div className="ww-form">
        <SelectField id="network-kind" label={t('network.filter.kind')} value={kind} onChange={setKind} options={kindOptions} emptyLabel={t('network.filter.allKinds')} />
        <SelectField id="network-district" label={t('network.filter.district')} value={districtId} onChange={setDistrictId} options={districtOptions}
          emptyLabel={t('network.filter.allDistricts')} />
      </div>
      {partners.error ? <Alert type="error"><Paragraph>{forError(partners.error)}</Paragraph></Alert> : null}
      {!partners.data ? <Loading /> : partners.data.length === 0 ? <Paragraph>{t('network.list.none')}</Paragraph> : (
        <PartnerTable partners={partners.data} mayWrite={mayWrite} mayEdit={mayEdit} onEdit={(id) => { setSelected(id); setNotice(null); }} />
      )}
      {chosen && mayEdit(chosen) && (
        <PartnerEditor key={`${chosen.id}-${chosen.version}`} partner={chosen} districtOptions={ownOptions} wholeCity={keepsWholeNetwork(keeper)}
          onSaved={(p, text) => { setNotice(text); partners.reload(); setSelected(p.id); }} onClose={() => setSelected(null)} />
      )}
      {mayWrite && ownOptions.length > 0 && (
        <NewPartner kindOptions={kindOptions} districtOptions={ownOptions} wholeCity={keepsWholeNetwork(keeper)}
          onCreated={(p) => { setNotice(t('network.form.created', { name: p.name })); partners.reload(); setSelected(p.id); }} />
      )}
    </>
  );
}

function PartnerTable({ partners, mayWrite, mayEdit, onEdit }: {
  partners: NetworkPartner[]; mayWrite: boolean; mayEdit: (p: NetworkPartner) => boolean; onEdit: (id: string) => void;
}) {
  const t = useT();
  return (
    <TableScroll label={t('network.title')}>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('network.list.name')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('network.list.kind')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('network.list.districts')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('network.list.contact')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('network.list.agreements')}</TableHeaderCell>
            {mayWrite && <TableHeaderCell scope="col"><span className="ww-visually-hidden">{t('common.actions')}</span></TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {partners.map((p) => {
            const current = p.agreements.filter((a) => a.current);
            return (
              <TableRow key={p.id}>
                <TableCell>{p.name}{p.active ? '' : ` (${t('network.list.inactive')})`}</TableCell>
                <TableCell>{t(`network.kind.${p.kind}`)}</TableCell>
                <TableCell>{p.districts.length === 0 ? t('network.list.wholeCity') : p.districts.map((d) => d.name).join(', ')}</TableCell>
                <TableCell>
                  {[p.contactName].filter(Boolean).join('')}
                  {p.phone && <><br /><PhoneLink phone={p.phone} /></>}
                  {p.email && <><br /><EmailLink email={p.email} /></>}
                </TableCell>
                <TableCell>{current.length === 0 ? t('network.list.noAgreements') : current.map((a) => a.subject).join(' · ')}</TableCell>
                {mayWrite && (
                  <TableCell>
                    {mayEdit(p) ? (
                      <Button type="button" appearance="subtle-button" onClick={() => onEdit(p.id)} aria-label={t('network.list.editLabel', { name: p.name })}>
                        {t('network.list.edit')}
                      </Button>
                    ) : <span className="ww-muted">{t(p.districts.length === 0 ? 'network.list.keptByAdmin' : 'network.list.otherTeam')}</span>}
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableScroll>
  );
}

type Option = { value: string; label: string };
type ContactDraft = { name: string; districtIds: string[]; contactName: string; phone: string; email: string };
const bodyOf = (d: ContactDraft) => ({ districtIds: d.districtIds, contactName: d.contactName.trim() || null, phone: d.phone.trim() || null, email: d.email.trim() || null });

function ContactFields({ form, draft, setDraft, districtOptions, wholeCity, otherDistricts = [] }: {
  form: ReturnType<typeof useFormErrors>; draft: ContactDraft; setDraft: (d: ContactDraft) => void; districtOptions: Option[];
  /** May leave every district off (a citywide partner): the functional administrator. */
  wholeCity: boolean;
  /** The partner's districts of other teams: they stay as they are, shown, not offered. */
  otherDistricts?: string[];
}) {
  const t = useT();
  const help = [t(wholeCity ? 'network.form.districtsHelp' : 'network.form.districtsHelpOwn'),
    ...(otherDistricts.length ? [t('network.form.otherDistricts', { names: otherDistricts.join(', ') })] : [])].join(' ');
  return (
    <>
      <CheckboxGroup {...form.field('districtIds')} value={draft.districtIds} onChange={(v) => setDraft({ ...draft, districtIds: v })} options={districtOptions}
        description={help} columns />
      <TextField {...form.field('contactName')} value={draft.contactName} onChange={(v) => setDraft({ ...draft, contactName: v })} />
      <TextField {...form.field('phone')} type="tel" value={draft.phone} onChange={(v) => setDraft({ ...draft, phone: v })} />
      <TextField {...form.field('email')} type="email" value={draft.email} onChange={(v) => setDraft({ ...draft, email: v })} />
    </>
  );
}

function usePartnerLabels() {
  const t = useT();
  return useMemo(() => ({
    kind: t('network.form.kind'), name: t('network.form.name'), practiceId: t('network.form.practice'), districtIds: t('network.form.districts'),
    contactName: t('network.form.contactName'), phone: t('network.form.phone'), email: t('network.form.email'),
  }), [t]);
}

const emptyDraft: ContactDraft = { name: '', districtIds: [], contactName: '', phone: '', email: '' };

function NewPartner({ kindOptions, districtOptions, wholeCity, onCreated }: {
  kindOptions: Option[]; districtOptions: Option[]; wholeCity: boolean; onCreated: (p: NetworkPartner) => void;
}) {
  const t = useT();
  const [kind, setKind] = useState('');
  const [practiceId, setPracticeId] = useState('');
  const [draft, setDraft] = useState<ContactDraft>(emptyDraft);
  const form = useFormErrors('partner-new', usePartnerLabels());
  const practices = useData<UnlinkedPractice[]>(kind === 'gp_practice' ? '/api/v1/network-partners/unlinked-practices' : null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!kind) errs.kind = t('network.form.kindRequired');
    if (kind === 'gp_practice' && !practiceId) errs.practiceId = t('network.form.practiceRequired');
    if (kind && kind !== 'gp_practice' && draft.name.trim().length < 2) errs.name = t('network.form.nameRequired');
    if (!wholeCity && draft.districtIds.length === 0) errs.districtIds = t('network.form.districtRequired');
    if (Object.keys(errs).length) return form.fail(errs);
    await form.run(async () => {
      const body = { kind, ...(kind === 'gp_practice' ? { practiceId } : { name: draft.name.trim() }), ...bodyOf(draft) };
      onCreated(await api.post<NetworkPartner>('/api/v1/network-partners', body));
      setKind('');
      setPracticeId('');
      setDraft(emptyDraft);
    });
  }

  return (
    <section aria-labelledby="partner-new-title">
      <Heading level={2} id="partner-new-title">{t('network.form.newTitle')}</Heading>
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <SelectField {...form.field('kind')} value={kind} onChange={setKind} options={kindOptions} emptyLabel={t('network.form.chooseKind')} required />
        {kind === 'gp_practice' ? (
          practices.data && practices.data.length === 0 ? <Paragraph>{t('network.form.noPractices')}</Paragraph> : (
            <SelectField {...form.field('practiceId')} value={practiceId} onChange={setPracticeId} emptyLabel={t('network.form.choosePractice')}
              options={(practices.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (AGB ${p.agbCode})` }))} description={t('network.form.practiceHelp')} required />
          )
        ) : <TextField {...form.field('name')} value={draft.name} onChange={(v) => setDraft({ ...draft, name: v })} required />}
        <ContactFields form={form} draft={draft} setDraft={setDraft} districtOptions={districtOptions} wholeCity={wholeCity} />
        <div className="ww-actions"><Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>{t('network.form.create')}</Button></div>
      </form>
    </section>
  );
}

function PartnerEditor({ partner, districtOptions, wholeCity, onSaved, onClose }: {
  partner: NetworkPartner; districtOptions: Option[]; wholeCity: boolean; onSaved: (p: NetworkPartner, notice: string) => void; onClose: () => void;
}) {
  const t = useT();
  const gp = partner.kind === 'gp_practice';
  // A team lead changes only their own teams' districts; the partner's other districts are sent back as they are.
  const offered = new Set(districtOptions.map((o) => o.value));
  const others = partner.districts.filter((d) => !offered.has(d.id));
  const [draft, setDraft] = useState<ContactDraft>({ name: partner.name, districtIds: partner.districts.filter((d) => offered.has(d.id)).map((d) => d.id),
    contactName: partner.contactName ?? '', phone: partner.phone ?? '', email: partner.email ?? '' });
  const [active, setActive] = useState(partner.active);
  const [version, setVersion] = useState(partner.version);
  const [conflict, setConflict] = useState(false);
  const form = useFormErrors('partner-edit', usePartnerLabels());

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!gp && draft.name.trim().length < 2) return form.fail({ name: t('network.form.nameRequired') });
    if (!wholeCity && draft.districtIds.length + others.length === 0) return form.fail({ districtIds: t('network.form.districtRequired') });
    setConflict(false);
    try {
      const body = { ...(gp ? {} : { name: draft.name.trim() }), active, ...bodyOf({ ...draft, districtIds: [...draft.districtIds, ...others.map((d) => d.id)] }) };
      const saved = await api.put<NetworkPartner>(`/api/v1/network-partners/${partner.id}`, body, { version });
      onSaved(saved, t('network.form.saved', { name: saved.name }));
    } catch (err) {
      // Someone else saved meanwhile: keep what the user typed and save on top of the version now stored.
      const current = conflictCurrent<NetworkPartner>(err);
      if (current) {
        setVersion(current.version);
        setConflict(true);
      } else form.handleError(err);
    }
  }

  return (
    <section aria-labelledby="partner-edit-title" className="ww-box">
      <Heading level={2} id="partner-edit-title">{t('network.form.editTitle', { name: partner.name })}</Heading>
      {conflict && <Alert type="warning"><Paragraph>{t('network.form.conflict')}</Paragraph></Alert>}
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        {!gp && <TextField {...form.field('name')} value={draft.name} onChange={(v) => setDraft({ ...draft, name: v })} required />}
        <ContactFields form={form} draft={draft} setDraft={setDraft} districtOptions={districtOptions} wholeCity={wholeCity}
          otherDistricts={others.map((d) => d.name)} />
        <SingleCheckbox id="partner-edit-active" label={t('network.form.active')} checked={active} onChange={setActive} />
        <div className="ww-actions">
          <Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>{t('network.form.save')}</Button>
          <Button type="button" appearance="subtle-button" onClick={onClose}>{t('network.form.close')}</Button>
        </div>
      </form>
      <Agreements partner={partner} onSaved={(text) => onSaved(partner, text)} />
    </section>
  );
}

type AgreementDraft = { subject: string; contactName: string; contactPhone: string; contactEmail: string; validFrom: string; validTo: string };
const emptyAgreement: AgreementDraft = { subject: '', contactName: '', contactPhone: '', contactEmail: '', validFrom: '', validTo: '' };

function Agreements({ partner, onSaved }: { partner: NetworkPartner; onSaved: (notice: string) => void }) {
  const t = useT();
  const fmt = useFormat();
  const [editing, setEditing] = useState<Agreement | null>(null);
  const [draft, setDraft] = useState<AgreementDraft>(emptyAgreement);
  const labels = useMemo(() => ({
    subject: t('network.agreement.subject'), contactName: t('network.agreement.contactName'), contactPhone: t('network.agreement.contactPhone'),
    contactEmail: t('network.agreement.contactEmail'), validFrom: t('network.agreement.validFrom'), validTo: t('network.agreement.validTo'),
  }), [t]);
  const form = useFormErrors('agreement', labels);
  const set = (k: keyof AgreementDraft) => (v: string) => setDraft({ ...draft, [k]: v });
  const period = (a: Agreement) => (a.validTo ? t('network.agreement.period', { from: fmt.date(a.validFrom), to: fmt.date(a.validTo) })
    : t('network.agreement.periodOpen', { from: fmt.date(a.validFrom) }));

  function edit(a: Agreement) {
    setEditing(a);
    setDraft({ subject: a.subject, contactName: a.contactName ?? '', contactPhone: a.contactPhone ?? '', contactEmail: a.contactEmail ?? '', validFrom: a.validFrom, validTo: a.validTo ?? '' });
    form.reset();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (draft.subject.trim().length < 2) errs.subject = t('network.agreement.subjectRequired');
    if (!draft.validFrom) errs.validFrom = t('network.agreement.validFromRequired');
    if (draft.validFrom && draft.validTo && draft.validTo < draft.validFrom) errs.validTo = t('network.agreement.datesOrder');
    if (Object.keys(errs).length) return form.fail(errs);
    const body = { subject: draft.subject.trim(), contactName: draft.contactName.trim() || null, contactPhone: draft.contactPhone.trim() || null,
      contactEmail: draft.contactEmail.trim() || null, validFrom: draft.validFrom, validTo: draft.validTo || null };
    await form.run(async () => {
      try {
        if (editing) await api.put<Agreement>(`/api/v1/network-agreements/${editing.id}`, body, { version: editing.version });
        else await api.post<Agreement>(`/api/v1/network-partners/${partner.id}/agreements`, body);
      } catch (err) {
        if (conflictCurrent(err)) return form.fail({}, t('network.agreement.conflict'));
        throw err;
      }
      onSaved(t(editing ? 'network.agreement.saved' : 'network.agreement.created'));
      setEditing(null);
      setDraft(emptyAgreement);
    });
  }

  return (
    <>
      <Heading level={3}>{t('network.agreement.title', { name: partner.name })}</Heading>
      {partner.agreements.length === 0 ? <Paragraph>{t('network.agreement.none')}</Paragraph> : (
        <ul className="ww-cards" aria-label={t('network.agreement.title', { name: partner.name })}>
          {partner.agreements.map((a) => (
            <li key={a.id} className="ww-box ww-card">
              <Paragraph>{a.subject}</Paragraph>
              <Paragraph>{period(a)} · {a.current ? t('network.agreement.current') : t('network.agreement.notCurrent')}</Paragraph>
              {(a.contactName || a.contactPhone || a.contactEmail) && (
                <Paragraph>
                  {a.contactName}{a.contactPhone && <> · <PhoneLink phone={a.contactPhone} /></>}{a.contactEmail && <> · <EmailLink email={a.contactEmail} /></>}
                </Paragraph>
              )}
              <Button type="button" appearance="subtle-button" onClick={() => edit(a)} aria-label={t('network.agreement.editLabel', { from: fmt.date(a.validFrom) })}>
                {t('network.agreement.edit')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Heading level={4}>{t(editing ? 'network.agreement.editTitle' : 'network.agreement.newTitle')}</Heading>
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <TextareaField {...form.field('subject')} value={draft.subject} onChange={set('subject')} rows={3} required />
        <TextField {...form.field('contactName')} value={draft.contactName} onChange={set('contactName')} />
        <TextField {...form.field('contactPhone')} type="tel" value={draft.contactPhone} onChange={set('contactPhone')} />
        <TextField {...form.field('contactEmail')} type="email" value={draft.contactEmail} onChange={set('contactEmail')} />
        <TextField {...form.field('validFrom')} type="date" value={draft.validFrom} onChange={set('validFrom')} required />
        <TextField {...form.field('validTo')} type="date" value={draft.validTo} onChange={set('validTo')} description={t('network.agreement.validToHelp')} />
        <div className="ww-actions">
          <Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>
            {t(editing ? 'network.agreement.save' : 'network.agreement.create')}
          </Button>
          {editing && <Button type="button" appearance="subtle-button" onClick={() => { setEditing(null); setDraft(emptyAgreement); }}>{t('network.agreement.cancel')}</Button>}
        </div>
      </form>
    </>
  );
}
