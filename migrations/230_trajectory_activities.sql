-- The activity log of a trajectory (src/modules/casework/activity-store.ts): home visits, calls,
-- meetings and network meetings with the time they took. Its own table, so the front door's
-- contacts and their figures stay as they are. Append-only: a wrong entry is corrected by a new one.
CREATE TABLE trajectory_activities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  trajectory_id uuid NOT NULL REFERENCES trajectories(id),
  kind text NOT NULL CHECK (kind IN ('home_visit', 'call', 'meeting', 'network_meeting')),
  -- The day it took place as the professional states it; `recorded_at` is when it was entered.
  occurred_on date NOT NULL,
  minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 720),
  note text CHECK (length(note) <= 500),
  actor_user_id uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX trajectory_activities_trajectory ON trajectory_activities (trajectory_id, occurred_on);

CREATE FUNCTION trajectory_activities_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'trajectory_activities is append-only';
END;
$$;
CREATE TRIGGER trajectory_activities_no_update BEFORE UPDATE OR DELETE ON trajectory_activities
  FOR EACH ROW EXECUTE FUNCTION trajectory_activities_append_only();
