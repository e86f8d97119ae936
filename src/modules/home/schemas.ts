/** Response shape of the start page's waiting work. Pure (zod only): the UI imports its type from here. */
import { z } from 'zod';

/** Counts only, never names; null where the user's roles do not have that kind of work. */
export const WaitingWork = z.object({
  /** Open referrals at the user's teams or desks (team inbox / desk inbox). */
  referralsOpen: z.number().int().nullable(),
  /** Digital questions from citizens not yet picked up at the user's desks. */
  digitalQuestions: z.number().int().nullable(),
  /** Unread messages (notifications) for the user. */
  unreadMessages: z.number().int().nullable(),
});
export type WaitingWork = z.infer<typeof WaitingWork>;
