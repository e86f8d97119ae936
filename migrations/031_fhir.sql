-- FHIR R4 ServiceRequests received from GP practice systems. The referral itself lives in
-- `referrals` (src/modules/referrals); this row ties it to the practice and the GP's own
-- identifier. The unique key makes a retry (even 20 at once) find the first referral instead
-- of creating a second one: the insert of this row is the first statement of the transaction.
CREATE TABLE fhir_service_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES gp_practices(id),
  api_client_id uuid NOT NULL REFERENCES api_clients(id),
  identifier_system text NOT NULL,
  identifier_value text NOT NULL,
  referral_id uuid REFERENCES referrals(id),
  authored_on timestamptz,
  -- Wegwijs extensions on the ServiceRequest (docs/fhir.md): preferred contact route and safety signals.
  contact_route text,
  safety_signals text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (practice_id, identifier_system, identifier_value)
);
CREATE UNIQUE INDEX fhir_service_requests_referral ON fhir_service_requests (referral_id) WHERE referral_id IS NOT NULL;

-- FHIR R4 Subscriptions (channel rest-hook) of a practice on the Tasks of its own referrals.
CREATE TABLE fhir_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES gp_practices(id),
  api_client_id uuid NOT NULL REFERENCES api_clients(id),
  criteria text NOT NULL,
  endpoint text NOT NULL,
  -- 'application/fhir+json' sends the Task (PUT [endpoint]/Task/[id]); NULL sends an empty POST.
  payload text,
  -- HTTP headers to send with each notification, e.g. 'Authorization: Bearer …' (R4 channel.header).
  headers text[] NOT NULL DEFAULT '{}',
  reason text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'error', 'off')),
  error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fhir_subscriptions_practice ON fhir_subscriptions (practice_id) WHERE status = 'active';

-- Every delivery attempt of a notification (terugkoppeling), successful or not.
CREATE TABLE fhir_deliveries (
  id bigserial PRIMARY KEY,
  subscription_id uuid NOT NULL REFERENCES fhir_subscriptions(id),
  service_request_id uuid NOT NULL REFERENCES fhir_service_requests(id),
  task_status text NOT NULL,
  attempt integer NOT NULL,
  http_status integer,
  error text,
  delivered boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fhir_deliveries_subscription ON fhir_deliveries (subscription_id, at);
