-- Casusregie on a trajectory (src/modules/casework/coordination-store.ts, docs/casework.md):
-- the neighbourhood team refers a client on (to 2nd-line care, or to an indication: a Wmo or
-- Jeugdwet melding) and keeps coordination; and op- en afschalen, the warm hand-over to Veilig
-- Thuis or a specialised team and back. Not the inbound `referrals` (the team inbox).

-- A referral out of the trajectory. Its status is a cache of statusOf(actions) in
-- coordination-process.ts, written only in the transaction that appends an action.
CREATE TABLE onward_referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  trajectory_id uuid NOT NULL REFERENCES trajectories(id),
  kind text NOT NULL CHECK (kind IN ('second_line', 'indication')),
  -- second_line: the provider or organisation; indication: null (the melding goes to the Wmo inbox or the CJG).
  organisation text CHECK (length(organisation) <= 200),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 2 AND 2000),
  referred_on date NOT NULL,
  contact text CHECK (length(contact) <= 200),
  -- indication: the law of the melding created with it, and the melding (owned by the wmo module).
  law text CHECK (law IN ('wmo', 'jeugdwet')),
  wmo_notification_id uuid REFERENCES wmo_notifications(id),
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'active', 'ended')),
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'second_line') = (organisation IS NOT NULL)),
  CHECK ((kind = 'indication') = (law IS NOT NULL AND wmo_notification_id IS NOT NULL))
);
CREATE INDEX onward_referrals_trajectory ON onward_referrals (trajectory_id, created_at);

CREATE TABLE onward_referral_actions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  onward_referral_id uuid NOT NULL REFERENCES onward_referrals(id),
  type text NOT NULL CHECK (type IN ('requested', 'started', 'ended')),
  occurred_on date NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid REFERENCES users(id),
  note text CHECK (length(note) <= 2000)
);
CREATE INDEX onward_referral_actions_referral ON onward_referral_actions (onward_referral_id, id);

-- A hand-over each way (opschalen / afschalen): to or from Veilig Thuis or a specialised team.
-- Append-only: a wrong hand-over is corrected by the next one.
CREATE TABLE trajectory_handovers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  trajectory_id uuid NOT NULL REFERENCES trajectories(id),
  direction text NOT NULL CHECK (direction IN ('escalate', 'step_down')),
  party text NOT NULL CHECK (party IN ('veilig_thuis', 'specialised_team')),
  party_name text NOT NULL CHECK (length(party_name) BETWEEN 2 AND 200),
  reason text NOT NULL CHECK (length(reason) BETWEEN 2 AND 2000),
  handed_over text NOT NULL CHECK (length(handed_over) BETWEEN 2 AND 2000),
  -- Who confirmed the hand-over on the other side (escalate) or took it back (step_down), and when.
  confirmed_by text NOT NULL CHECK (length(confirmed_by) BETWEEN 2 AND 200),
  confirmed_on date NOT NULL,
  -- An escalation to Veilig Thuis links the client's open sealed safety record (owned by the safety module).
  safety_record_id uuid REFERENCES safety_records(id),
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX trajectory_handovers_trajectory ON trajectory_handovers (trajectory_id, recorded_at);

CREATE FUNCTION trajectory_handovers_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'trajectory_handovers is append-only';
END;
$$;
CREATE TRIGGER trajectory_handovers_no_update BEFORE UPDATE OR DELETE ON trajectory_handovers
  FOR EACH ROW EXECUTE FUNCTION trajectory_handovers_append_only();

-- A melding made by the neighbourhood team from a trajectory (the team files it for the client).
ALTER TABLE wmo_notifications DROP CONSTRAINT wmo_notifications_channel_check;
ALTER TABLE wmo_notifications ADD CONSTRAINT wmo_notifications_channel_check
  CHECK (channel IN ('phone', 'digital', 'desk', 'home_visit', 'gp_referral', 'neighbourhood_team'));
