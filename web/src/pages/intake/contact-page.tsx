import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { CHANNELS, contactOutcomeLabels } from '../../../../src/modules/intake/contact-outcome.ts';
import { LIFE_DOMAINS, lifeDomainLabels, URGENCIES } from '../../../../src/modules/intake/life-domains.ts';
import { api, ApiError } from '../../api.ts';
import { CheckboxGroup, RadioGroup, SelectField, SingleCheckbox, TextareaField, TextField, useFormErrors } from '../../components/form.tsx';
import { AppLink, PageTitle } from '../../components/page.tsx';
import { useFormat, useI18n, useProblemText } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import type { ContactView } from '../../../../src/modules/intake/schemas.ts';
import type { PostcodeLookup, Team } from '../../types.ts';
import type { PortalRequest } from './digital-questions-page.tsx';
import { type Duplicate, DuplicateWarning } from './duplicate-warning.tsx';

type Saved = ContactView;
const empty = { firstNames: '', surnamePrefix: '', surname: '', birthDate: '', bsn: '', postcode: '', houseNumber: '', houseNumberAddition: '', noFixedAddress: false, contactPoint: '', phone: '' };
const POSTCODE = /^[1-9][0-9]{3} ?[A-Za-z]{2}$/;

/** API field → form field: 'newClient.address.postcode' → 'postcode', 'referral.teamOverrideReason' → 'overrideReason'. */
function formField(f: string): string {
  const last = f.split('.').pop() ?? f;
  return ({ teamOverrideReason: 'overrideReason', teamId: f.startsWith('referral') ? 'overrideTeam' : 'teamId', lifeDomains: 'lifeDomains' } as Record<string, string>)[last] ?? (f.startsWith('lifeDomains') ? 'lifeDomains' : last);
}

