-- The HTTP stand-in for the hub (issue 18, docs/iwmo.md; owner: src/modules/iwmo). What a provider
-- posts waits here until it is read (like a file in the inbox directory); what Wegwijs sends
-- waits here for the provider to fetch (like a file in the outbox), numbered so that a provider
-- asks for everything after the last number it has. The same content posted twice is one row.
CREATE TABLE iwmo_hub_messages (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  direction text NOT NULL CHECK (direction IN ('to_municipality', 'to_provider')),
  -- The provider's AGB code: who posted it, or whose mailbox it is in.
  party text NOT NULL CHECK (party ~ '^[0-9]{8}$'),
  name text NOT NULL UNIQUE,
  content text NOT NULL,
  content_sha256 text NOT NULL,
  -- Incoming: read by Wegwijs (applied or on the error queue).
  handled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (direction, content_sha256)
);
CREATE INDEX iwmo_hub_waiting ON iwmo_hub_messages (seq) WHERE direction = 'to_municipality' AND handled_at IS NULL;
CREATE INDEX iwmo_hub_mailbox ON iwmo_hub_messages (party, seq) WHERE direction = 'to_provider';

-- The error queue is worked: a rejected message is marked handled (with a note) or read again
-- (after, say, the provider or product was registered); the new reading is a new row and the
-- old one points to it. Only the newest reading of a content counts as "the same content".
ALTER TABLE iwmo_messages ADD COLUMN handled_at timestamptz;
ALTER TABLE iwmo_messages ADD COLUMN handled_by uuid REFERENCES users(id);
ALTER TABLE iwmo_messages ADD COLUMN handling text CHECK (handling IN ('handled', 'reprocessed'));
ALTER TABLE iwmo_messages ADD COLUMN handling_note text;
ALTER TABLE iwmo_messages ADD COLUMN reprocessed_as uuid REFERENCES iwmo_messages(id);
ALTER TABLE iwmo_messages DROP CONSTRAINT iwmo_messages_direction_content_sha256_key;
CREATE UNIQUE INDEX iwmo_messages_content ON iwmo_messages (direction, content_sha256) WHERE handling IS DISTINCT FROM 'reprocessed';
DROP INDEX iwmo_messages_rejected;
CREATE INDEX iwmo_messages_rejected ON iwmo_messages (created_at) WHERE status = 'rejected' AND handled_at IS NULL;
