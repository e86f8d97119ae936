-- The council report counts its service norms in SQL (docs/monitor.md "Counted in SQL"): what the
-- counting needs of a melding and of a trajectory is kept beside them, derived by the owning
-- module's code, never typed in.
--
-- Wmo: the first day the melding was decided or withdrawn (a melding counts in a period unless it
-- was finished before it). Rows kept before this migration do not have it: they are dropped and the
-- job wmo.clock_facts folds them again (until then the figures fold those meldingen themselves).
ALTER TABLE wmo_clock_facts ADD COLUMN finished_on date;
DELETE FROM wmo_clock_facts;

-- Trajectories: the first day opened, plan agreed and closed (the three days the plan clock needs;
-- src/modules/casework/figures.ts), written with the caseload keys in the transaction that appends
-- an action (clock-keys.ts storeClockKeys). Filled here from the actions for every trajectory.
ALTER TABLE trajectories ADD COLUMN opened_on date;
ALTER TABLE trajectories ADD COLUMN plan_agreed_on date;
ALTER TABLE trajectories ADD COLUMN closed_on date;
UPDATE trajectories t SET opened_on = a.opened, plan_agreed_on = a.plan, closed_on = a.closed
FROM (SELECT trajectory_id, min(occurred_on) FILTER (WHERE type = 'opened') AS opened, min(occurred_on) FILTER (WHERE type = 'plan_agreed') AS plan,
        min(occurred_on) FILTER (WHERE type = 'closed') AS closed
      FROM trajectory_actions WHERE type IN ('opened', 'plan_agreed', 'closed') GROUP BY trajectory_id) a
WHERE a.trajectory_id = t.id;
CREATE INDEX trajectories_received ON trajectories (received_on);
