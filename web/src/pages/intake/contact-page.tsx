import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { checkBirthDate, checkBsn, checkPhone, checkPostcode } from '../../../../src/modules/clients/field-rules.ts';
import { CHANNELS, contactOutcomeLabels } from '../../../../src/modules/intake/contact-outcome.ts';
import { URGENCIES } from '../../../../src/modules/intake/life-domains.ts';
import { api, ApiError } from '../../api.ts';
import { CheckboxGroup, RadioGroup, SelectField, SingleCheckbox, TextareaField, TextField, useFormErrors } from '../../components/form.tsx';
import { EmailLink, PhoneLink } from '../../components/contact-details.tsx';
import { AppLink, PageTitle } from '../../components/page.tsx';
import { useFormat, useI18n, useProblemText } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { useLifeDomains } from '../../use-life-domains.ts';
import type { ContactView } from '../../../../src/modules/intake/schemas.ts';
import type { PostcodeLookup, Team } from '../../types.ts';
import type { PortalRequest } from './digital-questions-page.tsx';
import { type Duplicate, DuplicateWarning } from './duplicate-warning.tsx';

type Saved = ContactView;
const empty = { firstNames: '', surnamePrefix: '', surname: '', birthDate: '', bsn: '', postcode: '', houseNumber: '', houseNumberAddition: '', noFixedAddress: false, contactPoint: '', phone: '' };
const POSTCODE = /^[1-9][0-9]{3} ?[A-Za-z]{2}$/;

/** What the client search hands over (router state, so a BSN never lands in the URL): nothing is typed twice. */
export type ContactPrefill = Partial<Pick<typeof empty, 'surnamePrefix' | 'surname' | 'birthDate' | 'bsn' | 'postcode' | 'houseNumber'>>;

