-- Life domains (leefgebieden) are configuration: the nine problem areas of Rotterdam's basishulp
-- are the default, and a municipality adds its own (e.g. eenzaamheid, sociaal netwerk) through
-- POST /api/v1/life-domains. The code is what contacts, referrals and the figures store; it never
-- changes once used, so a domain is switched off (active = false) rather than deleted or renamed.
CREATE TABLE life_domains (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  label_nl text NOT NULL CHECK (length(label_nl) BETWEEN 1 AND 100),
  label_en text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 100),
  position integer NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO life_domains (code, label_nl, label_en, position) VALUES
  ('growing_up_parenting', 'Opgroeien en opvoeden', 'Growing up and parenting', 10),
  ('finances_debts', 'Financiën en schulden', 'Finances and debts', 20),
  ('work_daytime', 'Werk en dagbesteding', 'Work and daytime activities', 30),
  ('housing', 'Wonen', 'Housing', 40),
  ('ageing', 'Ouder worden', 'Growing older', 50),
  ('disability', 'Leven met een beperking', 'Living with a disability', 60),
  ('mental_health', 'Geestelijke gezondheid', 'Mental health', 70),
  ('domestic_violence', 'Huiselijk geweld', 'Domestic violence', 80),
  ('addiction', 'Verslavingen', 'Addiction', 90);
