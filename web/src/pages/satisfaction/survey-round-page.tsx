import { Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { Team } from '../../../../src/modules/org/schemas.ts';
import type { RoundView, SurveyVersionView } from '../../../../src/modules/satisfaction/schemas.ts';
import { api } from '../../api.ts';
import { SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { PageTitle, TableScroll } from '../../components/page.tsx';
import { useFormat, useI18n } from '../../i18n.tsx';

const isoToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
const shiftDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Start a round of the client-experience survey (issue 19): a survey version, the period the clients were helped in, a sample size per desk/team. */
export function SurveyRoundPage() {
  const { t, lang } = useI18n();
  const fmt = useFormat();
  const [surveys, setSurveys] = useState<SurveyVersionView[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [surveyId, setSurveyId] = useState('');
  const [from, setFrom] = useState(() => `${isoToday().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(() => shiftDays(isoToday(), -1));
  const [closesOn, setClosesOn] = useState(() => shiftDays(isoToday(), 42));
  const [sizes, setSizes] = useState<Record<string, string>>({});
  const [round, setRound] = useState<RoundView | null>(null);
  // One key per round being started: a retry (double click, lost answer) is the same round, not a second sample.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const labels = useMemo(() => ({ surveyId: t('rounds.survey'), from: t('rounds.from'), to: t('rounds.to'), closesOn: t('rounds.closesOn'), teams: t('rounds.teams') }), [t]);
  const form = useFormErrors('survey-round', labels);
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  const teamsField = form.field('teams');

  useEffect(() => {
    void api.get<SurveyVersionView[]>('/api/v1/surveys').then((list) => {
      // The newest version of each survey (the list is newest first).
      const newest = list.filter((v, i) => list.findIndex((x) => x.code === v.code) === i);
      setSurveys(newest);
      setSurveyId((id) => id || newest[0]?.id || '');
    }).catch(form.handleError);
    void api.get<Team[]>('/api/v1/teams').then((list) => setTeams(list.filter((x) => x.active))).catch(form.handleError);
  }, [form.handleError]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const chosen = teams.filter((x) => sizes[x.id]?.trim()).map((x) => ({ teamId: x.id, sampleSize: Number(sizes[x.id]) }));
    if (!surveyId) errors.surveyId = t('rounds.chooseSurvey');
    if (to < from) errors.to = t('rounds.toBeforeFrom');
    if (closesOn < to) errors.closesOn = t('rounds.closesBeforeTo');
    if (chosen.length === 0) errors.teams = t('rounds.noTeams');
    else if (chosen.some((c) => !Number.isInteger(c.sampleSize) || c.sampleSize < 1 || c.sampleSize > 100_000)) errors.teams = t('rounds.wholeNumber');
    if (Object.keys(errors).length) return form.fail(errors);
    await form.run(async () => {
      setRound(await api.post<RoundView>('/api/v1/survey-rounds', { surveyId, from, to, closesOn, teams: chosen }, { headers: { 'Idempotency-Key': key } }));
      setKey(crypto.randomUUID());
      setSizes({});
      form.reset();
    });
  }

  const n = fmt.count;
  return (
    <>
      <PageTitle title={t('rounds.title')} />
      <Paragraph>{t('rounds.intro')}</Paragraph>
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <SelectField {...form.field('surveyId')} value={surveyId} onChange={setSurveyId} required emptyLabel={t('rounds.chooseSurvey')}
          options={surveys.map((s) => ({ value: s.id, label: t('rounds.version', { title: s.title, version: s.version }) }))} />
        <TextField {...form.field('from')} type="date" value={from} onChange={setFrom} required />
        <TextField {...form.field('to')} type="date" value={to} onChange={setTo} required />
        <TextField {...form.field('closesOn')} type="date" value={closesOn} onChange={setClosesOn} required />
        <fieldset className="ww-fieldset" aria-describedby="survey-round-teams-hint">
          <legend>{t('rounds.teams')}</legend>
          <Paragraph id="survey-round-teams-hint">{t('rounds.teamsHint')}</Paragraph>
          {/* The first field carries the group's id and error, so the error summary can jump to it. */}
          {teams.map((x, i) => (
            <TextField key={x.id} id={i === 0 ? teamsField.id : `sample-${x.id}`} error={i === 0 ? teamsField.error : undefined}
              label={t('rounds.sampleSize', { team: x.name })} inputMode="numeric" value={sizes[x.id] ?? ''}
              onChange={(v) => setSizes((s) => ({ ...s, [x.id]: v }))} />
          ))}
        </fieldset>
        <div className="ww-actions"><Button type="submit" appearance="primary-action-button" disabled={form.busy}>{t('rounds.start')}</Button></div>
      </form>
      {round && (
        <section aria-labelledby="survey-round-result">
          <div role="status">
            <Heading level={2} id="survey-round-result">{t('rounds.started', { invited: round.teams.reduce((s, x) => s + x.invited, 0).toLocaleString(locale) })}</Heading>
          </div>
          <TableScroll label={t('rounds.teams')}>
            <Table>
              <TableHeader>
                <TableRow>
                  {(['team', 'sampleSize', 'invited'] as const).map((k) => <TableHeaderCell key={k} scope="col">{t(`rounds.col.${k}`)}</TableHeaderCell>)}
                </TableRow>
              </TableHeader>
              <TableBody>
                {round.teams.map((x) => (
                  <TableRow key={x.teamId}>
                    <TableHeaderCell scope="row">{x.teamName}</TableHeaderCell>
                    <TableCell>{x.sampleSize.toLocaleString(locale)}</TableCell>
                    <TableCell>{x.invited.toLocaleString(locale)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>
          {round.excluded && (
            <>
              <Heading level={3}>{t('rounds.excluded')}</Heading>
              <ul>
                {Object.entries(round.excluded).map(([reason, count]) => <li key={reason}>{t(`rounds.reasons.${reason}`)}: {n(count)}</li>)}
              </ul>
              <Paragraph>{t('rounds.excludedNote')}</Paragraph>
            </>
          )}
        </section>
      )}
    </>
  );
}
