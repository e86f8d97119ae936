-- One open break-the-glass request per person and sealed record (src/modules/safety/safety-store.ts):
-- asking again, also at the same moment, gives the open request instead of a second one.
CREATE UNIQUE INDEX safety_access_requests_one_open ON safety_access_requests (safety_record_id, requested_by) WHERE decided_at IS NULL;
