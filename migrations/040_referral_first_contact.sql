-- What a professional needs to know before the first contact with a referred client: the
-- referrer's safety signals (veiligheidssignalen) and the client's preferred contact route.
-- They belong to the referral, whoever sent it; a GP sends them as FHIR extensions (docs/fhir.md).
-- safety_signals NULL: the referrer was not asked (desk, portal); '{}': asked, none.
-- Codes: the Wegwijs code systems wegwijs-safety-signal and wegwijs-contact-route.
ALTER TABLE referrals ADD COLUMN safety_signals text[];
ALTER TABLE referrals ADD COLUMN contact_route text;

-- Until now they were kept only with the FHIR ServiceRequest; move them to the referral (one place).
UPDATE referrals r SET safety_signals = s.safety_signals, contact_route = s.contact_route
  FROM fhir_service_requests s WHERE s.referral_id = r.id;
ALTER TABLE fhir_service_requests DROP COLUMN contact_route;
ALTER TABLE fhir_service_requests DROP COLUMN safety_signals;
