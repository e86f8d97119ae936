import { z } from 'zod';

export const IsoDate = z.iso.date();

export const HolidayView = z.object({
  date: z.string(), name: z.string(),
  /** 'law': Atw art. 3 (computed); 'decree': equated by a royal decree (legal_holidays). */
  source: z.enum(['law', 'decree']), decree: z.string().nullable(),
});
export type HolidayView = z.infer<typeof HolidayView>;

export const HolidayInput = z.object({
  date: IsoDate, name: z.string().trim().min(1).max(100),
  decree: z.string().trim().min(1).max(200).describe('The decree that equates the day with the holidays (Atw art. 3 lid 2)'),
});
export type HolidayInput = z.infer<typeof HolidayInput>;

export const NormView = z.object({
  code: z.string(), amount: z.number(), unit: z.enum(['days', 'weeks', 'months']),
  validFrom: z.string(), validTo: z.string().nullable(), basis: z.string(),
});
export type NormView = z.infer<typeof NormView>;
