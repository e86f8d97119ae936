-- Meldcode huiselijk geweld en kindermishandeling (src/modules/safety/): the sealed safety record that
-- a safety signal (contact outcome 6) opens, and the five steps of the meldcode as append-only actions.
-- `status` is a cache of statusOf(actions) from meldcode-process.ts, written only in the transaction
-- that appends the action. Who may see a record is decided by src/modules/safety/safety-access.ts.
CREATE TABLE safety_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients(id),
  -- The contact (outcome 6) that raised the signal: its text is sealed with the record.
  contact_id uuid NOT NULL UNIQUE REFERENCES contacts(id),
  -- The professional who registered the signal, and the desk or team they registered it at.
  registered_by uuid REFERENCES users(id),
  registering_team_id uuid NOT NULL REFERENCES teams(id),
  -- The neighbourhood team of the client's postcode (if any): its team lead is on the case.
  team_id uuid REFERENCES teams(id),
  status text NOT NULL DEFAULT 'mapping_signals',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX safety_records_client ON safety_records (client_id);

-- The meldcode's steps: one row per step taken, dated with the professional (append-only).
CREATE TABLE safety_record_actions (
  id bigserial PRIMARY KEY,
  safety_record_id uuid NOT NULL REFERENCES safety_records(id),
  type text NOT NULL CHECK (type IN ('opened', 'signals_mapped', 'consulted', 'conversation_held', 'weighed', 'decided',
    'reported', 'follow_up_agreed', 'closed')),
  -- The day it happened as the professional states it; `at` is when it was recorded.
  occurred_on date NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid REFERENCES users(id),
  -- What the step recorded (the signals, who was consulted, the answers of the afwegingskader, the decision,
  -- what was reported to Veilig Thuis, the follow-up date); its shape per type is in meldcode-process.ts.
  payload jsonb NOT NULL DEFAULT '{}',
  idempotency_key text,
  UNIQUE (safety_record_id, idempotency_key)
);
CREATE INDEX safety_record_actions_record ON safety_record_actions (safety_record_id, id);

CREATE FUNCTION safety_record_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'safety_record_actions is append-only';
END;
$$;
CREATE TRIGGER safety_record_actions_no_update BEFORE UPDATE OR DELETE ON safety_record_actions
  FOR EACH ROW EXECUTE FUNCTION safety_record_actions_append_only();

-- Professionals assigned to the case (by the team lead or the aandachtsfunctionaris).
CREATE TABLE safety_record_members (
  safety_record_id uuid NOT NULL REFERENCES safety_records(id),
  user_id uuid NOT NULL REFERENCES users(id),
  added_by uuid REFERENCES users(id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (safety_record_id, user_id)
);

-- Break-the-glass on a sealed record: asked by one user, approved (or refused) by another, time-limited.
CREATE TABLE safety_access_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  safety_record_id uuid NOT NULL REFERENCES safety_records(id),
  requested_by uuid NOT NULL REFERENCES users(id),
  reason text NOT NULL CHECK (length(reason) >= 10),
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  approved boolean,
  expires_at timestamptz,
  CHECK (decided_by IS NULL OR decided_by <> requested_by),
  CHECK ((approved IS TRUE) = (expires_at IS NOT NULL))
);
CREATE INDEX safety_access_requests_record ON safety_access_requests (safety_record_id, requested_by);

-- Safety signals registered before this module: their record (the steps start at step 1), with the
-- postcode team the signal had opened the client to; that opening ends (a signal no longer opens a
-- client to a whole team), and the queued jobs that nothing handled are done.
INSERT INTO safety_records (client_id, contact_id, registered_by, registering_team_id, team_id, created_at)
  SELECT k.client_id, k.id, k.registered_by, k.team_id,
    (SELECT r.team_id FROM client_relations r WHERE r.client_id = k.client_id AND r.reason = 'safety_signal' ORDER BY r.since LIMIT 1), k.created_at
  FROM contacts k WHERE k.outcome = 6 AND k.client_id IS NOT NULL;
UPDATE client_relations SET until = now() WHERE reason = 'safety_signal' AND until IS NULL;
INSERT INTO safety_record_actions (safety_record_id, type, occurred_on, actor_user_id)
  SELECT id, 'opened', (created_at AT TIME ZONE 'Europe/Amsterdam')::date, registered_by FROM safety_records;
UPDATE jobs SET status = 'done', finished_at = now() WHERE kind = 'safety.signal_registered' AND status IN ('queued', 'running');
