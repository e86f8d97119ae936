import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useMemo, useState } from 'react';
import type { AccessRequestView, MemberView, SafetyRecordView } from '../../../../src/modules/safety/schemas.ts';
import { api } from '../../api.ts';
import { SelectField, TextareaField, useFormErrors } from '../../components/form.tsx';
import { useFormat, useProblemText, useT } from '../../i18n.tsx';

/** Break-the-glass on a sealed record, asked by someone not on the case; nothing opens until a second person approves. */
export function AccessRequestForm({ recordId, onSent }: { recordId: string; onSent: () => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const labels = useMemo(() => ({ reason: t('safety.access.reason') }), [t]);
  const form = useFormErrors('safety-access', labels);
  async function send() {
    if (reason.trim().length < 10) return form.fail({ reason: t('safety.access.reason') });
    await form.run(async () => {
      await api.post<AccessRequestView>(`/api/v1/safety-records/${recordId}/access-requests`, { reason });
      onSent();
    });
  }
  return (
    <section aria-labelledby="safety-access-title">
      <Heading level={2} id="safety-access-title">{t('safety.access.request')}</Heading>
      <Paragraph>{t('safety.access.requestIntro')}</Paragraph>
      {form.summary}
      <div className="ww-form">
        <TextareaField {...form.field('reason')} value={reason} onChange={setReason} rows={3} required />
        <Button appearance="primary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void send()}>{t('safety.access.send')}</Button>
      </div>
    </section>
  );
}

/** The record's break-the-glass requests; a team lead or the safety officer on the case decides (the API refuses the one who asked). */
export function AccessRequestsSection({ rec, onDecided }: { rec: SafetyRecordView; onDecided: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const [error, setError] = useState<string | null>(null);
  if (rec.accessRequests.length === 0) return null;
  async function decide(r: AccessRequestView, approved: boolean) {
    try {
      await api.post(`/api/v1/safety-records/${rec.id}/access-requests/${r.id}/decision`, { approved, hours: 8 });
      setError(null);
      onDecided();
    } catch (err) {
      setError(forError(err));
    }
  }
  return (
    <section aria-labelledby="safety-requests">
      <Heading level={2} id="safety-requests">{t('safety.access.requests')}</Heading>
      {error && <Alert type="error"><Paragraph>{error}</Paragraph></Alert>}
      <ul className="ww-cards">
        {rec.accessRequests.map((r) => (
          <li key={r.id} className="ww-box">
            <Paragraph>{t('safety.access.requestLine', { user: r.requestedByName, date: fmt.dateTime(r.requestedAt), reason: r.reason })}</Paragraph>
            <Paragraph className="ww-muted">
              {r.approved === null ? t('safety.access.pending')
                : r.approved ? t('safety.access.approved', { user: r.decidedByName ?? '', until: r.expiresAt ? fmt.dateTime(r.expiresAt) : '' })
                : t('safety.access.refused', { user: r.decidedByName ?? '' })}
            </Paragraph>
            {rec.mayLead && r.approved === null && (
              <div className="ww-actions">
                <Button appearance="primary-action-button" onClick={() => void decide(r, true)}>{t('safety.access.approve', { user: r.requestedByName })}</Button>
                <Button appearance="secondary-action-button" onClick={() => void decide(r, false)}>{t('safety.access.refuse', { user: r.requestedByName })}</Button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A team lead or the safety officer on the case puts a professional of a team involved on it. */
export function AddMemberSection({ recordId, onAdded }: { recordId: string; onAdded: (rec: SafetyRecordView) => void }) {
  const t = useT();
  const { forError } = useProblemText();
  const [people, setPeople] = useState<MemberView[] | null>(null);
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<MemberView[]>(`/api/v1/safety-records/${recordId}/candidates`).then(setPeople).catch((err) => setError(forError(err)));
  }, [recordId, forError]);
  async function add() {
    if (!userId) return;
    try {
      const rec = await api.post<SafetyRecordView>(`/api/v1/safety-records/${recordId}/members`, { userId });
      setPeople((ps) => ps?.filter((p) => p.userId !== userId) ?? null);
      setUserId('');
      setError(null);
      onAdded(rec);
    } catch (err) {
      setError(forError(err));
    }
  }
  if (!people || people.length === 0) return error ? <Alert type="error"><Paragraph>{error}</Paragraph></Alert> : null;
  return (
    <section aria-labelledby="safety-add-member">
      <Heading level={2} id="safety-add-member">{t('safety.members.title')}</Heading>
      {error && <Alert type="error"><Paragraph>{error}</Paragraph></Alert>}
      <Paragraph>{t('safety.members.intro')}</Paragraph>
      <div className="ww-form">
        <SelectField id="safety-member" label={t('safety.members.who')} value={userId} onChange={setUserId} emptyLabel={t('safety.step.choose')}
          options={people.map((p) => ({ value: p.userId, label: p.name }))} />
        <Button appearance="secondary-action-button" onClick={() => void add()}>{t('safety.members.add')}</Button>
      </div>
    </section>
  );
}
