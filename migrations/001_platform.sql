-- Organisation: municipality, areas (gebieden), regions (rayons), districts (wijken),
-- teams and desks, postcode ranges → district → team.
CREATE TABLE municipality (
  cbs_code text PRIMARY KEY CHECK (cbs_code ~ '^[0-9]{4}$'),
  name text NOT NULL
);

CREATE TABLE areas (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE
);

CREATE TABLE regions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE
);

-- kind: neighbourhood_team (wijkteam) or desk (loket); desk_type names which desk.
CREATE TABLE teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('neighbourhood_team', 'desk')),
  desk_type text CHECK (desk_type IN ('vraagwijzer', 'cov', 'jongerenloket', 'cjg')),
  region_id uuid REFERENCES regions(id),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'desk') = (desk_type IS NOT NULL))
);

CREATE TABLE districts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  area_id uuid NOT NULL REFERENCES areas(id),
  team_id uuid REFERENCES teams(id)
);

-- Inclusive ranges of 6-character postcodes without space ('3011AA'..'3011ZZ').
CREATE TABLE postcode_ranges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  from_postcode text NOT NULL CHECK (from_postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
  to_postcode text NOT NULL CHECK (to_postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
  district_id uuid NOT NULL REFERENCES districts(id),
  CHECK (from_postcode <= to_postcode)
);
CREATE INDEX postcode_ranges_from ON postcode_ranges (from_postcode);

-- Staff users. Passwords: scrypt; TOTP secret for two-factor login.
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  display_name text NOT NULL,
  email text,
  password_hash text,
  must_change_password boolean NOT NULL DEFAULT false,
  totp_secret text,
  totp_enabled boolean NOT NULL DEFAULT false,
  external_subject text UNIQUE,
  active boolean NOT NULL DEFAULT true,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_roles (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role text NOT NULL,
  PRIMARY KEY (user_id, role)
);

CREATE TABLE team_members (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  team_id uuid NOT NULL REFERENCES teams(id),
  PRIMARY KEY (user_id, team_id)
);

-- Server-side sessions; the cookie holds a random token, the table only its SHA-256.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  mfa_verified boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- OIDC login attempts in flight (state, PKCE verifier), short-lived.
CREATE TABLE oidc_logins (
  state text PRIMARY KEY,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  purpose text NOT NULL,
  return_to text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Clients: the minimal record; the front-door issue extends it.
CREATE TABLE clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bsn text CHECK (bsn ~ '^[0-9]{9}$'),
  first_names text,
  surname_prefix text,
  surname text NOT NULL,
  birth_date date,
  gender text NOT NULL DEFAULT '0' CHECK (gender IN ('0', '1', '2', '9')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX clients_bsn ON clients (bsn) WHERE bsn IS NOT NULL;

-- Need-to-know: who is involved with a client, as a person or as a team/desk.
CREATE TABLE client_relations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients(id),
  user_id uuid REFERENCES users(id),
  team_id uuid REFERENCES teams(id),
  reason text NOT NULL,
  since timestamptz NOT NULL DEFAULT now(),
  until timestamptz,
  CHECK (user_id IS NOT NULL OR team_id IS NOT NULL)
);
CREATE INDEX client_relations_client ON client_relations (client_id);
CREATE INDEX client_relations_user ON client_relations (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX client_relations_team ON client_relations (team_id) WHERE team_id IS NOT NULL;

-- Break-the-glass: emergency access with a stated reason, time-limited, reviewed later.
CREATE TABLE break_glass (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  client_id uuid NOT NULL REFERENCES clients(id),
  reason text NOT NULL CHECK (length(reason) >= 10),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  reviewed_at timestamptz,
  reviewed_by uuid REFERENCES users(id),
  review_note text
);
CREATE INDEX break_glass_user_client ON break_glass (user_id, client_id, expires_at);

-- Audit log (NEN 7513 / VNG Verwerkingenlogging). Append-only: a trigger refuses UPDATE and
-- DELETE, and each row carries the SHA-256 of the previous row so tampering is detectable.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_user_id uuid,
  actor_name text,
  actor_roles text[] NOT NULL DEFAULT '{}',
  on_behalf_of text,
  action text NOT NULL,
  processing_activity text NOT NULL,
  client_id uuid,
  outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'error')),
  break_glass_id uuid,
  remote_addr text,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_client ON audit_log (client_id, at) WHERE client_id IS NOT NULL;
CREATE INDEX audit_log_actor ON audit_log (actor_user_id, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Job queue: queued work and schedules, claimed with SKIP LOCKED so each job runs once.
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  unique_key text UNIQUE,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  locked_by text,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE status IN ('queued', 'running');

CREATE TABLE job_schedules (
  name text PRIMARY KEY,
  interval_seconds integer NOT NULL CHECK (interval_seconds > 0),
  next_run_at timestamptz NOT NULL DEFAULT now()
);
