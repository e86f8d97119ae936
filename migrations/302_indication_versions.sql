-- Versions of an indication (issue 18; owner: src/modules/indications). When a decision changes,
-- the indication keeps every version: its values, who changed it, when and why. Append-only;
-- the indications row is the current version. A change of product, volume or provider from a
-- date ends the indication the day before (change 'product_changed', 'volume_changed',
-- 'provider_changed') and starts a new one that `follows` it: in iWmo an assignment's product,
-- scope and provider never change, a new assignment replaces it (docs/iwmo.md).
CREATE TABLE indication_versions (
  indication_id uuid NOT NULL REFERENCES indications(id),
  version integer NOT NULL,
  product_id uuid NOT NULL REFERENCES products(id),
  provider_id uuid NOT NULL REFERENCES providers(id),
  volume integer NOT NULL,
  valid_from date NOT NULL,
  valid_to date NOT NULL,
  form text NOT NULL,
  withdrawn boolean NOT NULL,
  change text NOT NULL CHECK (change IN ('created', 'extended', 'shortened', 'withdrawn', 'product_changed', 'volume_changed', 'provider_changed')),
  reason text NOT NULL,
  changed_by uuid REFERENCES users(id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (indication_id, version)
);
-- Withdrawn (ingetrokken als ten onrechte afgegeven): it counts for nothing; its end date equals its start.
ALTER TABLE indications ADD COLUMN withdrawn boolean NOT NULL DEFAULT false;
-- The indication this one replaces from its start date (a change of product, volume or provider).
ALTER TABLE indications ADD COLUMN follows uuid REFERENCES indications(id);
INSERT INTO indication_versions (indication_id, version, product_id, provider_id, volume, valid_from, valid_to, form, withdrawn, change, reason, changed_by, changed_at)
  SELECT id, version, product_id, provider_id, volume, valid_from, valid_to, form, false, 'created', 'Beschikking', created_by, created_at FROM indications;
