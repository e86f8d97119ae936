-- Client-experience survey (cliëntervaringsonderzoek, Wmo 2015 art. 2.5.1; src/modules/satisfaction, docs/satisfaction.md).
-- A definition is never changed in place: a changed text is a new version, and every round and
-- answer points at the version it used.
CREATE TABLE survey_definitions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  version integer NOT NULL CHECK (version >= 1),
  title text NOT NULL,
  -- [{ "key": "knew_where", "theme": "access" | "quality" | "effect", "text": "…" }]
  statements jsonb NOT NULL,
  open_question text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  UNIQUE (code, version)
);

-- A round: one survey version sent for one period, with a sample size per desk or team.
CREATE TABLE survey_rounds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id uuid NOT NULL REFERENCES survey_definitions(id),
  period_from date NOT NULL,
  period_to date NOT NULL CHECK (period_to >= period_from),
  -- After this day no answer is taken and every invitation (the link to the client) is deleted.
  closes_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id)
);

CREATE TABLE survey_round_teams (
  round_id uuid NOT NULL REFERENCES survey_rounds(id),
  team_id uuid NOT NULL REFERENCES teams(id),
  sample_size integer NOT NULL CHECK (sample_size BETWEEN 1 AND 100000),
  -- How many were invited (the denominator of the response rate; kept when the invitations go).
  invited integer NOT NULL DEFAULT 0,
  PRIMARY KEY (round_id, team_id)
);

-- The only link between a client and the survey, kept while a reminder may be needed: deleted on
-- answering and when the round closes. Only the hash of the link token or letter code is stored.
CREATE TABLE survey_invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES survey_rounds(id),
  team_id uuid NOT NULL REFERENCES teams(id),
  client_id uuid NOT NULL REFERENCES clients(id),
  channel text NOT NULL CHECK (channel IN ('digital', 'letter')),
  -- Set when the mailing is made (the plain key is shown once, for the e-mail or letter).
  key_hash text UNIQUE,
  invited_at timestamptz NOT NULL DEFAULT now(),
  -- Set by the reminder job; the reminder carries a second key (the first keeps working).
  reminded_at timestamptz,
  reminder_key_hash text UNIQUE,
  UNIQUE (round_id, client_id)
);

-- A used key: only its hash and round, so that a second answer with it is refused by name. It names no client.
CREATE TABLE survey_used_keys (
  key_hash text PRIMARY KEY,
  round_id uuid NOT NULL REFERENCES survey_rounds(id)
);

-- The answers: no client, no invitation, no timestamp finer than the day; only version, desk/team and period.
CREATE TABLE survey_answers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES survey_rounds(id),
  survey_id uuid NOT NULL REFERENCES survey_definitions(id),
  team_id uuid NOT NULL REFERENCES teams(id),
  period_from date NOT NULL,
  period_to date NOT NULL,
  -- { "<statement key>": 1..5 | null }  (1 = helemaal oneens … 5 = helemaal eens; null = weet niet / n.v.t.)
  scores jsonb NOT NULL,
  grade integer CHECK (grade BETWEEN 1 AND 10),
  open_answer text CHECK (length(open_answer) <= 2000),
  answered_on date NOT NULL
);
CREATE INDEX survey_answers_period ON survey_answers (period_from, period_to, team_id);

-- Clients who do not want to be asked (bezwaar): never sampled.
CREATE TABLE survey_opt_outs (
  client_id uuid PRIMARY KEY REFERENCES clients(id),
  since timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid REFERENCES users(id)
);
