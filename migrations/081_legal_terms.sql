-- Statutory terms as data (src/modules/legal-terms/). The Algemene termijnenwet itself is code
-- (legal-terms.ts: weekends, the holidays of art. 3 with Easter computed); these two tables hold
-- what changes without a new release.

-- Atw art. 3 lid 2: days a royal decree (or ministerial decision) equates with the generally
-- recognised holidays. Functioneel beheer adds them through POST /api/v1/legal-holidays.
CREATE TABLE legal_holidays (
  date date PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- The decree that equates the day (e.g. "Besluit van … , Stb. …").
  decree text NOT NULL CHECK (length(decree) BETWEEN 1 AND 200),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- How long each term is, with validity dates: a term takes the norm valid on its start date.
-- One configuration for the Wmo and youth clocks, the wijkteam clocks and the council monitor;
-- no term lengths in code. A new norm is a new row from a later valid_from.
CREATE TABLE legal_norms (
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,59}$'),
  amount integer NOT NULL CHECK (amount > 0),
  unit text NOT NULL CHECK (unit IN ('days', 'weeks', 'months')),
  valid_from date NOT NULL,
  valid_to date,
  -- Where the norm comes from: the article of the law, or the municipality's own norm.
  basis text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (code, valid_from),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

INSERT INTO legal_norms (code, amount, unit, valid_from, basis) VALUES
  ('wmo_assessment', 42, 'days', '2015-01-01', 'Wmo 2015 art. 2.3.2 lid 1: onderzoek binnen zes weken na de melding'),
  ('wmo_decision', 14, 'days', '2015-01-01', 'Wmo 2015 art. 2.3.5 lid 1: beschikking binnen twee weken na de aanvraag'),
  ('objection_term', 6, 'weeks', '1994-01-01', 'Awb art. 6:7: bezwaartermijn zes weken'),
  ('objection_decision', 6, 'weeks', '1994-01-01', 'Awb art. 7:10 lid 1: beslissing op bezwaar binnen zes weken'),
  ('objection_decision_committee', 12, 'weeks', '1994-01-01', 'Awb art. 7:10 lid 1: twaalf weken met een adviescommissie'),
  ('objection_extension', 6, 'weeks', '1994-01-01', 'Awb art. 7:10 lid 3: verdaging met ten hoogste zes weken'),
  ('youth_decision', 8, 'weeks', '2015-01-01', 'Awb art. 4:13 lid 2 (Jeugdwet: geen eigen termijn): acht weken'),
  ('neighbourhood_plan', 6, 'weeks', '2015-01-01', 'Rotterdam: ondersteuningsplan binnen zes weken na aanmelding bij het wijkteam'),
  ('basic_support', 12, 'months', '2015-01-01', 'Rotterdam: basishulp duurt ten hoogste twaalf maanden');
