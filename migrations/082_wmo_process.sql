-- The Wmo 2015 process (src/modules/wmo/wmo-process.ts): what happened to a melding is stored in
-- wmo_actions (append-only); status, assignee and the spoed flag on wmo_notifications are a cache
-- of the fold over the actions, written only in the transaction that appends one, so the inbox can
-- be indexed. The clocks are never stored: they are computed from the actions and legal_norms.

-- The Wmo inbox the melding is in: the team or desk serving the client's postcode (else the desk
-- that registered it). team_id stays the registering desk.
ALTER TABLE wmo_notifications ADD COLUMN inbox_team_id uuid REFERENCES teams(id);
UPDATE wmo_notifications SET inbox_team_id = team_id;
ALTER TABLE wmo_notifications ADD COLUMN status text NOT NULL DEFAULT 'notified'
  CHECK (status IN ('notified', 'assessing', 'reported', 'applied', 'decided', 'objected', 'objection_decided', 'withdrawn'));
ALTER TABLE wmo_notifications ADD COLUMN assigned_user_id uuid REFERENCES users(id);
-- Spoed: the contact was urgent, or an urgent provision was granted (Wmo 2015 art. 2.3.3).
ALTER TABLE wmo_notifications ADD COLUMN urgent boolean NOT NULL DEFAULT false;
-- Bumped with every action (ETag of the melding; docs/architecture.md "Versions and If-Match").
ALTER TABLE wmo_notifications ADD COLUMN version integer NOT NULL DEFAULT 1;
CREATE INDEX wmo_notifications_inbox ON wmo_notifications (inbox_team_id, status, notified_on);

-- Append-only: one row per thing that happened to a melding. `on_date` is the legal date of the
-- step (Europe/Amsterdam; may precede the day it was recorded), `at` when it was recorded.
CREATE TABLE wmo_actions (
  id bigserial PRIMARY KEY,
  notification_id uuid NOT NULL REFERENCES wmo_notifications(id),
  type text NOT NULL CHECK (type IN ('assign', 'grantUrgentProvision', 'startAssessment', 'pauseClock', 'resumeClock', 'recordReport',
    'receiveApplication', 'extendDecisionTerm', 'decide', 'withdraw', 'receiveObjection', 'extendObjectionTerm', 'decideObjection')),
  on_date date NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid REFERENCES users(id),
  assigned_user_id uuid REFERENCES users(id),
  reason text,
  until date,
  outcome text,
  committee boolean,
  idempotency_key text,
  UNIQUE (notification_id, idempotency_key)
);
CREATE INDEX wmo_actions_notification ON wmo_actions (notification_id, id);

CREATE FUNCTION wmo_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'wmo_actions is append-only';
END;
$$;
CREATE TRIGGER wmo_actions_no_update BEFORE UPDATE OR DELETE ON wmo_actions
  FOR EACH ROW EXECUTE FUNCTION wmo_actions_append_only();
