-- The Zelfredzaamheid-Matrix (ZRM) of a trajectory (src/modules/casework/zrm-store.ts): 13 domains
-- scored 1–5 at intake, evaluations and closure. One row per scoring, one row per domain score;
-- append-only, so the change over the trajectory is read from what was scored at the time.
CREATE TABLE zrm_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  trajectory_id uuid NOT NULL REFERENCES trajectories(id),
  moment text NOT NULL CHECK (moment IN ('intake', 'evaluation', 'closure')),
  -- The day it was scored as the professional states it; `recorded_at` is when it was entered.
  scored_on date NOT NULL,
  actor_user_id uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX zrm_assessments_trajectory ON zrm_assessments (trajectory_id, recorded_at);
-- At most one intake and one closure per trajectory (also under concurrent requests).
CREATE UNIQUE INDEX zrm_assessments_once ON zrm_assessments (trajectory_id, moment) WHERE moment IN ('intake', 'closure');

CREATE TABLE zrm_scores (
  assessment_id uuid NOT NULL REFERENCES zrm_assessments(id),
  domain text NOT NULL CHECK (domain IN ('finances', 'work_education', 'time_use', 'housing', 'domestic_relations', 'mental_health',
    'physical_health', 'substance_use', 'basic_adl', 'instrumental_adl', 'social_network', 'social_participation', 'justice')),
  score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  PRIMARY KEY (assessment_id, domain)
);

CREATE FUNCTION zrm_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER zrm_assessments_no_update BEFORE UPDATE OR DELETE ON zrm_assessments FOR EACH ROW EXECUTE FUNCTION zrm_append_only();
CREATE TRIGGER zrm_scores_no_update BEFORE UPDATE OR DELETE ON zrm_scores FOR EACH ROW EXECUTE FUNCTION zrm_append_only();
