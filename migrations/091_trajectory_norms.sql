-- The norms of the wijkteam trajectory (src/modules/casework/norms.ts), next to the plan norm
-- (neighbourhood_plan) and the maximum duration (basic_support) in the one configuration.
INSERT INTO legal_norms (code, amount, unit, valid_from, basis) VALUES
  ('basic_support_minimum', 3, 'months', '2015-01-01', 'Rotterdam: basishulp duurt drie tot twaalf maanden'),
  ('basic_support_evaluation', 3, 'months', '2015-01-01', 'Rotterdam: het ondersteuningsplan wordt elke drie maanden geëvalueerd'),
  ('basic_support_reopen', 3, 'months', '2015-01-01', 'Rotterdam: een afgesloten traject kan binnen drie maanden worden heropend; daarna is een nieuwe aanmelding nodig'),
  ('basic_support_at_risk', 14, 'days', '2015-01-01', 'Wegwijs: een termijn "dreigt te verlopen" in de laatste twee weken')
ON CONFLICT DO NOTHING;
