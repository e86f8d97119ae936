-- A referral recorded on behalf of a network partner (a school, Werk & Inkomen, ...) names the partner,
-- so the inbox and the client page show who referred and figures can count referrals per partner.
ALTER TABLE referrals ADD COLUMN partner_id uuid REFERENCES network_partners(id);
CREATE INDEX referrals_partner ON referrals (partner_id) WHERE partner_id IS NOT NULL;
