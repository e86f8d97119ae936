import { z } from 'zod';

/** The iwmo module's API shapes. A message's XML content is not part of them: it holds more personal data than a list needs. */

export const Problem = z.object({ line: z.number().nullable(), element: z.string().nullable(), message: z.string() });

export const MessageSummary = z.object({
  id: z.uuid(),
  direction: z.enum(['out', 'in']),
  standard: z.enum(['iwmo', 'ijw']).nullable(),
  message: z.string().nullable().describe('Message number, e.g. 301'),
  sender: z.string().nullable().describe('Afzender: CBS municipality code or AGB code'),
  receiver: z.string().nullable().describe('Ontvanger'),
  identification: z.string().nullable().describe('BerichtIdentificatie/Identificatie'),
  messageDate: z.string().nullable(),
  status: z.enum(['sent', 'applied', 'received', 'rejected']),
  problems: z.array(Problem).nullable().describe('Why an incoming message was rejected (the error queue)'),
  answerTo: z.uuid().nullable().describe('The message this one answers (a 302 its 301, a 325 its 323)'),
  source: z.string().nullable().describe('The transport\'s name for it (a file name)'),
  handling: z.enum(['handled', 'reprocessed']).nullable().describe('How a rejected message left the error queue: marked handled, or read again'),
  handlingNote: z.string().nullable(),
  handledAt: z.date().nullable(),
  reprocessedAs: z.uuid().nullable().describe('The new reading of a message read again'),
  createdAt: z.date(),
});
export type MessageSummary = z.infer<typeof MessageSummary>;

export const AssignmentSend = z.object({ providerId: z.uuid() });

export const InboxRun = z.array(z.object({
  name: z.string(), id: z.uuid(), status: MessageSummary.shape.status, duplicate: z.boolean(), problems: z.array(Problem),
}));

export const RequestAnswerCreate = z.object({
  reference: z.string().min(1).max(15).describe('ReferentieAanbieder of the requested product'),
  answer: z.enum(['rejected', 'investigating']).describe('VerzoekAntwoord 1 (afgewezen) or 2 (in onderzoek)'),
  rejectionReason: z.string().regex(/^[0-9]{2}$/).optional().describe('RedenAfwijzingVerzoek; required for a rejection'),
});

/** The result of reading one message. */
export const ReceiveResult = z.object({ id: z.uuid(), status: MessageSummary.shape.status, duplicate: z.boolean(), problems: z.array(Problem) });

/** What a provider's system gets back when it posts a message to the hub endpoint. */
export const HubPostResult = ReceiveResult.extend({ name: z.string().describe('The hub\'s name for the message') });

/** A message waiting for a provider on the hub endpoint, with its XML. */
export const HubMessage = z.object({
  seq: z.number().int().describe('Ask for messages after the last seq you have'),
  name: z.string(), content: z.string().describe('The iWmo / iJw XML'), createdAt: z.date(),
});

export const RejectedHandle = z.object({ note: z.string().trim().min(3).max(1000).describe('Why the message needs no further work') });

/** One requested product (a 315's AangevraagdProduct, or a 317 as a whole) and the answer sent so far. */
export const RequestLine = z.object({
  reference: z.string().describe('ReferentieAanbieder'), productCode: z.string().nullable(), from: z.string().nullable(), to: z.string().nullable(),
  volume: z.number().nullable(), answer: z.enum(['rejected', 'investigating']).nullable(),
});
