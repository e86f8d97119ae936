-- GP practices (huisartsenpraktijken) that refer from their practice system (HIS), and their
-- OAuth 2.0 API clients (client credentials, one or more per practice). Secrets are stored as
-- scrypt hashes and shown once; access tokens are short-lived and stored as SHA-256 hashes.
CREATE TABLE gp_practices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) > 0),
  -- AGB code (Vektis) of the practice: 8 digits.
  agb_code text NOT NULL UNIQUE CHECK (agb_code ~ '^[0-9]{8}$'),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- scopes: OAuth scopes this client may ask for (system/ServiceRequest.write, system/Task.read).
CREATE TABLE api_clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES gp_practices(id),
  client_id text NOT NULL UNIQUE CHECK (client_id ~ '^[A-Za-z0-9._-]{8,64}$'),
  name text NOT NULL,
  secret_hash text NOT NULL,
  scopes text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  secret_rotated_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX api_clients_practice ON api_clients (practice_id);

CREATE TABLE api_tokens (
  token_hash text PRIMARY KEY,
  api_client_id uuid NOT NULL REFERENCES api_clients(id) ON DELETE CASCADE,
  scopes text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX api_tokens_expiry ON api_tokens (expires_at);
