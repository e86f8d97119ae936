-- The evidence the Wmo 2015 requires and the onderzoek as structured fields (issue 17; owner:
-- src/modules/wmo). Both append-only: a correction is a new row, so who recorded what and when
-- stays readable.

-- wmo_evidence: one row per dated fact the law asks the college to be able to show
-- (src/modules/wmo/evidence.ts). The newest row per kind counts.
CREATE TABLE wmo_evidence (
  id bigserial PRIMARY KEY,
  notification_id uuid NOT NULL REFERENCES wmo_notifications(id),
  kind text NOT NULL CHECK (kind IN ('receipt_confirmed', 'client_support_client', 'client_support_carer', 'personal_plan_offered',
    'personal_plan_received', 'personal_plan_not_received', 'identity_checked', 'client_reaction')),
  -- The legal date (Europe/Amsterdam) it happened, as the professional states it; `recorded_at` when it was entered.
  on_date date NOT NULL,
  -- identity_checked: the document seen (never its number); client_reaction: the client's words; else an optional remark.
  note text,
  actor_user_id uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  idempotency_key text,
  UNIQUE (notification_id, idempotency_key)
);
CREATE INDEX wmo_evidence_notification ON wmo_evidence (notification_id, id);

-- wmo_assessments: every saved version of the onderzoek (Wmo 2015 art. 2.3.2 lid 4), one column
-- per item the law names; the highest version is the current one.
CREATE TABLE wmo_assessments (
  notification_id uuid NOT NULL REFERENCES wmo_notifications(id),
  version integer NOT NULL CHECK (version > 0),
  needs text,
  own_strength text,
  informal_care text,
  carer_needs text,
  general_provisions text,
  related_support text,
  fitting_provision text,
  personal_contribution text,
  -- Optional: the ZRM scoring (owner casework) the adviser used; checked to be of the same client.
  zrm_assessment_id uuid REFERENCES zrm_assessments(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (notification_id, version)
);

CREATE FUNCTION wmo_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER wmo_evidence_no_update BEFORE UPDATE OR DELETE ON wmo_evidence FOR EACH ROW EXECUTE FUNCTION wmo_append_only();
CREATE TRIGGER wmo_assessments_no_update BEFORE UPDATE OR DELETE ON wmo_assessments FOR EACH ROW EXECUTE FUNCTION wmo_append_only();

-- Wmo 2015 art. 2.3.2 lid 2: the client may hand in a persoonlijk plan within seven days after the melding.
INSERT INTO legal_norms (code, amount, unit, valid_from, basis) VALUES
  ('wmo_personal_plan', 7, 'days', '2015-01-01', 'Wmo 2015 art. 2.3.2 lid 2: persoonlijk plan binnen zeven dagen na de melding');
