import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { rolesAllow } from '../../platform/access/permissions.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { countUnreadMessages } from '../intake/staff-messages.ts';
import { countWaitingPortalRequests } from '../portal/portal-counts.ts';
import { countOpenReferrals } from '../referrals/referral-counts.ts';
import { WaitingWork } from './schemas.ts';

/** The start page: each role's waiting work as numbers, from the modules that own it. */
export async function homeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/me/waiting-work', {
    config: { permission: 'session.self' },
    schema: { tags: ['home'], summary: "The user's waiting work (counts only): open referrals, digital questions, unread messages", response: { 200: WaitingWork } },
  }, async (req) => {
    const actor = req.ctx!.actor;
    // Through the door like the inboxes themselves, so a count never includes what the list would hide.
    return req.store.readClients({ action: 'work.counts', activity: ProcessingActivity.FrontDesk }, async (tx, visible) => ({
      result: {
        referralsOpen: rolesAllow('referral.read', actor.roles) ? await countOpenReferrals(tx, actor.teamIds, visible) : null,
        digitalQuestions: rolesAllow('portal_request.read', actor.roles) ? await countWaitingPortalRequests(tx, actor.teamIds) : null,
        unreadMessages: rolesAllow('messages.self', actor.roles) && actor.id ? await countUnreadMessages(tx, actor.id) : null,
      },
      clientIds: [],
    }));
  });
}
