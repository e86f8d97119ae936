-- The task field's budget (issue 19, DOMAIN.md §6; owner: src/modules/finance). Only leaf lines
-- and adjustment lines are stored: subtotals, saldi and "Begroting na wijzigingen" are computed
-- on read (src/modules/finance/budget.ts, adjustments.ts). Amounts in whole euro cents, so a
-- file in euros keeps its precision; they are rounded to thousands only for display.

-- One amount of "Overzicht van baten en lasten": task field × document × column × leaf line.
-- line: a LeafLine key of budget.ts; label: the spelling the document used ("Apparaatlasten").
CREATE TABLE budget_lines (
  task_field text NOT NULL CHECK (length(task_field) > 0),
  document text NOT NULL CHECK (length(document) > 0),
  column_label text NOT NULL CHECK (column_label ~ '^(Realisatie|Begroting|Raming) [0-9]{4}'),
  line text NOT NULL,
  label text NOT NULL,
  amount_cents bigint NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (task_field, document, column_label, line)
);

-- One amount of one line of a document's Bijstellingen table in one year. position: the order
-- of the line in the imported file (the table keeps it, starting budget and Omissie first).
CREATE TABLE budget_adjustments (
  task_field text NOT NULL CHECK (length(task_field) > 0),
  document text NOT NULL CHECK (length(document) > 0),
  description text NOT NULL CHECK (length(description) > 0),
  category text NOT NULL CHECK (category IN ('Begroting', 'Omissie', 'Intensiveringen', 'Ramingsbijstellingen onvermijdelijk',
    'Ramingsbijstellingen vermijdbaar', 'Reserves', 'Taakmutaties', 'Technische wijzigingen')),
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  amount_cents bigint NOT NULL,
  position integer NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (task_field, document, category, description, year)
);
