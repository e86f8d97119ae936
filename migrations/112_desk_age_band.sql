-- A desk may serve the city-desk route (contact outcome 5) for an age band: the Jongerenloket
-- takes young people (about 16–27) whom Centraal Onthaal Volwassenen would otherwise get.
-- Both ends inclusive; no band = the desk is not chosen by age.
ALTER TABLE teams ADD COLUMN route_min_age smallint, ADD COLUMN route_max_age smallint,
  ADD CONSTRAINT teams_route_ages CHECK ((route_min_age IS NULL) = (route_max_age IS NULL)
    AND (route_min_age IS NULL OR (route_min_age >= 0 AND route_min_age <= route_max_age AND route_max_age <= 130)));
-- The city's policy for the youth desks that already exist; an admin changes it per desk.
UPDATE teams SET route_min_age = 16, route_max_age = 27 WHERE kind = 'desk' AND desk_type = 'jongerenloket';
