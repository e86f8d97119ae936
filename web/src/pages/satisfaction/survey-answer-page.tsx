import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { RadioGroup, TextareaField, TextField, useFormErrors } from '../../components/form.tsx';
import { Layout } from '../../components/layout.tsx';
import { Loading, PageTitle } from '../../components/page.tsx';
import { useFormat, useI18n, useProblemText } from '../../i18n.tsx';
import type { PublicSurvey } from '../../../../src/modules/satisfaction/schemas.ts';

const THEMES = ['access', 'quality', 'effect'] as const;
/** The value of "weet niet / n.v.t." in the radio group; sent as null. */
const DONT_KNOW = 'x';

/**
 * The client-experience survey, answered without logging in: the link's key (after #, so it is
 * never sent to a server log) or the code from the letter is the only key. Nothing on this page
 * names the person asked.
 */
export function SurveyAnswerPage() {
  const { t } = useI18n();
  const { forError } = useProblemText();
  const [key, setKey] = useState<string | null>(null);
  const [survey, setSurvey] = useState<PublicSurvey | null | 'loading'>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<false | 'answered' | 'optedOut'>(false);

  const open = useCallback(async (k: string) => {
    setSurvey('loading');
    setProblem(null);
    try {
      setSurvey(await api.post<PublicSurvey>('/api/v1/public/survey', { key: k }));
      setKey(k);
    } catch (err) {
      setSurvey(null);
      setProblem(forError(err));
    }
  }, [forError]);

  useEffect(() => {
    const fromLink = () => {
      const k = window.location.hash.slice(1);
      if (!k) return;
      // Out of the address bar and the history: the link works once, but need not linger.
      window.history.replaceState(null, '', window.location.pathname);
      setDone(false);
      void open(k);
    };
    fromLink();
    // The link opened again in this same tab only changes the part after #.
    window.addEventListener('hashchange', fromLink);
    return () => window.removeEventListener('hashchange', fromLink);
  }, [open]);

  return (
    <Layout>
      {done ? (
        <>
          <PageTitle title={t(done === 'answered' ? 'satisfaction.answer.thanksTitle' : 'satisfaction.optOut.doneTitle')} />
          <Alert type="ok"><Paragraph>{t(done === 'answered' ? 'satisfaction.answer.thanks' : 'satisfaction.optOut.done')}</Paragraph></Alert>
        </>
      ) : survey === 'loading' ? <Loading /> : survey && key ? (
        <SurveyForm survey={survey} surveyKey={key} onDone={setDone} />
      ) : (
        <CodeForm problem={problem} onCode={open} />
      )}
    </Layout>
  );
}

function CodeForm({ problem, onCode }: { problem: string | null; onCode: (code: string) => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const labels = useMemo(() => ({ code: t('satisfaction.answer.code') }), [t]);
  const form = useFormErrors('survey-code', labels);
  return (
    <>
      <PageTitle title={t('satisfaction.answer.title')} />
      <Paragraph>{t('satisfaction.answer.codeIntro')}</Paragraph>
      {problem && <Alert type="error"><Paragraph>{problem}</Paragraph></Alert>}
      {form.summary}
      <form className="ww-form" noValidate onSubmit={(e) => {
        e.preventDefault();
        if (code.trim().length < 10) return form.fail({ code: t('satisfaction.answer.codeMissing') });
        onCode(code.trim());
      }}>
        <TextField {...form.field('code')} value={code} onChange={setCode} autoComplete="off" spellCheck={false} />
        <Button type="submit" appearance="primary-action-button">{t('satisfaction.answer.open')}</Button>
      </form>
    </>
  );
}

function SurveyForm({ survey, surveyKey, onDone }: { survey: PublicSurvey; surveyKey: string; onDone: (how: 'answered' | 'optedOut') => void }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const [scores, setScores] = useState<Record<string, string>>({});
  const [grade, setGrade] = useState('');
  const [openAnswer, setOpenAnswer] = useState('');
  const labels = useMemo(() => ({
    ...Object.fromEntries(survey.statements.map((s) => [s.key, s.text])),
    grade: t('satisfaction.answer.grade'),
    ...(survey.openQuestion ? { openAnswer: survey.openQuestion } : {}),
  }), [survey, t]);
  const form = useFormErrors('survey', labels);
  const scale = useMemo(() => [
    ...[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: t(`satisfaction.scale.${n}`) })),
    { value: DONT_KNOW, label: t('satisfaction.scale.dontKnow') },
  ], [t]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = survey.statements.filter((s) => !scores[s.key]);
    if (missing.length) return form.fail(Object.fromEntries(missing.map((s) => [s.key, t('satisfaction.answer.choose')])));
    await form.run(async () => {
      await api.post('/api/v1/public/survey/answers', {
        key: surveyKey,
        scores: Object.fromEntries(survey.statements.map((s) => [s.key, scores[s.key] === DONT_KNOW ? null : Number(scores[s.key])])),
        grade: grade ? Number(grade) : null,
        openAnswer: openAnswer.trim() || null,
      });
      onDone('answered');
    });
  }

  async function optOut() {
    await form.run(async () => {
      await api.post('/api/v1/public/survey/opt-out', { key: surveyKey });
      onDone('optedOut');
    });
  }

  return (
    <>
      <PageTitle title={survey.title} />
      <Paragraph>{t('satisfaction.answer.intro', { team: survey.teamName, date: fmt.date(survey.closesOn) })}</Paragraph>
      <Paragraph>{t('satisfaction.answer.anonymous')}</Paragraph>
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        {THEMES.map((theme) => {
          const own = survey.statements.filter((s) => s.theme === theme);
          if (!own.length) return null;
          return (
            <section key={theme} aria-labelledby={`theme-${theme}`}>
              <Heading level={2} id={`theme-${theme}`}>{t(`satisfaction.theme.${theme}`)}</Heading>
              {own.map((s) => (
                <RadioGroup key={s.key} {...form.field(s.key)} required value={scores[s.key] ?? ''}
                  onChange={(v) => setScores((x) => ({ ...x, [s.key]: v }))} options={scale} />
              ))}
            </section>
          );
        })}
        <section aria-labelledby="theme-grade">
          <Heading level={2} id="theme-grade">{t('satisfaction.answer.gradeTitle')}</Heading>
          <RadioGroup {...form.field('grade')} value={grade} onChange={setGrade}
            options={Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))} />
        </section>
        {survey.openQuestion && <TextareaField {...form.field('openAnswer')} value={openAnswer} onChange={setOpenAnswer} />}
        <Button type="submit" appearance="primary-action-button" disabled={form.busy}>{t('satisfaction.answer.submit')}</Button>
      </form>
      <section aria-labelledby="survey-opt-out" className="ww-box">
        <Heading level={2} id="survey-opt-out">{t('satisfaction.optOut.title')}</Heading>
        <Paragraph>{t('satisfaction.optOut.text')}</Paragraph>
        <Button appearance="secondary-action-button" onClick={optOut} disabled={form.busy}>{t('satisfaction.optOut.button')}</Button>
      </section>
    </>
  );
}
