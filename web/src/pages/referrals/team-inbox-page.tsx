import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import type { ReferralView as Referral, TeamProfessional as Professional } from '../../../../src/modules/referrals/schemas.ts';
import { api } from '../../api.ts';
import { CheckboxGroup, SelectField, TextareaField, useFormErrors } from '../../components/form.tsx';
import { AppLink, Loading, PageTitle } from '../../components/page.tsx';
import { useFormat, useI18n, useProblemText } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { useLifeDomains } from '../../use-life-domains.ts';

export type { Referral };

/** Referrals per page; "Meer laden" asks for the next (keyset paging: after the last one shown). */
const INBOX_PAGE = 50;

/** A neighbourhood team's (or, with kind 'desk', a desk's) inbox: open referrals first by urgency; accept (assign a professional) or return with a reason. */
export function TeamInboxPage({ kind = 'neighbourhood_team' }: { kind?: 'neighbourhood_team' | 'desk' }) {
  const { t } = useI18n();
  const { state } = useSession();
  const { forError } = useProblemText();
  const teams = state.status === 'active' ? state.session.user.teams.filter((x) => x.kind === kind) : [];
  const [teamId, setTeamId] = useState(teams[0]?.id ?? '');
  const [status, setStatus] = useState('open');
  const [list, setList] = useState<Referral[] | null>(null);
  const [pros, setPros] = useState<Professional[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const [hasMore, setHasMore] = useState(false);
  const fetchPage = useCallback(async (after?: string) => {
    const page = await api.get<Referral[]>(`/api/v1/teams/${teamId}/referrals`, { query: { status, after, limit: INBOX_PAGE } });
    setHasMore(page.length === INBOX_PAGE);
    return page;
  }, [teamId, status]);
  const more = async () => {
    try {
      const next = await fetchPage(list?.at(-1)?.id);
      setList([...(list ?? []), ...next]);
    } catch (err) {
      setError(forError(err));
    }
  };

  const load = useCallback(async () => {
    if (!teamId) return;
    try {
      setList(await fetchPage());
      setPros(await api.get<Professional[]>(`/api/v1/teams/${teamId}/professionals`).catch(() => []));
    } catch (err) {
      setError(forError(err));
    }
  }, [teamId, fetchPage, forError]);
  useEffect(() => { void load(); }, [load]);

  if (!teamId) return <><PageTitle title={t(kind === 'desk' ? 'nav.deskInbox' : 'referrals.inbox.title')} /><Paragraph>{t('referrals.inbox.noTeam')}</Paragraph></>;
  return (
    <>
      <PageTitle title={t(kind === 'desk' ? 'nav.deskInbox' : 'referrals.inbox.title')} />
      {message && <Alert type="ok"><Paragraph role="status">{message}</Paragraph></Alert>}
      {error && <Alert type="error"><Paragraph>{error}</Paragraph></Alert>}
      <div className="ww-form">
        {teams.length > 1 && <SelectField id="inbox-team" label={t('referrals.inbox.team')} value={teamId} onChange={setTeamId} options={teams.map((x) => ({ value: x.id, label: x.name }))} />}
        <SelectField id="inbox-status" label={t('referrals.inbox.status')} value={status} onChange={setStatus}
          options={['open', 'accepted', 'in_progress', 'returned', 'closed'].map((s) => ({ value: s, label: t(`referrals.status.${s}`) }))} />
      </div>
      {!list ? <Loading /> : list.length === 0 ? <Paragraph>{t('referrals.inbox.empty')}</Paragraph> : (
        <ul className="ww-cards" aria-label={t('referrals.inbox.listLabel')}>
          {list.map((r) => <ReferralCard key={r.id} r={r} pros={pros} onDone={(msg) => { setMessage(msg); void load(); }} />)}
        </ul>
      )}
      {list && hasMore && <Button appearance="secondary-action-button" onClick={() => void more()}>{t('casework.more')}</Button>}
    </>
  );
}

function ReferralCard({ r, pros, onDone }: { r: Referral; pros: Professional[]; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const domains = useLifeDomains();
  const fmt = useFormat();
  const [assignee, setAssignee] = useState('');
  const [reason, setReason] = useState('');
  const [lifeDomains, setLifeDomains] = useState<string[]>(r.lifeDomains);
  const labels = useMemo(() => ({ assignedUserId: t('referrals.card.assignee'), reason: t('referrals.card.returnReason'), lifeDomains: t('referrals.card.lifeDomains') }), [t]);
  const form = useFormErrors(`referral-${r.id}`, labels);
  async function act(command: 'accept' | 'return') {
    if (command === 'accept' && !assignee) return form.fail({ assignedUserId: t('referrals.card.chooseAssignee') });
    if (command === 'return' && reason.trim().length < 2) return form.fail({ reason: t('referrals.card.giveReason') });
    await form.run(async () => {
      const res = await api.post<Referral>(`/api/v1/referrals/${r.id}/${command}`, command === 'accept' ? { assignedUserId: assignee } : { reason },
        { headers: { 'idempotency-key': `${command}-${r.id}-${assignee || 'return'}` } });
      onDone(command === 'accept' ? t('referrals.card.accepted', { client: r.clientName, name: res.assignedUserName ?? '' }) : t('referrals.card.returned', { client: r.clientName }));
    });
  }
  /** Triage: a referral sent as free text only (a GP's short form) gets its life domains from the team. */
  async function saveLifeDomains() {
    if (lifeDomains.length === 0) return form.fail({ lifeDomains: t('referrals.card.chooseLifeDomain') });
    await form.run(async () => {
      await api.post<Referral>(`/api/v1/referrals/${r.id}/life-domains`, { lifeDomains },
        { headers: { 'idempotency-key': `life-domains-${r.id}-${[...lifeDomains].sort().join(',')}` } });
      onDone(t('referrals.card.lifeDomainsSet', { client: r.clientName }));
    });
  }
  /** What the GP sent about the person goes into the record only by this explicit, audited step. */
  async function takeOver() {
    await form.run(async () => {
      await api.post<Referral>(`/api/v1/referrals/${r.id}/take-over`, {});
      onDone(t('referrals.sent.tookOver', { client: r.clientName }));
    });
  }
  const referrer = [r.referrer.name, r.referrer.teamName ?? r.referrer.organisation].filter(Boolean).join(', ');
  // Where it came from: the desk, the GP practice, or the network partner (docs/network.md).
  const sourceName = r.referrer.partner ? `${r.referrer.partner.name} (${t(`network.kind.${r.referrer.partner.kind}`)})` : r.referrer.teamName ?? r.referrer.organisation ?? '';
  return (
    <li className="ww-box ww-card">
      <Heading level={2} appearance="utrecht-heading-4">
        {r.clientName}{r.clientBirthDate ? ` (${fmt.date(r.clientBirthDate)})` : ''} · {t(`referrals.urgency.${r.urgency}`)}
      </Heading>
      {r.review && (
        <Alert type="warning">
          <Heading level={3} appearance="utrecht-heading-5">{t('referrals.review.title')}</Heading>
          <Paragraph>{t('referrals.review.text')}</Paragraph>
          <Paragraph>{t('referrals.review.sent', { name: r.review.sent.name, birthDate: fmt.date(r.review.sent.birthDate) })}<br />
            {t('referrals.review.record', { name: r.review.record.name, birthDate: r.review.record.birthDate ? fmt.date(r.review.record.birthDate) : '–' })}</Paragraph>
        </Alert>
      )}
      <Paragraph>“{r.reason}”</Paragraph>
      <Paragraph>{t(`referrals.source.${r.source}`, { name: sourceName })}</Paragraph>
      {r.source === 'gp' || r.safetySignals || r.contactRoute
        ? <FirstContactFacts r={r} />
        : <Paragraph>{t('referrals.card.from', { referrer, date: fmt.dateTime(r.createdAt) })}</Paragraph>}
      {r.lifeDomains.length > 0 && <Paragraph>{r.lifeDomains.map(domains.label).join(' · ')}</Paragraph>}
      {r.lifeDomains.length === 0 && r.allowedNext.includes('setLifeDomains') && <Paragraph>{t('referrals.card.noLifeDomains')}</Paragraph>}
      {r.sentData && <SentDataFacts r={r} />}
      {r.sentData && !r.sentData.takenOverAt && r.identity === 'matched' && r.allowedNext.length > 0 && (
        <Button appearance="secondary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void takeOver()}>{t('referrals.sent.takeOver')}</Button>
      )}
      {r.teamOverrideReason && <Paragraph>{t('referrals.card.override', { reason: r.teamOverrideReason })}</Paragraph>}
      <Paragraph>{t('referrals.card.status', { status: t(`referrals.status.${r.status}`) })}{r.assignedUserName ? ` · ${r.assignedUserName}` : ''}</Paragraph>
      <AppLink to={`/clienten/${r.clientId}`}>{t('referrals.card.openClient')}</AppLink>
      {/* Its support starts and ends on the trajectory page, not here. */}
      {r.trajectoryId && <> · <AppLink to={`/trajecten/${r.trajectoryId}`}>{t('referrals.card.openTrajectory')}</AppLink></>}
      {form.summary}
      {r.allowedNext.includes('setLifeDomains') && (
        <div className="ww-form">
          <CheckboxGroup {...form.field('lifeDomains')} value={lifeDomains} onChange={setLifeDomains} options={domains.options} columns />
          <Button appearance="secondary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void saveLifeDomains()}>{t('referrals.card.setLifeDomains')}</Button>
        </div>
      )}
      {r.allowedNext.includes('accept') && (
        <div className="ww-form">
          <SelectField {...form.field('assignedUserId')} value={assignee} onChange={setAssignee} emptyLabel={t('referrals.card.choose')}
            options={pros.map((p) => ({ value: p.id, label: p.displayName }))} />
          <Button appearance="primary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void act('accept')}>{t('referrals.card.accept')}</Button>
          <TextareaField {...form.field('reason')} value={reason} onChange={setReason} rows={2} />
          <Button appearance="secondary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void act('return')}>{t('referrals.card.return')}</Button>
        </div>
      )}
    </li>
  );
}

/**
 * What a professional needs before the first contact, as the referrer sent it: for a GP referral
 * the GP, practice and AGB code, and (from any referrer who was asked) safety signals and the
 * client's preferred contact route.
 */
function FirstContactFacts({ r }: { r: Referral }) {
  const { t, has } = useI18n();
  const fmt = useFormat();
  const label = (group: string, code: string) => (has(`referrals.${group}.${code}`) ? t(`referrals.${group}.${code}`) : code);
  const rows: [string, ReactNode][] = [
    [t('referrals.card.referrer'), r.referrer.name ?? r.referrer.teamName],
    [t('referrals.card.practice'), r.referrer.organisation],
    [t('referrals.card.agbCode'), r.referrer.agbCode],
    [t('referrals.card.received'), fmt.dateTime(r.createdAt)],
    [t('referrals.card.safetySignals'), r.safetySignals === null ? null : r.safetySignals.length === 0 ? t('referrals.card.noSafetySignals')
      : <strong key="signals">{r.safetySignals.map((c) => label('safetySignal', c)).join(', ')}</strong>],
    [t('referrals.card.contactRoute'), r.contactRoute ? label('contactRoute', r.contactRoute) : null],
  ];
  return (
    <dl className="ww-dl">
      {rows.filter(([, v]) => v).map(([k, v]) => <div key={k} className="ww-dl-row"><dt>{k}</dt><dd>{v}</dd></div>)}
    </dl>
  );
}

/** What the referrer sent about the person (representative, consent, contact details): kept on the referral until taken over. */
function SentDataFacts({ r }: { r: Referral }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const d = r.sentData!;
  if (r.identity === 'registered') return null; // the record was created from it: nothing to take over
  const rows: [string, ReactNode][] = [
    [t('referrals.sent.representative'), d.representative ? [d.representative.name, d.representative.phone].filter(Boolean).join(', ') : null],
    [t('referrals.sent.consent'), d.consent ? t('referrals.sent.consentText', { recipient: d.consent.recipient, date: fmt.date(d.consent.givenOn) }) : null],
    [t('referrals.sent.phone'), d.patient.phone],
    [t('referrals.sent.email'), d.patient.email],
  ];
  return (
    <>
      <Paragraph><strong>{t(d.takenOverAt ? 'referrals.sent.titleTaken' : 'referrals.sent.title')}</strong></Paragraph>
      <dl className="ww-dl">
        {rows.filter(([, v]) => v).map(([k, v]) => <div key={k} className="ww-dl-row"><dt>{k}</dt><dd>{v}</dd></div>)}
      </dl>
      {d.takenOverAt && <Paragraph>{t('referrals.sent.takenOver', { date: fmt.dateTime(d.takenOverAt) })}</Paragraph>}
    </>
  );
}
