-- Jeugdwet on the same process (issue 17, "Jeugd"; owner: src/modules/wmo). One melding entity:
-- `law` says under which law the melding and its aanvraag are handled. Set when created, never
-- changed. Jeugdwet: the decision term is `youth_decision` (Awb 4:13, 8 weeks, migration 081);
-- there is no statutory onderzoek term (a municipality's own norm goes into legal_norms as
-- `youth_assessment`; none is seeded). Decisions under a law take only its products (WMO / JZ).
ALTER TABLE wmo_notifications ADD COLUMN law text NOT NULL DEFAULT 'wmo' CHECK (law IN ('wmo', 'jeugdwet'));
-- A direct referral by a GP or youth doctor (Jeugdwet art. 2.6 lid 1 onder d) is a Jeugdwet aanvraag
-- received over FHIR: its channel.
ALTER TABLE wmo_notifications DROP CONSTRAINT wmo_notifications_channel_check;
ALTER TABLE wmo_notifications ADD CONSTRAINT wmo_notifications_channel_check
  CHECK (channel IN ('phone', 'digital', 'desk', 'home_visit', 'gp_referral'));
