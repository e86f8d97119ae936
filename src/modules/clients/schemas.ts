import { z } from 'zod';
import { isValidBsn } from './bsn.ts';

export const Gender = z.enum(['0', '1', '2', '9']).describe('iWmo geslacht: 0 onbekend, 1 man, 2 vrouw, 9 niet gespecificeerd');

export const ClientInput = z.object({
  bsn: z.string().trim().refine(isValidBsn, 'BSN is ongeldig (elfproef) / BSN is invalid (eleven test)').nullable().optional(),
  firstNames: z.string().trim().max(200).nullable().optional(),
  surnamePrefix: z.string().trim().max(20).nullable().optional(),
  surname: z.string().trim().min(1, 'achternaam is verplicht / surname is required').max(200),
  birthDate: z.iso.date().refine((d) => d <= new Date().toISOString().slice(0, 10), 'geboortedatum ligt in de toekomst / birth date is in the future').nullable().optional(),
  gender: Gender.default('0'),
});
export type ClientInput = z.infer<typeof ClientInput>;

export const ClientView = z.object({
  id: z.uuid(),
  bsnMasked: z.string().nullable(),
  firstNames: z.string().nullable(),
  surnamePrefix: z.string().nullable(),
  surname: z.string(),
  birthDate: z.string().nullable(),
  gender: Gender,
  access: z.enum(['relation', 'team', 'break_glass']).optional(),
});
export type ClientView = z.infer<typeof ClientView>;
