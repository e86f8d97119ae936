-- The onderzoek and beschikking clocks of a Wmo melding as the fold (src/modules/wmo/wmo-process.ts)
-- gave them, kept for the figures so that a report need not fold every open melding again
-- (docs/monitor.md "Folded clocks kept"). A row holds only while the melding's version, the norms
-- and the holidays (calendar_key) are those it was folded with, and only for as-of days on or after
-- its latest step (last_on); the figures fold anything else from the steps themselves.
CREATE TABLE wmo_clock_facts (
  notification_id uuid PRIMARY KEY REFERENCES wmo_notifications(id),
  version integer NOT NULL,
  calendar_key text NOT NULL,
  last_on date NOT NULL,
  -- A clock paused when folded is folded again each time (its end moves every day).
  paused boolean NOT NULL,
  assessment_due_on date,
  assessment_stopped_on date,
  assessment_done_on date,
  assessment_late boolean,
  decision_started_on date,
  decision_due_on date,
  decision_stopped_on date,
  decision_done_on date,
  decision_late boolean
);
