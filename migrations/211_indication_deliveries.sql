-- Delivery of an indication as the provider reports it (issue 18; owner: src/modules/indications,
-- written through its delivery-store.ts, e.g. by the iwmo module on a WMO305 start or WMO307
-- stop). Append-only: what was reported, when; the current state is derived. A report is
-- recorded once per source (the message that carried it), so a repeated message changes nothing.
CREATE TABLE indication_deliveries (
  -- In the order reported (created_at is the same for reports in one transaction).
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  indication_id uuid NOT NULL REFERENCES indications(id),
  kind text NOT NULL CHECK (kind IN ('start', 'stop')),
  on_date date NOT NULL,
  -- RedenBeeindiging (WMO588) of a stop, e.g. 19 volgens plan, 20 tijdelijk.
  reason text,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (indication_id, kind, source)
);
CREATE INDEX indication_deliveries_indication ON indication_deliveries (indication_id, id);
