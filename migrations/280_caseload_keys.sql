-- Caseloads at scale (issue 16): what the caseload list sorts and filters on, stored beside the
-- trajectory so a team of 2,000 open trajectories filters by clock state in SQL instead of folding
-- every trajectory's actions per request. Derived, never typed in: `caseloadKeysOf` in
-- src/modules/casework/trajectory-process.ts computes them from the actions and the norms (the same
-- code as the clocks), and the store rewrites them in the transaction that appends an action.
--   due_on           the due day of the most urgent running clock (null: none runs)
--   at_risk_on       the day that clock turns 'at risk'
--   plan_due_on      the plan's due day while no plan is agreed
--   max_duration_on  the day an open trajectory passes its maximum duration (12 months after support started)
-- SQL cannot run that code, so this migration marks every open trajectory stale and the casework
-- module computes the keys when the app starts, before it serves (refreshClockKeys, clock-keys.ts);
-- a list also refreshes stale rows first. A later migration that changes the trajectory norms sets
-- clock_keys_stale = true on the open trajectories in the same way.
ALTER TABLE trajectories ADD COLUMN due_on date;
ALTER TABLE trajectories ADD COLUMN at_risk_on date;
ALTER TABLE trajectories ADD COLUMN plan_due_on date;
ALTER TABLE trajectories ADD COLUMN max_duration_on date;
ALTER TABLE trajectories ADD COLUMN clock_keys_stale boolean NOT NULL DEFAULT true;
-- A closed trajectory runs no clock: every key stays null.
UPDATE trajectories SET clock_keys_stale = false WHERE status = 'closed';

CREATE INDEX trajectories_clock_keys_stale ON trajectories (id) WHERE clock_keys_stale;
-- The list's orders (most urgent first; longest waiting first) per team and per professional, open only;
-- keyset paging continues after the last row's key.
CREATE INDEX trajectories_team_urgency ON trajectories (team_id, (coalesce(due_on, 'infinity'::date)), received_on, id) WHERE status <> 'closed';
CREATE INDEX trajectories_professional_urgency ON trajectories (professional_user_id, (coalesce(due_on, 'infinity'::date)), received_on, id) WHERE status <> 'closed';
CREATE INDEX trajectories_team_received ON trajectories (team_id, received_on, id) WHERE status <> 'closed';
CREATE INDEX trajectories_professional_received ON trajectories (professional_user_id, received_on, id) WHERE status <> 'closed';
