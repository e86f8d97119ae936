-- Half-year council reports (Raadsmonitor), made by a background job: aggregates only, never
-- persons (every count went through the disclosure rule before it was stored here).
CREATE TABLE council_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  period text NOT NULL CHECK (period ~ '^\d{4}-H[12]$'),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  -- 0–100, for the page that waits for it.
  progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  requested_by uuid NOT NULL REFERENCES users(id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  content jsonb,
  error text
);
CREATE INDEX council_reports_recent ON council_reports (requested_at DESC);
