/** Shapes of the household API (households, their plan). Pure (zod only): the UI imports its types from here. */
import { z } from 'zod';
import { AGREEMENT_WAYS, GOAL_STATUSES, MEMBER_ROLES } from './plan.ts';

const isoDate = z.iso.date();
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const Member = z.object({ clientId: z.uuid(), role: z.enum(MEMBER_ROLES) });
export const NewHousehold = z.object({
  name: text(2, 100).describe('how the team names the household, e.g. "Gezin De Groot"'),
  members: z.array(Member).min(1).max(20).describe('the clients who belong to it; each needs need-to-know access'),
  coordinatorUserId: z.uuid().optional().describe('the regisseur: a professional (default: the one creating it)'),
});
export type NewHousehold = z.infer<typeof NewHousehold>;
export const HouseholdChange = z.object({ name: text(2, 100).optional(), coordinatorUserId: z.uuid().optional() });
export type HouseholdChange = z.infer<typeof HouseholdChange>;

export const NewGoal = z.object({
  lifeDomain: z.string().min(1).max(40).describe('a configured life domain (GET /api/v1/life-domains)'),
  what: text(2, 1000).describe('what the household wants to reach'),
  who: text(2, 200).describe('who does it (the client, a family member, the professional, a partner)'),
  dueOn: isoDate.describe('by when'),
});
export type NewGoal = z.infer<typeof NewGoal>;
export const GoalChange = z.object({
  what: text(2, 1000).optional(), who: text(2, 200).optional(), dueOn: isoDate.optional(), status: z.enum(GOAL_STATUSES).optional(),
});
export type GoalChange = z.infer<typeof GoalChange>;
export const NewNote = z.object({
  note: text(2, 2000), on: isoDate.optional().describe('the day it is about (default today); not in the future'),
});
export type NewNote = z.infer<typeof NewNote>;
export const Agreement = z.object({
  on: isoDate.describe('the day the plan was agreed with the client; not in the future'), how: z.enum(AGREEMENT_WAYS),
});
export type Agreement = z.infer<typeof Agreement>;

export const GoalView = z.object({
  id: z.uuid(), lifeDomain: z.string(), what: z.string(), who: z.string(), dueOn: isoDate, status: z.enum(GOAL_STATUSES), version: z.number().int(),
  notes: z.array(z.object({ id: z.uuid(), on: isoDate, note: z.string(), actorName: z.string().nullable(), recordedAt: z.string() })).describe('oldest first'),
});
export type GoalView = z.infer<typeof GoalView>;

export const HouseholdView = z.object({
  id: z.uuid(), name: z.string(), version: z.number().int(),
  coordinator: z.object({ userId: z.uuid(), name: z.string() }).nullable().describe('the regisseur'),
  members: z.array(z.object({ clientId: z.uuid(), name: z.string(), birthDate: isoDate.nullable(), role: z.enum(MEMBER_ROLES) })),
  plan: z.object({
    agreedOn: isoDate.nullable(), agreedHow: z.enum(AGREEMENT_WAYS).nullable(),
    goals: z.array(GoalView).describe('in the order of the life domains, then as written'),
  }),
});
export type HouseholdView = z.infer<typeof HouseholdView>;
