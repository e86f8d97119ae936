-- The council report counts the kept Wmo clocks from wmo_clock_facts alone (docs/monitor.md "Counted
-- in SQL"), without joining every melding to see whether a kept row is still current. So every Wmo
-- melding has a row here, and the database keeps it in step with the melding: a row carries the
-- melding's current version, team, client and day, and is `stale` (fold it again) from the moment
-- the melding is made or changed until the job wmo.clock_facts has folded it. A stale row's clock
-- columns mean nothing; the figures fold such a melding from its steps.
ALTER TABLE wmo_clock_facts
  ADD COLUMN team_id uuid,
  ADD COLUMN client_id uuid,
  ADD COLUMN notified_on date,
  ADD COLUMN stale boolean NOT NULL DEFAULT true,
  ALTER COLUMN calendar_key DROP NOT NULL,
  ALTER COLUMN last_on DROP NOT NULL,
  ALTER COLUMN paused DROP NOT NULL;

UPDATE wmo_clock_facts f SET team_id = coalesce(n.inbox_team_id, n.team_id), client_id = n.client_id, notified_on = n.notified_on,
  stale = f.version <> n.version, version = n.version
FROM wmo_notifications n WHERE n.id = f.notification_id;
DELETE FROM wmo_clock_facts f USING wmo_notifications n WHERE n.id = f.notification_id AND n.law <> 'wmo';
INSERT INTO wmo_clock_facts (notification_id, version, team_id, client_id, notified_on, stale)
SELECT n.id, n.version, coalesce(n.inbox_team_id, n.team_id), n.client_id, n.notified_on, true FROM wmo_notifications n
WHERE n.law = 'wmo' AND NOT EXISTS (SELECT 1 FROM wmo_clock_facts f WHERE f.notification_id = n.id);
ALTER TABLE wmo_clock_facts ALTER COLUMN client_id SET NOT NULL, ALTER COLUMN notified_on SET NOT NULL;
-- What the job folds next.
CREATE INDEX wmo_clock_facts_stale ON wmo_clock_facts (notification_id) WHERE stale;

-- Made or changed (a step bumps the version; forwarding changes the team): the row follows, stale.
CREATE FUNCTION wmo_clock_facts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.law <> 'wmo' THEN
    DELETE FROM wmo_clock_facts WHERE notification_id = NEW.id;
  ELSE
    INSERT INTO wmo_clock_facts (notification_id, version, team_id, client_id, notified_on, stale)
    VALUES (NEW.id, NEW.version, coalesce(NEW.inbox_team_id, NEW.team_id), NEW.client_id, NEW.notified_on, true)
    ON CONFLICT (notification_id) DO UPDATE SET version = excluded.version, team_id = excluded.team_id, client_id = excluded.client_id,
      notified_on = excluded.notified_on, stale = true;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER wmo_clock_facts_follow AFTER INSERT OR UPDATE OF version, team_id, inbox_team_id, client_id, notified_on, law
  ON wmo_notifications FOR EACH ROW EXECUTE FUNCTION wmo_clock_facts_follow();
