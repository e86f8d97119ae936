-- Providers, their contracts, the product catalogue and its tariffs (issue 18, DOMAIN.md §4;
-- owner: src/modules/indications). Dates are inclusive calendar dates; valid_to NULL = open.
-- Amounts are whole eurocents. Overlapping tariffs of one product under one contract are
-- refused by the store (inside the transaction, with the product row locked), not by an
-- exclusion constraint, which needs btree_gist.
CREATE TABLE providers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) > 0),
  -- AGB code (Vektis) of the provider: 8 digits; the iWmo Ontvanger.
  agb_code text NOT NULL UNIQUE CHECK (agb_code ~ '^[0-9]{8}$'),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE provider_contracts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider_id uuid NOT NULL REFERENCES providers(id),
  valid_from date NOT NULL,
  valid_to date CHECK (valid_to >= valid_from),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX provider_contracts_provider ON provider_contracts (provider_id);

-- category: WMO (iWmo WMO020) or JZ (iJw JZ020); code: the local 5-character product code;
-- unit and frequency: the names in src/modules/indications/indication-cost.ts (iWmo Eenheid, Frequentie).
CREATE TABLE products (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  category text NOT NULL CHECK (category IN ('WMO', 'JZ')),
  code text NOT NULL CHECK (code ~ '^[0-9A-Z]{5}$'),
  name text NOT NULL CHECK (length(name) > 0),
  unit text NOT NULL CHECK (unit IN ('minute', 'hour', 'etmaal', 'dagdeel', 'piece_output', 'euro', 'piece_effort')),
  frequency text NOT NULL CHECK (frequency IN ('day', 'week', 'four_weeks', 'month', 'total')),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (category, code)
);

CREATE TABLE product_tariffs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id uuid NOT NULL REFERENCES products(id),
  contract_id uuid NOT NULL REFERENCES provider_contracts(id),
  valid_from date NOT NULL,
  valid_to date CHECK (valid_to >= valid_from),
  eurocents integer NOT NULL CHECK (eurocents >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX product_tariffs_product ON product_tariffs (product_id, contract_id);
