import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { URGENCIES } from '../../../../src/modules/intake/life-domains.ts';
import type { NetworkPartner } from '../../../../src/modules/network/schemas.ts';
import type { ReferralView } from '../../../../src/modules/referrals/schemas.ts';
import { api } from '../../api.ts';
import { CheckboxGroup, SelectField, TextareaField, TextField, useFormErrors } from '../../components/form.tsx';
import { AppButtonLink, AppLink, Loading, PageTitle } from '../../components/page.tsx';
import { useProblemText, useT } from '../../i18n.tsx';
import type { Client, Team } from '../../types.ts';
import { useLifeDomains } from '../../use-life-domains.ts';
import { useData } from '../admin/use-data.ts';

/**
 * A network partner refers in (docs/network.md): a desk or team member records the referral on
 * the partner's behalf, from the client page. It goes to the neighbourhood team of the client's
 * address (another team only with a reason), with the partner as its source.
 */
export function PartnerReferralPage() {
  const t = useT();
  const { forError } = useProblemText();
  const { id = '' } = useParams();
  const client = useData<Client>(`/api/v1/clients/${encodeURIComponent(id)}`);
  const partners = useData<NetworkPartner[]>('/api/v1/network-partners?active=true');
  const [done, setDone] = useState<ReferralView | null>(null);
  const [round, setRound] = useState(0);

  if (client.error) return <><PageTitle title={t('network.referral.title')} /><Alert type="error"><Paragraph>{forError(client.error)}</Paragraph></Alert></>;
  if (!client.data || !partners.data) return <><PageTitle title={t('network.referral.title')} /><Loading /></>;
  return (
    <>
      <PageTitle title={t('network.referral.title')} />
      {done ? (
        <>
          <Alert type="ok"><Paragraph role="status">{t('network.referral.done', { partner: done.referrer.partner?.name ?? done.referrer.organisation ?? '', team: done.teamName })}</Paragraph></Alert>
          <div className="ww-actions">
            <AppButtonLink to={`/clienten/${client.data.id}`}>{t('network.referral.backToClient')}</AppButtonLink>
            <Button type="button" appearance="secondary-action-button" onClick={() => { setDone(null); setRound((r) => r + 1); }}>{t('network.referral.another')}</Button>
          </div>
        </>
      ) : (
        <>
          <Paragraph>{t('network.referral.intro', { client: client.data.displayName })}</Paragraph>
          {partners.data.length === 0 ? <Paragraph>{t('network.referral.noPartners')}</Paragraph>
            : <ReferralForm key={round} client={client.data} partners={partners.data} onDone={setDone} />}
          <Paragraph><AppLink to={`/clienten/${client.data.id}`}>{t('network.referral.backToClient')}</AppLink></Paragraph>
        </>
      )}
    </>
  );
}

function ReferralForm({ client, partners, onDone }: { client: Client; partners: NetworkPartner[]; onDone: (r: ReferralView) => void }) {
  const t = useT();
  const domains = useLifeDomains();
  const teams = useData<Team[]>('/api/v1/teams');
  const [partnerId, setPartnerId] = useState('');
  const [referrerName, setReferrerName] = useState('');
  const [reason, setReason] = useState('');
  const [lifeDomains, setLifeDomains] = useState<string[]>([]);
  const [urgency, setUrgency] = useState('normal');
  const [teamId, setTeamId] = useState('');
  const [teamOverrideReason, setTeamOverrideReason] = useState('');
  // One key per filled-in form: a retry after a lost answer is the same referral, not a second one.
  const [key] = useState(() => crypto.randomUUID());
  const labels = useMemo(() => ({
    partnerId: t('network.referral.partner'), referrerName: t('network.referral.referrerName'), reason: t('network.referral.reason'),
    lifeDomains: t('network.referral.lifeDomains'), urgency: t('network.referral.urgency'), teamId: t('network.referral.team'),
    teamOverrideReason: t('network.referral.teamOverrideReason'),
  }), [t]);
  const form = useFormErrors('partner-referral', labels);
  const proposed = client.proposedTeam;
  const otherTeam = teamId !== '' && teamId !== proposed?.id;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!partnerId) errs.partnerId = t('network.referral.partnerRequired');
    if (reason.trim().length < 2) errs.reason = t('network.referral.reasonRequired');
    if (proposed && otherTeam && teamOverrideReason.trim().length < 2) errs.teamOverrideReason = t('network.referral.overrideRequired');
    if (Object.keys(errs).length) return form.fail(errs);
    await form.run(async () => {
      onDone(await api.post<ReferralView>('/api/v1/partner-referrals', {
        partnerId, clientId: client.id, referrerName: referrerName.trim() || null, reason: reason.trim(), lifeDomains, urgency,
        ...(otherTeam ? { teamId, teamOverrideReason: teamOverrideReason.trim() || null } : {}),
      }, { headers: { 'idempotency-key': key } }));
    });
  }

  const partnerOptions = partners.map((p) => ({ value: p.id, label: `${p.name} (${t(`network.kind.${p.kind}`)})` }));
  const teamOptions = (teams.data ?? []).filter((x) => x.kind === 'neighbourhood_team' && x.active && x.id !== proposed?.id).map((x) => ({ value: x.id, label: x.name }));
  return (
    <section aria-labelledby="partner-referral-form">
      <Heading level={2} id="partner-referral-form" className="ww-visually-hidden">{t('network.referral.title')}</Heading>
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <SelectField {...form.field('partnerId')} value={partnerId} onChange={setPartnerId} options={partnerOptions} emptyLabel={t('network.referral.choosePartner')} required />
        <TextField {...form.field('referrerName')} value={referrerName} onChange={setReferrerName} />
        <TextareaField {...form.field('reason')} value={reason} onChange={setReason} rows={3} required />
        <CheckboxGroup {...form.field('lifeDomains')} value={lifeDomains} onChange={setLifeDomains} options={domains.options} columns />
        <SelectField {...form.field('urgency')} value={urgency} onChange={setUrgency} options={URGENCIES.map((u) => ({ value: u, label: t(`intake.urgency.${u}`) }))} />
        <Paragraph>{proposed ? t('network.referral.proposedTeam', { team: `${proposed.name} (${proposed.districtName})` }) : t('network.referral.noProposedTeam')}</Paragraph>
        <SelectField {...form.field('teamId')} value={teamId} onChange={setTeamId} options={teamOptions}
          emptyLabel={proposed ? t('network.referral.sameTeam') : t('common.choose')} required={!proposed} />
        {proposed && otherTeam && <TextareaField {...form.field('teamOverrideReason')} value={teamOverrideReason} onChange={setTeamOverrideReason} rows={2} required />}
        <div className="ww-actions"><Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>{t('network.referral.submit')}</Button></div>
      </form>
    </section>
  );
}
