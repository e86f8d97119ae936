/**
 * The Wmo 2015 process, as far as the front door needs it: the melding and its clock.
 * Pure functions (no I/O); the term's length is configuration (legal_norms) and the due date
 * follows the Algemene termijnenwet (src/modules/legal-terms/legal-terms.ts).
 */
import { daysLeft, type IsoDate, type LegalCalendar, termOf } from '../legal-terms/legal-terms.ts';

/** Norm codes (legal_norms) of the Wmo clocks. */
export const WmoNorm = { Assessment: 'wmo_assessment', Decision: 'wmo_decision' } as const;

/**
 * Wmo 2015 art. 2.3.2 lid 1: the onderzoek is finished "uiterlijk binnen zes weken" after the
 * melding (norm `wmo_assessment`, 42 days), moved by the Atw when it ends on a rest day.
 */
export function assessmentDeadline(calendar: LegalCalendar, notifiedOn: IsoDate): IsoDate {
  return termOf(calendar, WmoNorm.Assessment, notifiedOn).dueOn!;
}

/** Days left until the onderzoek's deadline on `today` (negative: overdue). */
export function assessmentDaysLeft(calendar: LegalCalendar, notifiedOn: IsoDate, today: IsoDate): number {
  return daysLeft(assessmentDeadline(calendar, notifiedOn), today);
}
