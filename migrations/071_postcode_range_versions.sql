-- A postcode range is changed in place on the districts page (PUT /api/v1/postcode-ranges/:id), so it
-- carries a version like every such record (070_record_versions.sql, docs/architecture.md "Versions and If-Match").
ALTER TABLE postcode_ranges ADD COLUMN version integer NOT NULL DEFAULT 1;
