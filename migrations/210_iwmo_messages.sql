-- iWmo / iJw 3.2 message exchange (issue 18, docs/iwmo.md; owner: src/modules/iwmo).
-- Every message sent or received is kept as it went over the wire. Incoming messages that are
-- invalid or cannot be applied stay here with status 'rejected' and their readable problems:
-- that is the error queue; nothing is dropped. The same content received twice is one row.

-- BerichtIdentificatie/Identificatie of outgoing messages: unique per sender (the municipality).
CREATE SEQUENCE iwmo_message_identification;
-- ToewijzingNummer: one per indication, for the life of the assignment.
CREATE SEQUENCE iwmo_assignment_number;

CREATE TABLE iwmo_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  direction text NOT NULL CHECK (direction IN ('out', 'in')),
  -- Known once the message passed its schema; NULL for a file that is no message at all.
  standard text CHECK (standard IN ('iwmo', 'ijw')),
  message text CHECK (message ~ '^3[0-9]{2}$'),
  sender text,
  receiver text,
  identification text,
  message_date date,
  client_id uuid REFERENCES clients(id),
  content text NOT NULL,
  content_sha256 text NOT NULL,
  -- Where it came from or went to (the transport's name for it, e.g. a file name).
  source text,
  -- out: sent; in: applied (305/307 recorded), received (waiting for work), rejected (error queue).
  status text NOT NULL CHECK (status IN ('sent', 'applied', 'received', 'rejected')),
  -- The readable reasons of a rejection: [{line, element, message}].
  problems jsonb,
  -- A retour (302) names the message it answers.
  answer_to uuid REFERENCES iwmo_messages(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (direction, content_sha256)
);
-- One accepted message per sender and identification (iWmo: Identificatie is unique per sender).
CREATE UNIQUE INDEX iwmo_messages_identification ON iwmo_messages (direction, sender, message, identification) WHERE status <> 'rejected';
CREATE INDEX iwmo_messages_client ON iwmo_messages (client_id);
CREATE INDEX iwmo_messages_rejected ON iwmo_messages (created_at) WHERE status = 'rejected';

-- The assignment number of an indication, and the assignment as last sent in a 301 (to derive
-- the RedenWijziging of the next version).
CREATE TABLE iwmo_assignments (
  number text PRIMARY KEY,
  indication_id uuid NOT NULL UNIQUE REFERENCES indications(id),
  last_sent jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
