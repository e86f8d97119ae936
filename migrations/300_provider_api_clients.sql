-- Care providers as machine clients of the iWmo hub endpoint (issue 18, docs/iwmo.md; owner of
-- api_clients: src/modules/practices). An API client belongs to a GP practice or to a care
-- provider, never both: the same OAuth 2.0 client credentials, secret hashes and short-lived
-- tokens of migration 030 serve both, so there is one way for a machine to log in.
ALTER TABLE api_clients ALTER COLUMN practice_id DROP NOT NULL;
ALTER TABLE api_clients ADD COLUMN provider_id uuid REFERENCES providers(id);
ALTER TABLE api_clients ADD CONSTRAINT api_clients_one_owner CHECK ((practice_id IS NULL) <> (provider_id IS NULL));
CREATE INDEX api_clients_provider ON api_clients (provider_id) WHERE provider_id IS NOT NULL;
