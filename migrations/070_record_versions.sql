-- Optimistic concurrency (docs/architecture.md "Versions and If-Match"): every record that is
-- changed in place carries a version. A change names the version it was based on (If-Match) and
-- bumps it in the same UPDATE (... SET version = version + 1 WHERE id = $1 AND version = $2), so of
-- two saves based on the same version only the first succeeds; the second gets 412.
ALTER TABLE clients ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE teams ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE districts ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE gp_practices ADD COLUMN version integer NOT NULL DEFAULT 1;
