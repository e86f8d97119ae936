import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useMemo, useState } from 'react';
import type { CoordinationView, OnwardReferralView } from '../../../../src/modules/casework/schemas.ts';
import { ONWARD_REFERRAL_KINDS } from '../../../../src/modules/casework/coordination-process.ts';
import { api } from '../../api.ts';
import { SelectField, TextareaField, TextField, useFormErrors } from '../../components/form.tsx';
import { AppLink, Loading } from '../../components/page.tsx';
import { useFormat, useI18n, useProblemText } from '../../i18n.tsx';
import { useMay } from '../../session.tsx';

const key = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

/**
 * Casusregie on the trajectory page: who is active on the case (the team keeps coordination), the
 * onward referrals with their status and melding, and op- en afschalen as hand-overs in order. The
 * forms are the own team's (`coordination.mayAct`); the steps offered are the server's allowed-next.
 */
export function CoordinationSection({ trajectoryId }: { trajectoryId: string }) {
  const { t } = useI18n();
  const { forError } = useProblemText();
  const [view, setView] = useState<CoordinationView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.get<CoordinationView>(`/api/v1/trajectories/${trajectoryId}/coordination`).then(setView, (err) => setError(forError(err)));
  }, [trajectoryId, forError]);

  const active = view ? view.onwardReferrals.filter((r) => r.status !== 'ended') : [];

  return (
    <section aria-labelledby="trajectory-coordination">
      <Heading level={2} id="trajectory-coordination">{t('coordination.title')}</Heading>
      {error && <Alert type="error"><Paragraph>{error}</Paragraph></Alert>}
      {view && (
        <>
          <Heading level={3}>{t('coordination.active.title')}</Heading>
          <ul aria-label={t('coordination.active.title')}>
            <li>{t('coordination.active.team', { team: view.teamName, professional: view.professionalName ?? t('casework.unassigned') })}</li>
            {view.escalatedTo.map((p) => <li key={p}>{t('coordination.active.escalated', { party: t(`coordination.party.${p}`) })}</li>)}
            {active.map((r) => <li key={r.id}>{referralTitle(r, t)}: {t(`coordination.status.${r.status}`)}</li>)}
          </ul>
          <OnwardReferrals view={view} onUpdate={setView} />
          <Handovers view={view} onUpdate={setView} />
          {!view.mayAct && <Paragraph>{t('coordination.readOnly')}</Paragraph>}
        </>
      )}
      {!view && !error && <Loading />}
    </section>
  );
}

type T = (key: string, vars?: Record<string, string | number>) => string;
function referralTitle(r: OnwardReferralView, t: T): string {
  return r.kind === 'second_line' ? r.organisation ?? '' : t('coordination.referral.indicationTitle', { law: t(`coordination.law.${r.notification?.law ?? 'wmo'}`) });
}

