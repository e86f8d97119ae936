-- The full client record (front door): names as the BRP has them, address or no fixed address,
-- contact details, language and communication needs, a search key, and merges.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- name_usage: BRP aanduiding naamgebruik (E eigen, P partner, V partner + eigen, N eigen + partner).
ALTER TABLE clients
  ADD COLUMN name_usage text NOT NULL DEFAULT 'E' CHECK (name_usage IN ('E', 'P', 'V', 'N')),
  ADD COLUMN partner_surname_prefix text,
  ADD COLUMN partner_surname text,
  -- Search key: surname without prefix, lowercased, without diacritics ('Çelik' → 'celik'),
  -- written by the application (normaliseName in src/modules/clients/names.ts) on every change.
  ADD COLUMN surname_key text COLLATE "C" NOT NULL DEFAULT '',
  ADD COLUMN postcode text CHECK (postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
  ADD COLUMN house_number integer CHECK (house_number BETWEEN 1 AND 99999),
  ADD COLUMN house_number_addition text,
  ADD COLUMN street text,
  ADD COLUMN city text,
  ADD COLUMN no_fixed_address boolean NOT NULL DEFAULT false,
  -- Where someone without a fixed address can be reached (briefadres, shelter, day centre).
  ADD COLUMN contact_point text,
  ADD COLUMN phone text,
  ADD COLUMN email text,
  ADD COLUMN preferred_language text,
  -- interpreter | easy_read | lvb_signal (licht verstandelijke beperking) | sign_language | other
  ADD COLUMN communication_needs text[] NOT NULL DEFAULT '{}',
  -- Set by a contact with outcome 6 (safety signal); the meldcode flow is its own module.
  ADD COLUMN safety_signal_at timestamptz,
  -- A record merged into another one (see client_merges) points at the surviving record.
  ADD COLUMN merged_into uuid REFERENCES clients(id),
  ADD CONSTRAINT clients_address_or_none CHECK (NOT (no_fixed_address AND postcode IS NOT NULL));

-- Exact keys first (BSN has its unique index), then a btree prefix range on the surname key (collation C:
-- LIKE 'x%' is an index range and ORDER BY surname_key follows the index)
-- that stops after LIMIT rows even among thousands of 'jansen'; trigram only widens a short result.
CREATE INDEX clients_surname_key ON clients (surname_key, birth_date, id) WHERE merged_into IS NULL;
CREATE INDEX clients_birth_date ON clients (birth_date) WHERE merged_into IS NULL;
CREATE INDEX clients_address ON clients (postcode, house_number) WHERE merged_into IS NULL AND postcode IS NOT NULL;
-- GiST, not GIN: ORDER BY surname_key <-> key walks the index nearest-first and stops at the LIMIT.
CREATE INDEX clients_surname_trgm ON clients USING gist (surname_key gist_trgm_ops) WHERE merged_into IS NULL;

-- Representatives, informal carers and household members of a client.
-- kind: representative (role: curator, mentor, bewindvoerder, parent_with_authority)
--       informal_carer (role: free text, e.g. 'dochter') | household_member (role: partner, child, other)
CREATE TABLE client_persons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients(id),
  kind text NOT NULL CHECK (kind IN ('representative', 'informal_carer', 'household_member')),
  role text,
  name text NOT NULL,
  birth_date date,
  phone text,
  email text,
  related_client_id uuid REFERENCES clients(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX client_persons_client ON client_persons (client_id);

-- Merge of a record (usually one without BSN) into another; reversible for 30 days.
CREATE TABLE client_merges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  surviving_client_id uuid NOT NULL REFERENCES clients(id),
  merged_client_id uuid NOT NULL REFERENCES clients(id),
  reason text NOT NULL,
  merged_by uuid REFERENCES users(id),
  merged_at timestamptz NOT NULL DEFAULT now(),
  undone_at timestamptz,
  undone_by uuid REFERENCES users(id),
  CHECK (surviving_client_id <> merged_client_id)
);
CREATE INDEX client_merges_surviving ON client_merges (surviving_client_id);
CREATE UNIQUE INDEX client_merges_active ON client_merges (merged_client_id) WHERE undone_at IS NULL;

-- Consent (toestemming, AVG art. 6/9) per purpose and recipient, with date and how it was given.
CREATE TABLE consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients(id),
  purpose text NOT NULL,
  recipient text NOT NULL,
  given_on date NOT NULL,
  given_how text NOT NULL CHECK (given_how IN ('verbal', 'written', 'digital')),
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_on date,
  withdrawn_how text CHECK (withdrawn_how IN ('verbal', 'written', 'digital')),
  withdrawn_by uuid REFERENCES users(id)
);
CREATE INDEX consents_client ON consents (client_id, purpose, recipient);

-- Idempotency keys of creating commands: the same key (per actor) returns the first response.
-- The key row is claimed in the command's own transaction, so a concurrent duplicate waits and replays.
CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
