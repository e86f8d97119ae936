-- Referrals (verwijzing, aanmelding) into a neighbourhood team's inbox, from a desk, a GP,
-- a partner or the citizen's digital channel. What happened is stored in referral_actions
-- (append-only); `status` is a cache of statusOf(actions) from src/modules/referrals/referral-process.ts,
-- written only in the transaction that appends the action, so the inbox can be indexed.
CREATE TABLE referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients(id),
  team_id uuid NOT NULL REFERENCES teams(id),
  -- The team the postcode proposed; differs from team_id only with an override reason.
  proposed_team_id uuid REFERENCES teams(id),
  team_override_reason text,
  source text NOT NULL CHECK (source IN ('desk', 'gp', 'partner', 'citizen')),
  referrer_name text,
  referrer_organisation text,
  -- AGB code (Vektis): 8 digits, for GPs and other care professionals.
  referrer_agb_code text CHECK (referrer_agb_code ~ '^[0-9]{8}$'),
  referrer_user_id uuid REFERENCES users(id),
  referrer_team_id uuid REFERENCES teams(id),
  reason text NOT NULL CHECK (length(reason) > 0),
  life_domains text[] NOT NULL DEFAULT '{}',
  urgency text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'urgent', 'crisis')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'returned', 'in_progress', 'closed')),
  assigned_user_id uuid REFERENCES users(id),
  -- The sender's own id (e.g. the GP's ServiceRequest id): a retry never creates a second referral.
  external_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (team_id = proposed_team_id OR proposed_team_id IS NULL OR team_override_reason IS NOT NULL)
);
CREATE UNIQUE INDEX referrals_source_external_id ON referrals (source, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX referrals_team_status ON referrals (team_id, status, created_at);
CREATE INDEX referrals_client ON referrals (client_id, created_at);

-- Append-only: one row per thing that happened to a referral.
-- type: created | accepted (assigned_user_id) | returned (reason) | started | closed (outcome).
CREATE TABLE referral_actions (
  id bigserial PRIMARY KEY,
  referral_id uuid NOT NULL REFERENCES referrals(id),
  type text NOT NULL CHECK (type IN ('created', 'accepted', 'returned', 'started', 'closed')),
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid REFERENCES users(id),
  assigned_user_id uuid REFERENCES users(id),
  reason text,
  outcome text,
  idempotency_key text,
  UNIQUE (referral_id, idempotency_key)
);
CREATE INDEX referral_actions_referral ON referral_actions (referral_id, id);

CREATE FUNCTION referral_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'referral_actions is append-only';
END;
$$;
CREATE TRIGGER referral_actions_no_update BEFORE UPDATE OR DELETE ON referral_actions
  FOR EACH ROW EXECUTE FUNCTION referral_actions_append_only();