function OnwardReferrals({ view, onUpdate }: { view: CoordinationView; onUpdate: (v: CoordinationView) => void }) {
  const { t } = useI18n();
  const mayReadMelding = useMay()('wmo.notification.read');
  const [kind, setKind] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [law, setLaw] = useState('');
  const [purpose, setPurpose] = useState('');
  const [referredOn, setReferredOn] = useState('');
  const [contact, setContact] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const labels = useMemo(() => ({ kind: t('coordination.referral.kind'), organisation: t('coordination.referral.organisation'), law: t('coordination.referral.law'),
    purpose: t('coordination.referral.purpose'), referredOn: t('coordination.referral.referredOn'), contact: t('coordination.referral.contact') }), [t]);
  const form = useFormErrors('onward-referral', labels);
  const step = useFormErrors('onward-step', useMemo(() => ({ on: t('coordination.referral.stepOn'), note: t('coordination.referral.stepNote') }), [t]));

  async function submit() {
    const errs: Record<string, string> = {};
    if (!kind) errs.kind = t('coordination.referral.chooseKind');
    if (kind === 'second_line' && organisation.trim().length < 2) errs.organisation = t('coordination.required');
    if (kind === 'indication' && !law) errs.law = t('coordination.referral.chooseLaw');
    if (purpose.trim().length < 2) errs.purpose = t('coordination.required');
    if (Object.keys(errs).length) return form.fail(errs);
    await form.run(async () => {
      const body = { kind, purpose: purpose.trim(), ...(kind === 'second_line' ? { organisation: organisation.trim() } : { law }),
        ...(referredOn ? { referredOn } : {}), ...(contact.trim() ? { contact: contact.trim() } : {}) };
      onUpdate(await api.post<CoordinationView>(`/api/v1/trajectories/${view.trajectoryId}/onward-referrals`, body, { headers: { 'idempotency-key': key('onward') } }));
      form.reset();
      setKind(''); setOrganisation(''); setLaw(''); setPurpose(''); setReferredOn(''); setContact('');
      setSaved(t('coordination.referral.saved'));
    });
  }

  async function act(r: OnwardReferralView, type: string, note: string) {
    await step.run(async () => {
      onUpdate(await api.post<CoordinationView>(`/api/v1/onward-referrals/${r.id}/actions`, { type, ...(note.trim() ? { note: note.trim() } : {}) }));
      setSaved(t('coordination.referral.stepDone', { step: t(`coordination.command.${type}`) }));
    });
  }

  return (
    <>
      <Heading level={3}>{t('coordination.referral.title')}</Heading>
      {saved && <Paragraph role="status">{saved}</Paragraph>}
      {view.onwardReferrals.length === 0 && <Paragraph>{t('coordination.referral.none')}</Paragraph>}
      {step.summary}
      {view.onwardReferrals.map((r) => (
        <ReferralCard key={r.id} r={r} mayAct={view.mayAct} mayReadMelding={mayReadMelding} busy={step.busy} onAct={(type, note) => void act(r, type, note)} />
      ))}
      {view.mayAct && (
        <>
          <Heading level={4}>{t('coordination.referral.new')}</Heading>
          {form.summary}
          <div className="ww-form">
            <SelectField {...form.field('kind')} value={kind} onChange={setKind} emptyLabel={t('casework.step.choose')} required
              options={ONWARD_REFERRAL_KINDS.map((k) => ({ value: k, label: t(`coordination.kind.${k}`) }))} />
            {kind === 'second_line' && <TextField {...form.field('organisation')} value={organisation} onChange={setOrganisation} maxLength={200} required />}
            {kind === 'indication' && <SelectField {...form.field('law')} value={law} onChange={setLaw} emptyLabel={t('casework.step.choose')} required
              description={t('coordination.referral.lawHint')}
              options={(['wmo', 'jeugdwet'] as const).map((l) => ({ value: l, label: t(`coordination.law.${l}`) }))} />}
            <TextareaField {...form.field('purpose')} value={purpose} onChange={setPurpose} rows={2} required />
            <TextField {...form.field('referredOn')} type="date" value={referredOn} onChange={setReferredOn} description={t('casework.step.onHint')} />
            <TextField {...form.field('contact')} value={contact} onChange={setContact} maxLength={200} />
            <Button appearance="secondary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void submit()}>{t('coordination.referral.submit')}</Button>
          </div>
        </>
      )}
    </>
  );
}

