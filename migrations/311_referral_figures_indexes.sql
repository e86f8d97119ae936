-- The dashboard's referral figures (issue 19, src/modules/referrals/referral-figures.ts) read the referrals received in a
-- period, those open now, and those changed after the period's last day, each from its own index instead of a scan of every referral.
CREATE INDEX referrals_received_at ON referrals (received_at);
CREATE INDEX referrals_open_received_at ON referrals (received_at) WHERE status = 'open';
CREATE INDEX referrals_updated_at ON referrals (updated_at);
