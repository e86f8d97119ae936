-- The neighbourhood team's network (netwerkpartners, DOMAIN §3.3): who the teams work with per
-- district, and what was agreed with them (samenwerkingsafspraken). One table for every kind of
-- partner. A GP practice is a partner of kind 'gp_practice' that points at its row in gp_practices
-- (name and AGB code stay there, not copied); every other kind carries its own name. Districts
-- and agreements hang off the partner row, so they serve GP practices and other partners alike
-- (docs/network.md).
CREATE TABLE network_partners (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('gp_practice', 'school', 'cjg', 'work_income', 'kbr', 'welfare', 'community_centre', 'provider', 'volunteers')),
  name text CHECK (name IS NULL OR length(name) > 0),
  practice_id uuid UNIQUE REFERENCES gp_practices(id),
  contact_name text,
  phone text,
  email text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((kind = 'gp_practice') = (practice_id IS NOT NULL)),
  CHECK ((practice_id IS NULL) = (name IS NOT NULL))
);

-- The districts (wijken) a partner works in; none: the whole city (e.g. Werk & Inkomen).
CREATE TABLE network_partner_districts (
  partner_id uuid NOT NULL REFERENCES network_partners(id) ON DELETE CASCADE,
  district_id uuid NOT NULL REFERENCES districts(id),
  PRIMARY KEY (partner_id, district_id)
);
CREATE INDEX network_partner_districts_district ON network_partner_districts (district_id);

-- What was agreed with a partner (convenant, samenwerkingsafspraak), with whom, and for how long.
CREATE TABLE network_agreements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partner_id uuid NOT NULL REFERENCES network_partners(id),
  subject text NOT NULL CHECK (length(subject) > 0),
  contact_name text,
  contact_phone text,
  contact_email text,
  valid_from date NOT NULL,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX network_agreements_partner ON network_agreements (partner_id, valid_from);