/** Register a contact "in under a minute": who (existing, new or anonymous), channel, question, life domains, outcome. */
export function ContactPage() {
  const { t, lang } = useI18n();
  const fmt = useFormat();
  const { localise } = useProblemText();
  const { state } = useSession();
  const [params] = useSearchParams();
  // Picked up from the desk's list of digital questions (digital-questions-page.tsx).
  const location = useLocation();
  const [portalRequest, setPortalRequest] = useState<PortalRequest | null>((location.state as { portalRequest?: PortalRequest } | null)?.portalRequest ?? null);
  const [clientId, setClientId] = useState<string | null>(params.get('clientId') ?? portalRequest?.clientId ?? null);
  const [clientName, setClientName] = useState<string | null>(params.get('name') ?? (portalRequest?.clientId ? portalRequest.citizenName : null));
  const [anonymous, setAnonymous] = useState(false);
  const [c, setC] = useState(empty);
  const [channel, setChannel] = useState(portalRequest ? 'digital' : 'phone');
  const [question, setQuestion] = useState(portalRequest?.question ?? '');
  const [lifeDomains, setLifeDomains] = useState<string[]>(portalRequest?.lifeDomains ?? []);
  const [urgency, setUrgency] = useState('normal');
  const [outcome, setOutcome] = useState('');
  const [generalProvision, setGeneralProvision] = useState('');
  const [overrideTeam, setOverrideTeam] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [proposed, setProposed] = useState<PostcodeLookup | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [duplicates, setDuplicates] = useState<{ list: Duplicate[]; sameBsn: boolean } | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const key = useRef(crypto.randomUUID());
  const set = (k: keyof typeof empty) => (v: string | boolean) => setC((x) => ({ ...x, [k]: v }));

  const labels = useMemo(() => Object.fromEntries(['surname', 'firstNames', 'surnamePrefix', 'birthDate', 'bsn', 'postcode', 'houseNumber', 'houseNumberAddition',
    'contactPoint', 'phone', 'channel', 'question', 'lifeDomains', 'urgency', 'outcome', 'generalProvision', 'overrideTeam', 'overrideReason', 'teamId', 'clientId']
    .map((k) => [k, t(`intake.field.${k}`)])), [t]);
  const form = useFormErrors('contact', labels);

  useEffect(() => {
    void api.get<Team[]>('/api/v1/teams').then((all) => setTeams(all.filter((x) => x.kind === 'neighbourhood_team' && x.active))).catch(() => {});
  }, []);
  useEffect(() => {
    setProposed(null);
    if (!POSTCODE.test(c.postcode.trim())) return;
    const pc = c.postcode.replace(/\s/g, '').toUpperCase();
    void api.get<PostcodeLookup>(`/api/v1/postcode-lookups/${pc}`).then(setProposed).catch(() => {});
  }, [c.postcode]);

  const newClient = !clientId && !anonymous;
  const body = (extra: Record<string, unknown> = {}) => ({
    clientId: clientId ?? undefined,
    newClient: newClient ? {
      surname: c.surname, firstNames: c.firstNames || null, surnamePrefix: c.surnamePrefix || null, birthDate: c.birthDate || null, bsn: c.bsn.replace(/\s/g, '') || null,
      address: !c.noFixedAddress && c.postcode ? { postcode: c.postcode, houseNumber: Number(c.houseNumber), houseNumberAddition: c.houseNumberAddition || null } : null,
      noFixedAddress: c.noFixedAddress, contactPoint: c.contactPoint || null, phone: c.phone || null,
    } : undefined,
    channel, question, lifeDomains, urgency, outcome: Number(outcome),
    generalProvision: outcome === '1' ? generalProvision || null : null,
    referral: outcome === '2' && overrideTeam ? { teamId: overrideTeam, teamOverrideReason: overrideReason } : undefined,
    portalRequestId: portalRequest?.id,
    ...extra,
  });

  async function send(extra: Record<string, unknown> = {}) {
    const errs: Record<string, string> = {};
    if (newClient && !c.surname.trim()) errs.surname = t('intake.error.surname');
    if (newClient && c.postcode && !POSTCODE.test(c.postcode.trim())) errs.postcode = t('intake.error.postcode');
    if (newClient && c.postcode && !c.houseNumber) errs.houseNumber = t('intake.error.houseNumber');
    if (question.trim().length < 3) errs.question = t('intake.error.question');
    if (!outcome) errs.outcome = t('intake.error.outcome');
    if (anonymous && outcome && outcome !== '1') errs.outcome = t('intake.error.anonymous');
    if (Object.keys(errs).length) return form.fail(errs);
    await form.run(async () => {
      try {
        const r = await api.post<Saved>('/api/v1/contacts', body(extra), { headers: { 'idempotency-key': key.current } });
        key.current = crypto.randomUUID();
        setDuplicates(null);
        form.reset();
        setSaved(r);
      } catch (err) {
        if (err instanceof ApiError && (err.code === 'probable_duplicate' || err.code === 'duplicate_bsn')) {
          setDuplicates({ list: (err.problem.duplicates as Duplicate[]) ?? [], sameBsn: err.code === 'duplicate_bsn' });
          form.reset();
        } else if (err instanceof ApiError && (err.field || err.errors.length)) {
          const byField: Record<string, string> = {};
          for (const e of err.errors) byField[formField(e.field)] ??= localise(e.message);
          if (err.field) byField[formField(err.field)] ??= localise(err.detail);
          form.fail(byField);
        } else throw err;
      }
    });
  }

  if (saved) {
    return (
      <>
        <PageTitle title={t('intake.saved.title')} />
        <Alert type="ok">
          <Paragraph>{t('intake.saved.text')}</Paragraph>
          {saved.referral && <Paragraph>{t('intake.saved.referral', { team: saved.referral.teamName })}</Paragraph>}
          {saved.notification && <Paragraph>{t('intake.saved.notification', { date: fmt.date(saved.notification.assessmentDeadline) })}</Paragraph>}
          {saved.safetySignal && <Paragraph>{t('intake.saved.safety')}</Paragraph>}
        </Alert>
        <div className="ww-actions">
          {saved.clientId && <AppLink to={`/clienten/${saved.clientId}`}>{t('intake.saved.openClient')}</AppLink>}
          {portalRequest && <AppLink to="/digitale-vragen">{t('desk.back')}</AppLink>}
          <Button appearance="secondary-action-button" onClick={() => { setPortalRequest(null); setSaved(null); setC(empty); setQuestion(''); setLifeDomains([]); setOutcome(''); setClientId(null); setClientName(null); }}>
            {t('intake.saved.another')}
          </Button>
        </div>
      </>
    );
  }

  const submit = (e: FormEvent) => { e.preventDefault(); void send(); };
  const opt = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return (
    <>
      <PageTitle title={t('intake.title')} />
      <Paragraph>{t('intake.intro', { desk: state.status === 'active' ? state.session.user.teams.map((x) => x.name)[0] ?? '' : '' })}</Paragraph>
      {portalRequest && (
        <Alert type="info">
          <Paragraph>{t('desk.handling', { reference: portalRequest.reference, citizen: portalRequest.citizenName })}</Paragraph>
          {portalRequest.onBehalfOf && <Paragraph>{t('desk.onBehalfOfShort', { name: portalRequest.onBehalfOf.name, relation: portalRequest.onBehalfOf.relation })}</Paragraph>}
        </Alert>
      )}
      {form.summary}
      {duplicates && <DuplicateWarning duplicates={duplicates.list} sameBsn={duplicates.sameBsn}
        onSame={(d) => { setClientId(d.id); setClientName(d.displayName); setDuplicates(null); void send({ clientId: d.id, newClient: undefined }); }}
        onDifferent={() => void send({ duplicateAcknowledged: true })} />}
      <form onSubmit={submit} noValidate className="ww-form">
        <section className="ww-box" aria-labelledby="contact-who">
          <Heading level={2} id="contact-who" appearance="utrecht-heading-3">{t('intake.who')}</Heading>
          {clientId ? (
            <Paragraph>{t('intake.existing', { name: clientName ?? '' })} <Button appearance="subtle-button" onClick={() => { setClientId(null); setClientName(null); }}>{t('intake.other')}</Button></Paragraph>
          ) : (
            <>
              <SingleCheckbox id="contact-anonymous" label={t('intake.anonymous')} checked={anonymous} onChange={setAnonymous} />
              {!anonymous && (
                <>
                  <TextField {...form.field('firstNames')} value={c.firstNames} onChange={set('firstNames')} autoComplete="off" />
                  <TextField {...form.field('surnamePrefix')} value={c.surnamePrefix} onChange={set('surnamePrefix')} autoComplete="off" />
                  <TextField {...form.field('surname')} value={c.surname} onChange={set('surname')} required autoComplete="off" />
                  <TextField {...form.field('birthDate')} type="date" value={c.birthDate} onChange={set('birthDate')} />
                  <TextField {...form.field('bsn')} value={c.bsn} onChange={set('bsn')} inputMode="numeric" autoComplete="off" description={t('intake.bsnHelp')} />
                  <SingleCheckbox id="contact-noFixedAddress" label={t('intake.field.noFixedAddress')} checked={c.noFixedAddress} onChange={set('noFixedAddress')} />
                  {c.noFixedAddress
                    ? <TextField {...form.field('contactPoint')} value={c.contactPoint} onChange={set('contactPoint')} />
                    : (
                      <>
                        <TextField {...form.field('postcode')} value={c.postcode} onChange={set('postcode')} autoComplete="off" description={t('intake.postcodeHelp')} />
                        <TextField {...form.field('houseNumber')} value={c.houseNumber} onChange={set('houseNumber')} inputMode="numeric" />
                        <TextField {...form.field('houseNumberAddition')} value={c.houseNumberAddition} onChange={set('houseNumberAddition')} />
                      </>
                    )}
                  <TextField {...form.field('phone')} type="tel" value={c.phone} onChange={set('phone')} />
                </>
              )}
            </>
          )}
        </section>
        <RadioGroup {...form.field('channel')} value={channel} onChange={setChannel} options={CHANNELS.map((v) => ({ value: v, label: t(`intake.channel.${v}`) }))} />
        <TextareaField {...form.field('question')} value={question} onChange={setQuestion} rows={3} description={t('intake.questionHelp')} required />
        <CheckboxGroup {...form.field('lifeDomains')} value={lifeDomains} onChange={setLifeDomains} columns
          options={LIFE_DOMAINS.map((v) => ({ value: v, label: lifeDomainLabels[v][lang] }))} />
        <SelectField {...form.field('urgency')} value={urgency} onChange={setUrgency} options={opt(URGENCIES, 'intake.urgency')} />
        <RadioGroup {...form.field('outcome')} value={outcome} onChange={setOutcome}
          options={([1, 2, 3, 4, 5, 6] as const).map((n) => ({ value: String(n), label: `${n}. ${contactOutcomeLabels[n][lang]}` }))} />
        {outcome === '1' && <TextField {...form.field('generalProvision')} value={generalProvision} onChange={setGeneralProvision} />}
        {outcome === '2' && (
          <section className="ww-box" aria-labelledby="contact-team">
            <Heading level={2} id="contact-team" appearance="utrecht-heading-4">{t('intake.team.title')}</Heading>
            <Paragraph>{proposed?.teamName ? t('intake.team.proposed', { team: proposed.teamName, district: proposed.districtName }) : t('intake.team.fromPostcode')}</Paragraph>
            <SelectField {...form.field('overrideTeam')} value={overrideTeam} onChange={setOverrideTeam} emptyLabel={t('intake.team.keep')}
              options={teams.map((x) => ({ value: x.id, label: x.name }))} />
            {overrideTeam && overrideTeam !== proposed?.teamId && <TextareaField {...form.field('overrideReason')} value={overrideReason} onChange={setOverrideReason} rows={2} required />}
          </section>
        )}
        <div className="ww-actions">
          <Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>{t('intake.submit')}</Button>
        </div>
      </form>
    </>
  );
}
