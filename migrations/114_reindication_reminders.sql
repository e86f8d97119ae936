-- Herindicatie: the Wmo adviser hears in time that an indication ends, so that a new assessment
-- can be done before the care stops. One reminder per indication (the primary key makes a second
-- run, or a second app instance, a no-op).
INSERT INTO legal_norms (code, amount, unit, valid_from, basis) VALUES
  ('reindication_notice', 8, 'weeks', '2015-01-01', 'Wegwijs: herindicatie aankondigen acht weken vóór het einde van een indicatie')
ON CONFLICT DO NOTHING;
CREATE TABLE indication_reminders (
  indication_id uuid PRIMARY KEY REFERENCES indications(id),
  sent_on date NOT NULL,
  sent_to uuid REFERENCES users(id)
);
