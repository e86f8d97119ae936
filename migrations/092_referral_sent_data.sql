-- What a referrer outside the municipality sent about the person (issue 14 item 6; docs/fhir.md
-- "Matching the patient"). A GP referral names the client by BSN; the name and birth date it sends
-- must match the record the BSN finds, and nothing it sends goes into an existing record by itself.
--   identity: registered (the record was created from this referral) | matched (BSN, surname and
--             birth date agree) | mismatch (the team reviews it; nothing is shared back) | NULL (not asked)
--   sent_data: { patient: {name, birthDate, phone, email}, representative, consent } as sent
--   sent_data_taken_over_at/_by: when a team member took it over into the record (registered: at creation)
ALTER TABLE referrals ADD COLUMN identity text CHECK (identity IN ('registered', 'matched', 'mismatch'));
ALTER TABLE referrals ADD COLUMN sent_data jsonb;
ALTER TABLE referrals ADD COLUMN sent_data_taken_over_at timestamptz;
ALTER TABLE referrals ADD COLUMN sent_data_taken_over_by uuid REFERENCES users(id);