/** A postcode and house number in what the citizen wrote ("Zaagmolenkade 12, 3032 CD"), if any. */
function addressIn(text: string | null | undefined): { postcode: string; houseNumber: string } {
  const pc = /\b([1-9]\d{3}) ?([A-Za-z]{2})\b/.exec(text ?? '');
  const nr = /\b[A-Za-z][A-Za-z .'-]+ (\d{1,5})\b/.exec(text ?? '');
  return { postcode: pc ? `${pc[1]} ${pc[2]!.toUpperCase()}` : '', houseNumber: nr?.[1] ?? '' };
}

/** API field → form field: 'newClient.address.postcode' → 'postcode', 'referral.teamOverrideReason' → 'overrideReason'. */
function formField(f: string): string {
  if (f.startsWith('clientAddress.')) return f.endsWith('houseNumber') ? 'clientHouseNumber' : 'clientPostcode';
  const last = f.split('.').pop() ?? f;
  return ({ teamOverrideReason: 'overrideReason', teamId: f.startsWith('referral') ? 'overrideTeam' : 'teamId', lifeDomains: 'lifeDomains' } as Record<string, string>)[last] ?? (f.startsWith('lifeDomains') ? 'lifeDomains' : last);
}

/**
 * Register a contact "in under a minute": who (existing, new or anonymous), channel, question, life domains, outcome.
 * "Nog een contact registreren" starts a fresh form (a new key remounts it: nothing of the last contact stays).
 */
export function ContactPage() {
  const [round, setRound] = useState(0);
  const navigate = useNavigate();
  return <ContactForm key={round} onAnother={() => { navigate('/contacten/nieuw', { replace: true, state: null }); setRound((r) => r + 1); }} />;
}

function ContactForm({ onAnother }: { onAnother: () => void }) {
  const { t, lang } = useI18n();
  const fmt = useFormat();
  const domains = useLifeDomains();
  const { localise } = useProblemText();
  const { state } = useSession();
  const [params] = useSearchParams();
  // Picked up from the desk's list of digital questions (digital-questions-page.tsx).
  const location = useLocation();
  const handedOver = location.state as { portalRequest?: PortalRequest; prefill?: ContactPrefill } | null;
  const portalRequest = handedOver?.portalRequest ?? null;
  const [clientId, setClientId] = useState<string | null>(params.get('clientId') ?? portalRequest?.clientId ?? null);
  const [clientName, setClientName] = useState<string | null>(params.get('name') ?? (portalRequest?.clientId ? portalRequest.citizenName : null));
  const [anonymous, setAnonymous] = useState(false);
  const [c, setC] = useState(() => ({ ...empty, ...handedOver?.prefill }));
  // Outcome 2 for a digital question: the record from the digital channel has no address yet.
  const [clientAddress, setClientAddress] = useState(() => addressIn(portalRequest?.contactValue));
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
    'contactPoint', 'phone', 'channel', 'question', 'lifeDomains', 'urgency', 'outcome', 'generalProvision', 'overrideTeam', 'overrideReason', 'teamId', 'clientId', 'clientPostcode', 'clientHouseNumber']
    .map((k) => [k, t(`intake.field.${k}`)])), [t]);
  const form = useFormErrors('contact', labels);

  useEffect(() => {
    void api.get<Team[]>('/api/v1/teams').then((all) => setTeams(all.filter((x) => x.kind === 'neighbourhood_team' && x.active))).catch(() => {});
  }, []);
  const askAddress = !!portalRequest && !!clientId && outcome === '2';
  const lookupPostcode = askAddress ? clientAddress.postcode : c.postcode;
  useEffect(() => {
    setProposed(null);
    if (!POSTCODE.test(lookupPostcode.trim())) return;
    const pc = lookupPostcode.replace(/\s/g, '').toUpperCase();
    void api.get<PostcodeLookup>(`/api/v1/postcode-lookups/${pc}`).then(setProposed).catch(() => {});
  }, [lookupPostcode]);

  const newClient = !clientId && !anonymous;
  // An anonymous question can only end in information and advice (the API refuses the rest).
  useEffect(() => {
    if (anonymous && outcome && outcome !== '1') setOutcome('1');
  }, [anonymous, outcome]);
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
    clientAddress: askAddress && clientAddress.postcode ? { postcode: clientAddress.postcode, houseNumber: Number(clientAddress.houseNumber) } : undefined,
    ...extra,
  });

  /** Every check the browser can make, all at once (the same rules as the API: field-rules.ts). */
  function check(): Record<string, string> {
    const errs: Record<string, string> = {};
    const rule = (field: string, value: string, fn: (v: string) => { nl: string; en: string } | null) => {
      const problem = value.trim() ? fn(value.trim()) : null;
      if (problem) errs[field] = problem[lang];
    };
    if (newClient) {
      if (!c.surname.trim()) errs.surname = t('intake.error.surname');
      rule('birthDate', c.birthDate, (v) => checkBirthDate(v));
      rule('bsn', c.bsn, checkBsn);
      if (!c.noFixedAddress) {
        rule('postcode', c.postcode, checkPostcode);
        if (c.postcode.trim() && !c.houseNumber.trim()) errs.houseNumber = t('intake.error.houseNumber');
        if (c.houseNumber.trim() && !/^\d{1,5}$/.test(c.houseNumber.trim())) errs.houseNumber = t('intake.error.houseNumberDigits');
      }
      rule('phone', c.phone, checkPhone);
    }
    if (askAddress && clientAddress.postcode.trim()) {
      rule('clientPostcode', clientAddress.postcode, checkPostcode);
      if (!/^\d{1,5}$/.test(clientAddress.houseNumber.trim())) errs.clientHouseNumber = t('intake.error.houseNumber');
    }
    if (question.trim().length < 3) errs.question = t('intake.error.question');
    if (!outcome) errs.outcome = t('intake.error.outcome');
    if (anonymous && outcome && outcome !== '1') errs.outcome = t('intake.error.anonymous');
    return errs;
  }

  async function send(extra: Record<string, unknown> = {}) {
    const errs = check();
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
          // No team for a digital question's client: the record has no address yet, so ask for it there.
          if (askAddress && byField.overrideTeam && !overrideTeam) {
            delete byField.overrideTeam;
            byField.clientPostcode = t('intake.error.clientAddress');
          }
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
          {saved.notification && <Paragraph>{saved.notification.law === 'jeugdwet' ? t('intake.saved.youthNotification')
            : t('intake.saved.notification', { date: fmt.day(saved.notification.assessmentDeadline) })}</Paragraph>}
          {saved.safetySignal && <Paragraph>{t('intake.saved.safety')}</Paragraph>}
        </Alert>
        <div className="ww-actions">
          {saved.clientId && <AppLink to={`/clienten/${saved.clientId}`}>{t('intake.saved.openClient')}</AppLink>}
          {portalRequest && <AppLink to="/digitale-vragen">{t('desk.back')}</AppLink>}
          <Button appearance="secondary-action-button" onClick={onAnother}>
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
          <CitizenContact request={portalRequest} />
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
                        <TextField {...form.field('houseNumber')} value={c.houseNumber} onChange={set('houseNumber')} inputMode="numeric" required={!!c.postcode.trim()} />
                        <TextField {...form.field('houseNumberAddition')} value={c.houseNumberAddition} onChange={set('houseNumberAddition')} />
                      </>
                    )}
                  <TextField {...form.field('phone')} type="tel" value={c.phone} onChange={set('phone')} autoComplete="off" description={t('intake.phoneHelp')} />
                </>
              )}
            </>
          )}
        </section>
        <RadioGroup {...form.field('channel')} value={channel} onChange={setChannel} options={CHANNELS.map((v) => ({ value: v, label: t(`intake.channel.${v}`) }))} />
        <TextareaField {...form.field('question')} value={question} onChange={setQuestion} rows={3} description={t('intake.questionHelp')} required />
        <CheckboxGroup {...form.field('lifeDomains')} value={lifeDomains} onChange={setLifeDomains} columns
          options={domains.options} />
        <SelectField {...form.field('urgency')} value={urgency} onChange={setUrgency} options={opt(URGENCIES, 'intake.urgency')} />
        <RadioGroup {...form.field('outcome')} value={outcome} onChange={setOutcome} required
          description={anonymous ? t('intake.anonymousOutcome') : undefined}
          options={([1, 2, 3, 4, 5, 6] as const).map((n) => ({ value: String(n), label: `${n}. ${contactOutcomeLabels[n][lang]}`, disabled: anonymous && n !== 1 }))} />
        {outcome === '1' && <TextField {...form.field('generalProvision')} value={generalProvision} onChange={setGeneralProvision} />}
        {outcome === '2' && (
          <section className="ww-box" aria-labelledby="contact-team">
            <Heading level={2} id="contact-team" appearance="utrecht-heading-4">{t('intake.team.title')}</Heading>
            {askAddress && (
              <>
                <Paragraph>{t('intake.team.askAddress')}</Paragraph>
                <TextField {...form.field('clientPostcode')} value={clientAddress.postcode} onChange={(v) => setClientAddress((a) => ({ ...a, postcode: v }))}
                  autoComplete="off" description={t('intake.postcodeHelp')} />
                <TextField {...form.field('clientHouseNumber')} value={clientAddress.houseNumber} onChange={(v) => setClientAddress((a) => ({ ...a, houseNumber: v }))}
                  inputMode="numeric" />
              </>
            )}
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

/** How the citizen wants to be reached, as links the desk can use (tap to call, write an e-mail). */
export function CitizenContact({ request: p }: { request: PortalRequest }) {
  const { t } = useI18n();
  if (!p.contactValue && p.contactPreference !== 'letter') return null;
  return (
    <Paragraph>
      {t('desk.contactLabel', { how: t(`desk.preference.${p.contactPreference}`) })}{' '}
      {p.contactPreference === 'phone' ? <PhoneLink phone={p.contactValue} /> : p.contactPreference === 'email' ? <EmailLink email={p.contactValue} /> : p.contactValue ?? t('desk.letterToRecord')}
    </Paragraph>
  );
}
