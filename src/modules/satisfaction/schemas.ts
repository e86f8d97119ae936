import { z } from 'zod';
import { STANDARD_OPEN_QUESTION, STANDARD_STATEMENTS, STANDARD_SURVEY, THEMES } from './survey.ts';

export const StatementSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'key: kleine letters, cijfers en _ / key: lower-case letters, digits and _'),
  theme: z.enum(THEMES),
  text: z.string().trim().min(3).max(300),
});

/** A definition; left out, the standard statements and open question are used. A changed definition becomes a new version. */
export const SurveyInput = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/).default(STANDARD_SURVEY.code),
  title: z.string().trim().min(3).max(200).default(STANDARD_SURVEY.title),
  statements: z.array(StatementSchema).min(1).max(30).default([...STANDARD_STATEMENTS])
    .refine((s) => new Set(s.map((x) => x.key)).size === s.length, 'elke stelling een eigen key / each statement its own key'),
  openQuestion: z.string().trim().min(3).max(300).nullable().default(STANDARD_OPEN_QUESTION),
});
export type SurveyInput = z.infer<typeof SurveyInput>;

export const SurveyVersionView = z.object({
  id: z.uuid(), code: z.string(), version: z.number().int(), title: z.string(),
  statements: z.array(StatementSchema), openQuestion: z.string().nullable(), createdAt: z.string(),
});
export type SurveyVersionView = z.infer<typeof SurveyVersionView>;

export const RoundInput = z.object({
  surveyId: z.uuid(),
  from: z.iso.date(), to: z.iso.date(),
  /** Last day to answer; then every invitation is deleted. */
  closesOn: z.iso.date(),
  teams: z.array(z.object({ teamId: z.uuid(), sampleSize: z.number().int().min(1).max(100000) })).min(1).max(200)
    .refine((t) => new Set(t.map((x) => x.teamId)).size === t.length, 'elk team één keer / each team once'),
});
export type RoundInput = z.infer<typeof RoundInput>;

const Shown = z.number().nullable();

export const RoundView = z.object({
  id: z.uuid(), surveyId: z.uuid(), from: z.iso.date(), to: z.iso.date(), closesOn: z.iso.date(),
  teams: z.array(z.object({ teamId: z.uuid(), teamName: z.string(), sampleSize: z.number().int(), invited: z.number().int() })),
  /** Clients helped in the period but not asked, per reason (through the disclosure rule: a safety record is not named for one person). */
  excluded: z.object({ opted_out: Shown, deceased: Shown, safety_record: Shown, no_current_record: Shown }).optional(),
});
export type RoundView = z.infer<typeof RoundView>;

/** `reissue`: the mailing was lost; every open invitation gets a new key and the old ones stop working. */
export const MailingInput = z.object({ reissue: z.boolean().default(false) }).nullish();

export const MailingItemView = z.object({
  clientId: z.uuid(), clientName: z.string(), email: z.string().nullable(), teamName: z.string(),
  channel: z.enum(['digital', 'letter']), kind: z.enum(['invitation', 'reminder']),
  /** For the e-mail: the answering page with the token; null for a letter. */
  link: z.string().nullable(),
  /** For the letter: the code to type on the answering page; null for an e-mail. */
  letterCode: z.string().nullable(),
});

export const OptOutInput = z.object({ optOut: z.boolean() });
export const OptOutView = z.object({ clientId: z.uuid(), optOut: z.boolean() });

/** What the answering page shows: the questions, never who is asked. */
export const PublicSurvey = z.object({
  title: z.string(),
  teamName: z.string(),
  closesOn: z.iso.date(),
  statements: z.array(StatementSchema),
  openQuestion: z.string().nullable(),
});
export type PublicSurvey = z.infer<typeof PublicSurvey>;

export const AnswerInput = z.object({
  key: z.string().min(10).max(100),
  /** Per statement key: 1 (helemaal oneens) … 5 (helemaal eens), or null for "weet niet / n.v.t.". */
  scores: z.record(z.string(), z.number().int().min(1).max(5).nullable()),
  grade: z.number().int().min(1).max(10).nullable().default(null),
  openAnswer: z.string().trim().max(2000).nullable().default(null),
});

export const SatisfactionFigures = z.object({
  from: z.iso.date(), to: z.iso.date(),
  disclosure: z.object({ minCell: z.number(), roundTo: z.number() }),
  rows: z.array(z.object({
    teamId: z.uuid(), teamName: z.string(), invited: Shown, responses: Shown, responseRatePct: Shown, meanGrade: Shown,
    statements: z.array(z.object({ key: z.string(), theme: z.enum(THEMES), text: z.string(), answered: Shown, agreePct: Shown })),
  })),
});
export type SatisfactionFigures = z.infer<typeof SatisfactionFigures>;
