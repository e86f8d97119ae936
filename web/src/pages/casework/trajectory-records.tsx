import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ACTIVITY_KINDS, MAX_ACTIVITY_MINUTES } from '../../../../src/modules/casework/activity.ts';
import type { ActivityLog, ZrmView } from '../../../../src/modules/casework/schemas.ts';
import { ZRM_DOMAINS, ZRM_MOMENTS, ZRM_SCORES } from '../../../../src/modules/casework/zrm.ts';
import { api } from '../../api.ts';
import { SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { TableScroll } from '../../components/page.tsx';
import { useFormat, useI18n, useProblemText } from '../../i18n.tsx';

/**
 * The activity log of a trajectory: a compact form (kind, minutes; date and note optional) so an
 * entry takes a few seconds, and the list with the total time spent. `mayWrite`: the own team.
 */
export function ActivityLogSection({ trajectoryId, mayWrite }: { trajectoryId: string; mayWrite: boolean }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const [log, setLog] = useState<ActivityLog | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState('');
  const [minutes, setMinutes] = useState('');
  const [on, setOn] = useState('');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);
  const labels = useMemo(() => ({ kind: t('worklog.activity.kind'), minutes: t('worklog.activity.minutes'), on: t('worklog.activity.on'), note: t('worklog.activity.note') }), [t]);
  const form = useFormErrors('activity', labels);

  useEffect(() => {
    api.get<ActivityLog>(`/api/v1/trajectories/${trajectoryId}/activities`).then(setLog, (err) => setError(forError(err)));
  }, [trajectoryId, forError]);

  async function submit() {
    const errs: Record<string, string> = {};
    if (!kind) errs.kind = t('worklog.activity.chooseKind');
    const m = Number(minutes);
    if (!Number.isInteger(m) || m < 1 || m > MAX_ACTIVITY_MINUTES) errs.minutes = t('worklog.activity.minutesRule', { max: MAX_ACTIVITY_MINUTES });
    if (Object.keys(errs).length) return form.fail(errs);
    await form.run(async () => {
      const body = { kind, minutes: m, ...(on ? { on } : {}), ...(note.trim() ? { note: note.trim() } : {}) };
      setLog(await api.post<ActivityLog>(`/api/v1/trajectories/${trajectoryId}/activities`, body,
        { headers: { 'idempotency-key': `activity-${crypto.randomUUID()}` } }));
      form.reset();
      setKind(''); setMinutes(''); setOn(''); setNote('');
      setSaved(true);
    });
  }

  return (
    <section aria-labelledby="trajectory-activities">
      <Heading level={2} id="trajectory-activities">{t('worklog.activity.title')}</Heading>
      {error && <Alert type="error"><Paragraph>{error}</Paragraph></Alert>}
      {mayWrite && (
        <>
          {form.summary}
          {saved && <Paragraph role="status">{t('worklog.activity.saved')}</Paragraph>}
          <div className="ww-form ww-inline-form">
            <SelectField {...form.field('kind')} value={kind} onChange={setKind} emptyLabel={t('worklog.choose')} required
              options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`worklog.activity.kinds.${k}`) }))} />
            <TextField {...form.field('minutes')} value={minutes} onChange={setMinutes} inputMode="numeric" maxLength={3} required />
            <TextField {...form.field('on')} type="date" value={on} onChange={setOn} description={t('worklog.todayHint')} />
            <TextField {...form.field('note')} value={note} onChange={setNote} maxLength={500} />
            <Button appearance="secondary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void submit()}>{t('worklog.activity.submit')}</Button>
          </div>
        </>
      )}
      {log && (log.items.length === 0 ? <Paragraph>{t('worklog.activity.empty')}</Paragraph> : (
        <>
          <Paragraph>{t('worklog.activity.total', { minutes: log.totalMinutes, count: log.items.length })}</Paragraph>
          <TableScroll label={t('worklog.activity.title')}>
            <table className="utrecht-table">
              <thead className="utrecht-table__header"><tr className="utrecht-table__row">
                {(['on', 'kind', 'minutes', 'note', 'by'] as const).map((c) => <th key={c} className="utrecht-table__header-cell" scope="col">{t(`worklog.activity.col.${c}`)}</th>)}
              </tr></thead>
              <tbody className="utrecht-table__body">
                {log.items.map((a) => (
                  <tr key={a.id} className="utrecht-table__row">
                    <td className="utrecht-table__cell">{fmt.date(a.on)}</td>
                    <td className="utrecht-table__cell">{t(`worklog.activity.kinds.${a.kind}`)}</td>
                    <td className="utrecht-table__cell">{t('worklog.activity.minutesValue', { minutes: a.minutes })}</td>
                    <td className="utrecht-table__cell">{a.note ?? ''}</td>
                    <td className="utrecht-table__cell">{a.actorName ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ))}
    </section>
  );
}

/**
 * The Zelfredzaamheid-Matrix of a trajectory: the change per domain as text ("Huisvesting: 2 → 4")
 * and as a small bar chart (first and latest scoring; the chart repeats the text, so it is hidden
 * from screen readers), and a form to score all 13 domains at intake, an evaluation or closure.
 */
export function ZrmSection({ trajectoryId, mayWrite, onLoad, scoreClosure = 0 }: {
  trajectoryId: string; mayWrite: boolean;
  /** Told the scorings after each load and save (the page asks for a closing score before closing). */
  onLoad?: (zrm: ZrmView) => void;
  /** Raised by the page to open the form at the moment 'closure'. */
  scoreClosure?: number;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const [zrm, setZrm] = useState<ZrmView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [moment, setMoment] = useState('');
  const [on, setOn] = useState('');
  const [scores, setScores] = useState<Record<string, string>>({});
  const labels = useMemo(() => ({
    moment: t('worklog.zrm.moment'), on: t('worklog.zrm.on'),
    ...Object.fromEntries(ZRM_DOMAINS.map((d) => [d, t(`worklog.zrm.domains.${d}`)])),
  }), [t]);
  const form = useFormErrors('zrm', labels);
  const domainLabel = useCallback((d: string) => t(`worklog.zrm.domains.${d}`), [t]);

  useEffect(() => {
    api.get<ZrmView>(`/api/v1/trajectories/${trajectoryId}/zrm`).then(setZrm, (err) => setError(forError(err)));
  }, [trajectoryId, forError]);
  useEffect(() => { if (zrm) onLoad?.(zrm); }, [zrm, onLoad]);
  useEffect(() => {
    if (scoreClosure === 0) return;
    setOpen(true);
    setMoment('closure');
    document.getElementById('trajectory-zrm')?.scrollIntoView();
  }, [scoreClosure]);

  const scored = zrm?.assessments.map((a) => a.moment) ?? [];
  const moments = ZRM_MOMENTS.filter((m) => (scored.length === 0 ? m === 'intake' : m !== 'intake' && !scored.includes('closure')));

  async function submit() {
    const errs: Record<string, string> = {};
    if (!moment) errs.moment = t('worklog.zrm.chooseMoment');
    for (const d of ZRM_DOMAINS) if (!scores[d]) errs[d] = t('worklog.zrm.chooseScore');
    if (Object.keys(errs).length) return form.fail(errs);
    await form.run(async () => {
      const body = { moment, ...(on ? { on } : {}), scores: Object.fromEntries(ZRM_DOMAINS.map((d) => [d, Number(scores[d])])) };
      setZrm(await api.post<ZrmView>(`/api/v1/trajectories/${trajectoryId}/zrm`, body, { headers: { 'idempotency-key': `zrm-${crypto.randomUUID()}` } }));
      form.reset();
      setOpen(false); setMoment(''); setOn(''); setScores({});
    });
  }

  const first = zrm?.assessments[0];
  const latest = zrm && zrm.assessments.length > 1 ? zrm.assessments.at(-1) : undefined;
  const chartData = first && latest ? ZRM_DOMAINS.map((d) => ({ domain: domainLabel(d), first: first.scores[d], latest: latest.scores[d] })) : [];

  return (
    <section aria-labelledby="trajectory-zrm">
      <Heading level={2} id="trajectory-zrm">{t('worklog.zrm.title')}</Heading>
      {error && <Alert type="error"><Paragraph>{error}</Paragraph></Alert>}
      {zrm && zrm.assessments.length === 0 && <Paragraph>{t('worklog.zrm.none')}</Paragraph>}
      {zrm && zrm.assessments.length > 0 && (
        <Paragraph>{t('worklog.zrm.scoredOn', { list: zrm.assessments.map((a) => `${t(`worklog.zrm.moments.${a.moment}`)} (${fmt.date(a.on)})`).join(', ') })}</Paragraph>
      )}
      {first && latest && (
        <>
          <Heading level={3}>{t('worklog.zrm.change', { from: fmt.date(first.on), to: fmt.date(latest.on) })}</Heading>
          <ul className="ww-zrm-change" aria-label={t('worklog.zrm.changeList')}>
            {zrm!.change.map((c) => (
              <li key={c.domain}>{`${domainLabel(c.domain)}: ${c.from} → ${c.to}`}{c.delta !== 0 ? ` (${c.delta > 0 ? '+' : ''}${c.delta})` : ''}</li>
            ))}
          </ul>
          <div aria-hidden="true" className="ww-zrm-chart" style={{ width: '100%', maxWidth: '40rem', height: 420 }}>
            <ResponsiveContainer>
              <BarChart data={chartData} layout="vertical" margin={{ left: 8, right: 16 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" domain={[0, 5]} ticks={[1, 2, 3, 4, 5]} />
                <YAxis type="category" dataKey="domain" width={170} interval={0} tick={{ fontSize: 12 }} />
                <Tooltip />
                <Legend />
                <Bar dataKey="first" name={t(`worklog.zrm.moments.${first.moment}`)} fill="#8a8a8a" />
                <Bar dataKey="latest" name={t(`worklog.zrm.moments.${latest.moment}`)} fill="#1b5fa8" />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </>
      )}
      {mayWrite && moments.length > 0 && !open && (
        <Button appearance="secondary-action-button" onClick={() => setOpen(true)}>{t('worklog.zrm.start')}</Button>
      )}
      {mayWrite && open && (
        <>
          {form.summary}
          <div className="ww-form">
            <SelectField {...form.field('moment')} value={moment} onChange={setMoment} emptyLabel={t('worklog.choose')} required
              options={moments.map((m) => ({ value: m, label: t(`worklog.zrm.moments.${m}`) }))} />
            <TextField {...form.field('on')} type="date" value={on} onChange={setOn} description={t('worklog.todayHint')} />
            <Paragraph>{t('worklog.zrm.scale')}</Paragraph>
            <div className="ww-zrm-grid">
              {ZRM_DOMAINS.map((d) => (
                <SelectField key={d} {...form.field(d)} value={scores[d] ?? ''} onChange={(v) => setScores((s) => ({ ...s, [d]: v }))} emptyLabel="–" required
                  options={ZRM_SCORES.map((s) => ({ value: String(s), label: `${s} ${t(`worklog.zrm.scores.${s}`)}` }))} />
              ))}
            </div>
            <Button appearance="primary-action-button" busy={form.busy} disabled={form.busy} onClick={() => void submit()}>{t('worklog.zrm.submit')}</Button>
          </div>
        </>
      )}
    </section>
  );
}
