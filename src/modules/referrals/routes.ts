import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../../platform/errors.ts';
import { idempotencyKeyOf } from '../../platform/idempotency.ts';
import { teamMembersWithRoles } from '../../platform/auth/users.ts';
import { referralStore } from './referral-store.ts';
import { ReferralView, TeamProfessional } from './schemas.ts';
import { takeOverSentData } from './take-over.ts';

const IdParams = z.object({ id: z.uuid() });
const text = z.string().trim().min(2).max(2000);

export async function referralRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['referrals'];

  r.get('/api/v1/teams/:id/referrals', {
    config: { permission: 'referral.read' },
    schema: { tags, summary: "A team's inbox: referrals (crisis and urgent first, then the oldest), optionally by status; paged: a Link header (rel=\"next\") names the next page, X-Total-Count how many the whole list holds (every page)",
      params: IdParams,
      querystring: z.object({
        status: z.enum(['open', 'accepted', 'returned', 'in_progress', 'closed']).optional(),
        after: z.uuid().optional().describe('the last referral of the previous page'),
        limit: z.coerce.number().int().min(1).max(200).default(200),
      }), response: { 200: z.array(ReferralView) } },
  }, async (req, reply) => {
    const { items, hasMore, total } = await referralStore(req.store).inbox(req.params.id, req.query.status, { after: req.query.after, limit: req.query.limit });
    reply.header('X-Total-Count', String(total));
    const last = items.at(-1);
    if (hasMore && last) {
      const next = new URLSearchParams({ ...(req.query.status ? { status: req.query.status } : {}), after: last.id, limit: String(req.query.limit) });
      reply.header('Link', `</api/v1/teams/${req.params.id}/referrals?${next}>; rel="next"`);
    }
    return items;
  });

  r.get('/api/v1/teams/:id/professionals', {
    config: { permission: 'referral.decide' },
    schema: { tags, summary: 'Professionals of a team, to assign a referral to', params: IdParams,
      response: { 200: z.array(TeamProfessional) } },
  }, async (req) => {
    if (!req.ctx!.actor.teamIds.includes(req.params.id)) throw forbidden('U bent geen lid van dit team / You are not a member of this team', 'not_team_member');
    return teamMembersWithRoles(app.db, req.params.id, ['team_worker', 'wmo_adviser', 'team_lead', 'desk_worker']);
  });

  r.get('/api/v1/referrals/:id', {
    config: { permission: 'referral.read' },
    schema: { tags, summary: 'One referral with its history; the referring desk sees its status too', params: IdParams, response: { 200: ReferralView } },
  }, async (req) => referralStore(req.store).get(req.params.id));

  const command = (name: 'accept' | 'return' | 'start' | 'close', summary: string, body: z.ZodObject) =>
    r.post(`/api/v1/referrals/:id/${name}`, {
      config: { permission: 'referral.decide' },
      schema: { tags, summary, params: IdParams, body, response: { 200: ReferralView } },
    }, async (req) => referralStore(req.store).act(req.params.id, name, req.body as Record<string, string>, idempotencyKeyOf(req)));

  command('accept', 'Accept: assign a professional of the team (who becomes involved with the client)', z.object({ assignedUserId: z.uuid() }));
  command('return', 'Return to the referrer, with a reason', z.object({ reason: text }));
  // A referral with a trajectory starts and closes with it: 409 referral_follows_trajectory naming the trajectory.
  command('start', 'Start the support (in progress); not for a referral with a trajectory', z.object({}));
  command('close', 'Close with an outcome; not for a referral with a trajectory', z.object({ outcome: text }));

  r.post('/api/v1/referrals/:id/life-domains', {
    config: { permission: 'referral.decide' },
    schema: { tags, summary: 'Triage: set the life domains of an open or accepted referral (one sent as free text has none)', params: IdParams,
      body: z.object({ lifeDomains: z.array(z.string().trim().min(1).max(60)).min(1).max(20) }), response: { 200: ReferralView } },
  }, async (req) => referralStore(req.store).act(req.params.id, 'setLifeDomains', { lifeDomains: [...new Set(req.body.lifeDomains)] }, idempotencyKeyOf(req)));

  r.post('/api/v1/referrals/:id/take-over', {
    config: { permission: 'referral.decide' },
    schema: { tags, summary: "Take over what the referrer sent (representative, consent, missing phone and e-mail) into the client record; refused while name or birth date differ",
      params: IdParams, body: z.object({}), response: { 200: ReferralView } },
  }, async (req) => takeOverSentData(req.store, req.params.id));
}