function ReferralCard({ r, mayAct, mayReadMelding, busy, onAct }: {
  r: OnwardReferralView; mayAct: boolean; mayReadMelding: boolean; busy: boolean; onAct: (type: string, note: string) => void;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const [note, setNote] = useState('');
  const title = referralTitle(r, t);
  return (
    <article aria-label={title} className="ww-card">
      <Heading level={4}>{title}</Heading>
      <dl className="ww-dl">
        <div className="ww-dl-row"><dt>{t('coordination.referral.purpose')}</dt><dd>{r.purpose}</dd></div>
        <div className="ww-dl-row"><dt>{t('coordination.referral.referredOn')}</dt><dd>{fmt.date(r.referredOn)}</dd></div>
        {r.contact && <div className="ww-dl-row"><dt>{t('coordination.referral.contact')}</dt><dd>{r.contact}</dd></div>}
        <div className="ww-dl-row"><dt>{t('coordination.referral.status')}</dt><dd>{t(`coordination.status.${r.status}`)}</dd></div>
        {r.notification && (
          <div className="ww-dl-row"><dt>{t('coordination.referral.melding')}</dt><dd>
            {mayReadMelding
              ? <AppLink to={`/meldingen/${r.notification.id}`}>{fmt.status('wmo', r.notification.status)}</AppLink>
              : fmt.status('wmo', r.notification.status)}
          </dd></div>
        )}
      </dl>
      <ol aria-label={t('coordination.referral.history', { title })}>
        {/* Each step happens once on a referral: its type is its key. */}
        {r.actions.map((a) => (
          <li key={a.type}>{fmt.date(a.on)}: {t(`coordination.action.${a.type}`)}{a.actorName ? ` (${a.actorName})` : ''}{a.note ? `: “${a.note}”` : ''}</li>
        ))}
      </ol>
      {mayAct && r.allowedNext.length > 0 && (
        <div className="ww-form ww-inline-form">
          <TextField id={`onward-note-${r.id}`} label={t('coordination.referral.stepNoteFor', { title })} value={note} onChange={setNote} />
          {r.allowedNext.map((c) => (
            <Button key={c} appearance="secondary-action-button" disabled={busy} onClick={() => { onAct(c, note); setNote(''); }}>{t(`coordination.command.${c}`)}</Button>
          ))}
        </div>
      )}
    </article>
  );
}

function Handovers({ view, onUpdate }: { view: CoordinationView; onUpdate: (v: CoordinationView) => void }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const [choice, setChoice] = useState('');
  const [partyName, setPartyName] = useState('');
  const [reason, setReason] = useState('');
  const [handedOver, setHandedOver] = useState('');
  const [confirmedBy, setConfirmedBy] = useState('');
  const [confirmedOn, setConfirmedOn] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const labels = useMemo(() => ({ choice: t('coordination.handover.choice'), partyName: t('coordination.handover.partyName'), reason: t('coordination.handover.reason'),
    handedOver: t('coordination.handover.handedOver'), confirmedBy: t('coordination.handover.confirmedBy'), confirmedOn: t('coordination.handover.confirmedOn') }), [t]);
  const form = useFormErrors('handover', labels);
  const [direction, party] = choice.split(':') as [string, string];

  async function submit() {
    const errs: Record<string, string> = {};
    if (!choice) errs.choice = t('coordination.handover.chooseChoice');
    for (const [f, v] of [['partyName', partyName], ['reason', reason], ['handedOver', handedOver], ['confirmedBy', confirmedBy]] as const) {
      if (v.trim().length < 2) errs[f] = t('coordination.required');
    }
    if (Object.keys(errs).length) return form.fail(errs);
    await form.run(async () => {
      const body = { direction, party, partyName: partyName.trim(), reason: reason.trim(), handedOver: handedOver.trim(), confirmedBy: confirmedBy.trim(),
        ...(confirmedOn ? { confirmedOn } : {}) };
      onUpdate(await api.post<CoordinationView>(`/api/v1/trajectories/${view.trajectoryId}/handovers`, body, { headers: { 'idempotency-key': key('handover') } }));
      form.reset();
      setChoice(''); setPartyName(''); setReason(''); setHandedOver(''); setConfirmedBy(''); setConfirmedOn('');
      setSaved(t('coordination.handover.saved', { what: t(`coordination.handover.${direction}`, { party: t(`coordination.party.${party}`) }) }));
    });
  }

  return (
    <>
      <Heading level={3}>{t('coordination.handover.title')}</Heading>
      {saved && <Paragraph role="status">{saved}</Paragraph>}
      {view.handovers.length === 0
        ? <Paragraph>{t('coordination.handover.none')}</Paragraph>
        : (
          <ol aria-label={t('coordination.handover.title')}>
            {view.handovers.map((h) => (
              <li key={h.id}>
                <strong>{fmt.date(h.confirmedOn)}: {t(`coordination.handover.${h.direction}`, { party: t(`coordination.party.${h.party}`) })}</strong>
                {` (${h.partyName}) — ${t('coordination.handover.confirmedByValue', { name: h.confirmedBy })}`}
                {h.recordedByName ? ` · ${t('coordination.handover.recordedBy', { name: h.recordedByName })}` : ''}
                {h.sealed
                  ? <Paragraph>{t('coordination.handover.sealed')}</Paragraph>
                  : <Paragraph>{t('coordination.handover.reason')}: {h.reason} · {t('coordination.handover.handedOver')}: {h.handedOver}</Paragraph>}
                {h.safetyRecord?.mayOpen && <AppLink to={`/veiligheid/${h.safetyRecord.id}`}>{t('coordination.handover.openSafetyRecord')}</AppLink>}
              </li>
            ))}
          </ol>
        )}
      {view.mayAct && view.allowedHandovers.length > 0 && (
        <>
          {form.summary}
          <div className="ww-form">
            <SelectField {...form.field('choice')} value={choice} onChange={setChoice} emptyLabel={t('casework.step.choose')} required
              options={view.allowedHandovers.map((h) => ({ value: `${h.direction}:${h.party}`, label: t(`coordination.handover.${h.direction}`, { party: t(`coordination.party.${h.party}`) }) }))} />
            {choice === 'escalate:veilig_thuis' && <Paragraph>{t('coordination.handover.safetyHint')}</Paragraph>}
            <TextField {...form.field('partyName')} value={partyName} onChange={setPartyName} maxLength={200} required />
            <TextareaField {...form.field('reason')} value={reason} onChange={setReason} rows={2} required />
            <TextareaField {...form.field('handedOver')} value={handedOver} onChange={setHandedOver} rows={2} required />
            <TextField {...form.field('confirmedBy')} value={confirmedBy} onChange={setConfirmedBy} maxLength={200} required
              description={t('coordination.handover.confirmedByHint')} />
            <TextField {...form.field('confirmedOn')} type="date" value={confirmedOn} onChange={setConfirmedOn} description={t('casework.step.onHint')} />
            <Button appearance="secondary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void submit()}>{t('coordination.handover.submit')}</Button>
          </div>
        </>
      )}
    </>
  );
}
