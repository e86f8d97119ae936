-- A client's housing situation as a professional records it, dated (issue 19): the council asks about
-- target groups such as bankslapers (people without a home of their own who sleep on others' sofas).
-- Append-only: a change of situation is a new row from its own day; the situation on a day is the
-- latest row with since_on on or before it. team_id: the desk or team the recording professional
-- works for, so the figures can count it per desk/team. Owned by the clients module.
CREATE TABLE client_housing_situations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients(id),
  situation text NOT NULL CHECK (situation IN ('own_home', 'sofa_surfing', 'rough_sleeping', 'shelter', 'institution', 'other')),
  since_on date NOT NULL,
  team_id uuid REFERENCES teams(id),
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX client_housing_situations_client ON client_housing_situations (client_id, since_on);
CREATE INDEX client_housing_situations_since ON client_housing_situations (since_on) WHERE situation = 'sofa_surfing';

CREATE FUNCTION client_housing_situations_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'client_housing_situations is append-only';
END;
$$;
CREATE TRIGGER client_housing_situations_no_update BEFORE UPDATE OR DELETE ON client_housing_situations
  FOR EACH ROW EXECUTE FUNCTION client_housing_situations_append_only();
