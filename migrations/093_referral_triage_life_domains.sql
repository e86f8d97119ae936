-- Triage sets the life domains of a referral that came as free text only (a GP's short form,
-- issue 14 item 17): an action 'life_domains_set' with the domains chosen; referrals.life_domains
-- holds the latest, like status holds the fold.
ALTER TABLE referral_actions DROP CONSTRAINT referral_actions_type_check;
ALTER TABLE referral_actions ADD CONSTRAINT referral_actions_type_check
  CHECK (type IN ('created', 'accepted', 'returned', 'started', 'closed', 'life_domains_set'));
ALTER TABLE referral_actions ADD COLUMN life_domains text[];
