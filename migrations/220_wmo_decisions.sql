-- The beschikking (Wmo 2015 art. 2.3.5) and its letter (issue 17; owner: src/modules/wmo).
-- wmo_decisions: the content of a 'decide' action, one row per action, never changed. `lines` is
-- the list of requested provisions with grant or refusal (src/modules/wmo/schemas.ts DecisionLine):
-- kept as one JSON document because a decision is always read and rendered whole.
CREATE TABLE wmo_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  notification_id uuid NOT NULL REFERENCES wmo_notifications(id),
  action_id bigint NOT NULL UNIQUE REFERENCES wmo_actions(id),
  lines jsonb NOT NULL,
  contribution_notice text NOT NULL,
  objection_clause text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wmo_decisions_notification ON wmo_decisions (notification_id);

-- The letter template an admin edits: every save is a new version; the highest version is used.
CREATE TABLE wmo_letter_templates (
  kind text NOT NULL CHECK (kind IN ('wmo_decision')),
  version integer NOT NULL CHECK (version > 0),
  body text NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, version)
);

INSERT INTO wmo_letter_templates (kind, version, body) VALUES ('wmo_decision', 1,
'# Besluit over uw aanvraag voor Wmo-ondersteuning

Beste {{clientName}},

Op {{applicationDate}} heeft u ons gevraagd om ondersteuning. In deze brief leest u wat wij hebben besloten en waarom. Dit besluit heet een beschikking.

# Ons besluit

{{provisions}}

# Eigen bijdrage

{{contributionNotice}}

# Bezwaar maken

{{objectionClause}}

# Vragen?

Bel ons op 14 010. Zeg dat u belt over dit besluit (kenmerk {{reference}}). U kunt ook gratis hulp krijgen van een onafhankelijke cliëntondersteuner.

{{signature}}');

-- Every version of a decision's letter, each a generated PDF; nothing is overwritten: regenerating
-- (after a template change) and signing each add a version. A signed version is what the client receives.
CREATE TABLE wmo_letters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  decision_id uuid NOT NULL REFERENCES wmo_decisions(id),
  version integer NOT NULL CHECK (version > 0),
  template_version integer NOT NULL,
  pdf bytea NOT NULL,
  signed_by uuid REFERENCES users(id),
  signed_at timestamptz,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (decision_id, version)
);

-- Mandaat: who may sign decisions on behalf of the college, per product (NULL: every product)
-- up to an amount per provision (whole eurocents). Revoking keeps the row.
CREATE TABLE wmo_mandates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  product_id uuid REFERENCES products(id),
  max_eurocents integer NOT NULL CHECK (max_eurocents >= 0),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX wmo_mandates_user ON wmo_mandates (user_id);
