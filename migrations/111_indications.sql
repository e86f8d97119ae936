-- Indications (issue 18, DOMAIN.md §4; owner: src/modules/indications): what a granted Wmo
-- decision assigns — a product at a provider, a volume per the product's frequency, a period
-- (inclusive dates) and the delivery form (ZIN in kind, PGB personal budget).
CREATE TABLE indications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients(id),
  wmo_notification_id uuid NOT NULL REFERENCES wmo_notifications(id),
  product_id uuid NOT NULL REFERENCES products(id),
  provider_id uuid NOT NULL REFERENCES providers(id),
  volume integer NOT NULL CHECK (volume > 0),
  valid_from date NOT NULL,
  valid_to date NOT NULL CHECK (valid_to >= valid_from),
  form text NOT NULL CHECK (form IN ('ZIN', 'PGB')),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX indications_client ON indications (client_id);
CREATE INDEX indications_notification ON indications (wmo_notification_id);
