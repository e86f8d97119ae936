-- Casework (src/modules/casework/): the trajectory (traject basishulp) of a neighbourhood team.
-- What happened is stored in trajectory_actions (append-only); `status` is a cache of statusOf(actions)
-- from trajectory-process.ts, written only in the transaction that appends the action, so a caseload
-- can be indexed. Clocks are never stored: they are computed from the actions and legal_norms.

-- When the referral came in (the contact's date, the GP's authoredOn), as opposed to when it was
-- stored: the plan clock of its trajectory starts here. Referrals stored before this column: their created_at.
ALTER TABLE referrals ADD COLUMN received_at timestamptz;
UPDATE referrals SET received_at = created_at;
ALTER TABLE referrals ALTER COLUMN received_at SET NOT NULL;
ALTER TABLE referrals ALTER COLUMN received_at SET DEFAULT now();

CREATE TABLE trajectories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients(id),
  team_id uuid NOT NULL REFERENCES teams(id),
  -- The accepted referral that started it (a re-opened trajectory keeps its predecessor's).
  referral_id uuid REFERENCES referrals(id),
  -- Re-opened within the re-open period: the closed trajectory this one continues.
  reopened_from uuid UNIQUE REFERENCES trajectories(id),
  -- The professional who carries the case (regisseur).
  professional_user_id uuid REFERENCES users(id),
  -- The day the referral came in (Europe/Amsterdam): the start of the plan clock.
  received_on date NOT NULL,
  status text NOT NULL DEFAULT 'intake' CHECK (status IN ('intake', 'plan_agreed', 'in_progress', 'evaluation', 'closed')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One trajectory per accepted referral (re-opened ones aside).
CREATE UNIQUE INDEX trajectories_referral ON trajectories (referral_id) WHERE reopened_from IS NULL;
CREATE INDEX trajectories_team_open ON trajectories (team_id, status) WHERE status <> 'closed';
CREATE INDEX trajectories_professional_open ON trajectories (professional_user_id, status) WHERE status <> 'closed';
CREATE INDEX trajectories_client ON trajectories (client_id);

-- Append-only: one row per thing that happened to a trajectory.
CREATE TABLE trajectory_actions (
  id bigserial PRIMARY KEY,
  trajectory_id uuid NOT NULL REFERENCES trajectories(id),
  type text NOT NULL CHECK (type IN ('opened', 'plan_agreed', 'support_started', 'evaluation_started', 'evaluation_finished',
    'extension_requested', 'extension_approved', 'closed', 'reopened')),
  -- The day it happened as the professional states it; `at` is when it was recorded.
  occurred_on date NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid REFERENCES users(id),
  reason text,
  outcome text CHECK (outcome IN ('goal_reached', 'partly_reached', 'not_reached', 'referred_second_line', 'client_stopped', 'moved_away', 'died')),
  until_on date,
  linked_trajectory_id uuid REFERENCES trajectories(id),
  idempotency_key text,
  UNIQUE (trajectory_id, idempotency_key),
  CHECK (type <> 'closed' OR outcome IS NOT NULL),
  CHECK (type <> 'extension_requested' OR (until_on IS NOT NULL AND reason IS NOT NULL))
);
CREATE INDEX trajectory_actions_trajectory ON trajectory_actions (trajectory_id, id);

CREATE FUNCTION trajectory_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'trajectory_actions is append-only';
END;
$$;
CREATE TRIGGER trajectory_actions_no_update BEFORE UPDATE OR DELETE ON trajectory_actions
  FOR EACH ROW EXECUTE FUNCTION trajectory_actions_append_only();
