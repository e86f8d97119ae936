-- A trajectory handed to another professional (the team lead's reassign) is part of its history:
-- the action 'reassigned' with from whom (`from_user_id`, null when no one carried it) to whom
-- (`to_user_id`); who did it and when are `actor_user_id` and `at`/`occurred_on` as for every action.
-- It changes no status (trajectory-process.ts: allowed in every open status).
ALTER TABLE trajectory_actions DROP CONSTRAINT trajectory_actions_type_check;
ALTER TABLE trajectory_actions ADD CONSTRAINT trajectory_actions_type_check
  CHECK (type IN ('opened', 'plan_agreed', 'support_started', 'evaluation_started', 'evaluation_finished',
    'extension_requested', 'extension_approved', 'closed', 'reopened', 'reassigned'));
ALTER TABLE trajectory_actions ADD COLUMN from_user_id uuid REFERENCES users(id);
ALTER TABLE trajectory_actions ADD COLUMN to_user_id uuid REFERENCES users(id);
ALTER TABLE trajectory_actions ADD CONSTRAINT trajectory_actions_reassigned_to CHECK (type <> 'reassigned' OR to_user_id IS NOT NULL);
