-- Referrals a neighbourhood team accepted before trajectories existed (090) get one now, so they
-- show in the caseloads: opened on the day the referral came in, and support started on the day the
-- referral was started. No plan was recorded for them, so their plan clock shows as not met: a
-- professional records the plan (with its real date) on the trajectory page.
INSERT INTO trajectories (client_id, team_id, referral_id, professional_user_id, received_on, status)
SELECT r.client_id, r.team_id, r.id, r.assigned_user_id, (r.received_at AT TIME ZONE 'Europe/Amsterdam')::date,
  CASE WHEN r.status = 'in_progress' THEN 'in_progress' ELSE 'intake' END
FROM referrals r JOIN teams t ON t.id = r.team_id
WHERE t.kind = 'neighbourhood_team' AND r.status IN ('accepted', 'in_progress')
  AND NOT EXISTS (SELECT 1 FROM trajectories x WHERE x.referral_id = r.id);

INSERT INTO trajectory_actions (trajectory_id, type, occurred_on)
SELECT x.id, 'opened', x.received_on FROM trajectories x
WHERE NOT EXISTS (SELECT 1 FROM trajectory_actions a WHERE a.trajectory_id = x.id);

INSERT INTO trajectory_actions (trajectory_id, type, occurred_on)
SELECT x.id, 'support_started', greatest(x.received_on, (a.at AT TIME ZONE 'Europe/Amsterdam')::date)
FROM trajectories x JOIN referral_actions a ON a.referral_id = x.referral_id AND a.type = 'started'
WHERE x.status = 'in_progress'
  AND NOT EXISTS (SELECT 1 FROM trajectory_actions b WHERE b.trajectory_id = x.id AND b.type = 'support_started');
