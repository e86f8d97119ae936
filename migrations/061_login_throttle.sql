-- Back-off after failed logins (docs/security.md): one row per account (the username as typed,
-- known or not, so an unknown name behaves like a real one) and per client address.
-- An attempt counts as failed until it succeeds; a success deletes the rows of both keys.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  last_failure_at timestamptz NOT NULL,
  blocked_until timestamptz
);
