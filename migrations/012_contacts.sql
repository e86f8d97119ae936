-- Contacts at the front door, Wmo notifications (meldingen), staff notifications,
-- and the citizens' digital channel.
CREATE TABLE contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- NULL: an anonymous contact, allowed for information and advice only.
  client_id uuid REFERENCES clients(id),
  channel text NOT NULL CHECK (channel IN ('phone', 'digital', 'desk', 'home_visit')),
  -- The desk or team that registered the contact.
  team_id uuid NOT NULL REFERENCES teams(id),
  registered_by uuid REFERENCES users(id),
  question text NOT NULL CHECK (length(question) > 0),
  life_domains text[] NOT NULL DEFAULT '{}',
  urgency text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'urgent', 'crisis')),
  -- 1 advice, 2 neighbourhood team, 3 Wmo notification, 4 youth, 5 city desk (homelessness), 6 safety.
  outcome smallint NOT NULL CHECK (outcome BETWEEN 1 AND 6),
  general_provision text,
  note text,
  contacted_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (client_id IS NOT NULL OR outcome = 1)
);
CREATE INDEX contacts_client ON contacts (client_id, contacted_at) WHERE client_id IS NOT NULL;
CREATE INDEX contacts_contacted_at ON contacts (contacted_at);

ALTER TABLE referrals ADD COLUMN contact_id uuid REFERENCES contacts(id);

-- Wmo 2015 art. 2.3.2: the melding. Its 6-week clock is computed (src/modules/wmo/wmo-process.ts).
CREATE TABLE wmo_notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients(id),
  contact_id uuid REFERENCES contacts(id),
  notified_on date NOT NULL,
  channel text NOT NULL CHECK (channel IN ('phone', 'digital', 'desk', 'home_visit')),
  -- who reported: the client, a representative, an informal carer, or someone else
  reported_by text NOT NULL DEFAULT 'client' CHECK (reported_by IN ('client', 'representative', 'informal_carer', 'other')),
  team_id uuid REFERENCES teams(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wmo_notifications_client ON wmo_notifications (client_id);

-- Messages to a staff member (e.g. a safety signal for the team lead).
CREATE TABLE user_notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL,
  client_id uuid REFERENCES clients(id),
  contact_id uuid REFERENCES contacts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX user_notifications_user ON user_notifications (user_id, created_at);

-- Citizens logged in with DigiD (or the demo test identity provider). Cookie holds a token; we keep its hash.
CREATE TABLE citizen_sessions (
  token_hash text PRIMARY KEY,
  bsn text NOT NULL CHECK (bsn ~ '^[0-9]{9}$'),
  name text NOT NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

-- One-time codes of the demo test identity provider (never used when DigiD is configured).
CREATE TABLE test_idp_codes (
  code text PRIMARY KEY,
  bsn text NOT NULL,
  name text NOT NULL,
  state text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A question a citizen sent through the digital channel; stored before the receipt is shown.
CREATE TABLE portal_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  citizen_bsn text NOT NULL CHECK (citizen_bsn ~ '^[0-9]{9}$'),
  citizen_name text NOT NULL,
  client_id uuid REFERENCES clients(id),
  -- NULL: for themselves; otherwise {name, birthDate, relation}.
  on_behalf_of jsonb,
  question text NOT NULL CHECK (length(question) > 0),
  life_domains text[] NOT NULL DEFAULT '{}',
  contact_preference text NOT NULL CHECK (contact_preference IN ('phone', 'email', 'letter')),
  contact_value text,
  desk_team_id uuid NOT NULL REFERENCES teams(id),
  -- The contact in which a desk worker handled the question (status: received → handled).
  contact_id uuid REFERENCES contacts(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX portal_requests_citizen ON portal_requests (citizen_bsn, created_at);
CREATE INDEX portal_requests_open ON portal_requests (desk_team_id, created_at) WHERE contact_id IS NULL;
CREATE SEQUENCE portal_request_number;
