-- The contact figures read a period's contacts by time: with the counted columns in the index the
-- scan never visits the table (index-only), and max(created_at) tells cached figures they are stale.
CREATE INDEX contacts_figures ON contacts (contacted_at) INCLUDE (channel, team_id, outcome, client_id);
DROP INDEX contacts_contacted_at;
CREATE INDEX contacts_created_at ON contacts (created_at);
