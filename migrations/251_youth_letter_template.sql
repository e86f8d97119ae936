-- The decision letter under the Jeugdwet (issue 17, "Jeugd"; owner: src/modules/wmo): its own
-- template kind, so a child's letter does not speak of Wmo support. Versioned like the Wmo one.
ALTER TABLE wmo_letter_templates DROP CONSTRAINT wmo_letter_templates_kind_check;
ALTER TABLE wmo_letter_templates ADD CONSTRAINT wmo_letter_templates_kind_check CHECK (kind IN ('wmo_decision', 'youth_decision'));

INSERT INTO wmo_letter_templates (kind, version, body) VALUES ('youth_decision', 1,
'# Besluit over uw aanvraag voor jeugdhulp

Beste {{clientName}},

Op {{applicationDate}} is jeugdhulp voor u aangevraagd. In deze brief leest u wat wij hebben besloten en waarom. Dit besluit heet een beschikking. Het is genomen op grond van de Jeugdwet.

# Ons besluit

{{provisions}}

# Kosten

{{contributionNotice}}

# Bezwaar maken

{{objectionClause}}

# Vragen?

Bel het CJG op 010 201 00 00. Zeg dat u belt over dit besluit (kenmerk {{reference}}). U kunt ook gratis hulp krijgen van een onafhankelijke cliëntondersteuner of een vertrouwenspersoon.

{{signature}}');
