-- The audit log in the style of Certificate Transparency (docs/database.md "Audit log"):
-- a request only INSERTs its row (no lock, no hash); one sequencer seals new rows into the hash
-- chain in batches (seq, prev_hash, hash, set once from NULL) and signs a checkpoint of the head
-- that is kept outside the database.
ALTER TABLE audit_log ADD COLUMN seq bigint;
ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN hash DROP NOT NULL;

-- Existing rows were chained in id order: they keep their hashes and get that order as seq.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
UPDATE audit_log a SET seq = n.seq FROM (SELECT id, row_number() OVER (ORDER BY id) AS seq FROM audit_log) n WHERE a.id = n.id;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;

ALTER TABLE audit_log ADD CONSTRAINT audit_log_sealed_whole
  CHECK ((seq IS NULL AND prev_hash IS NULL AND hash IS NULL) OR (seq IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL));
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);
-- The sequencer's work list: small, because rows leave it within a second.
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE seq IS NULL;

-- Sealing is the one change allowed: seq, prev_hash and hash set once, from NULL, nothing else touched.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
     AND (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

-- Row triggers do not fire on TRUNCATE: a statement trigger refuses it.
CREATE FUNCTION audit_log_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: TRUNCATE refused', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_no_truncate();

-- Which log this is: checkpoints are filed under this id, so two databases sharing a checkpoint
-- directory never check against each other's, and a log whose id was replaced has none.
CREATE TABLE audit_log_identity (
  log_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO audit_log_identity DEFAULT VALUES;
CREATE FUNCTION audit_log_identity_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log_identity cannot be changed';
END;
$$;
CREATE TRIGGER audit_log_identity_no_change BEFORE INSERT OR UPDATE OR DELETE ON audit_log_identity
  FOR EACH ROW EXECUTE FUNCTION audit_log_identity_frozen();
CREATE TRIGGER audit_log_identity_no_truncate BEFORE TRUNCATE ON audit_log_identity
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_no_truncate();

-- The app role seals (UPDATE of the three sealing columns only; the trigger checks the rest)
-- and reads the log's identity.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wegwijs_app') THEN
    GRANT UPDATE (seq, prev_hash, hash) ON audit_log TO wegwijs_app;
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log_identity FROM wegwijs_app;
    GRANT SELECT ON audit_log_identity TO wegwijs_app;
  END IF;
END;
$$;
