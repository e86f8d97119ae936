-- Service-norm figures (src/modules/monitor, docs/monitor.md): a running Wmo clock counts as
-- 'at risk' in its last week. Configuration beside the norms it qualifies, not a constant in code.
INSERT INTO legal_norms (code, amount, unit, valid_from, basis) VALUES
  ('wmo_at_risk', 7, 'days', '2015-01-01', 'Wegwijs: een Wmo-termijn "dreigt te verlopen" in de laatste week')
ON CONFLICT DO NOTHING;
