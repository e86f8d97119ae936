-- The household and its plan (src/modules/household/): "1 gezin, 1 plan, 1 regisseur" (DOMAIN §3.3).
-- A household groups client records (before this, a household was only a list of persons on one
-- client record, client_persons). One coordinator (regisseur, a professional) and one plan: goals
-- per life domain with progress notes, agreed with the client on a date and in a way.
CREATE TABLE households (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  coordinator_user_id uuid REFERENCES users(id),
  -- The plan as agreed with the client: when and how (both or neither).
  plan_agreed_on date,
  plan_agreed_how text CHECK (plan_agreed_how IN ('conversation', 'home_visit', 'phone', 'video', 'in_writing')),
  CHECK ((plan_agreed_on IS NULL) = (plan_agreed_how IS NULL)),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A client belongs to one household at a time.
CREATE TABLE household_members (
  household_id uuid NOT NULL REFERENCES households(id),
  client_id uuid NOT NULL UNIQUE REFERENCES clients(id),
  role text NOT NULL CHECK (role IN ('parent', 'partner', 'child', 'other')),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (household_id, client_id)
);

CREATE TABLE plan_goals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL REFERENCES households(id),
  life_domain text NOT NULL REFERENCES life_domains(code),
  what text NOT NULL CHECK (length(what) BETWEEN 2 AND 1000),
  who text NOT NULL CHECK (length(who) BETWEEN 2 AND 200),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'reached', 'partly_reached', 'not_reached', 'stopped')),
  created_by uuid REFERENCES users(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_goals_household ON plan_goals (household_id, created_at);

-- Progress notes per goal: append-only.
CREATE TABLE plan_goal_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  goal_id uuid NOT NULL REFERENCES plan_goals(id),
  written_on date NOT NULL,
  note text NOT NULL CHECK (length(note) BETWEEN 2 AND 2000),
  actor_user_id uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_goal_notes_goal ON plan_goal_notes (goal_id, recorded_at);

CREATE FUNCTION plan_goal_notes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'plan_goal_notes is append-only';
END;
$$;
CREATE TRIGGER plan_goal_notes_no_update BEFORE UPDATE OR DELETE ON plan_goal_notes
  FOR EACH ROW EXECUTE FUNCTION plan_goal_notes_append_only();
