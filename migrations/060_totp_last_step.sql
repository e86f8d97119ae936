-- A TOTP code is accepted once (RFC 6238 §5.2): the time step of the last accepted code.
-- A code of that step or an earlier one is refused, so a code seen over someone's shoulder
-- or intercepted cannot be replayed within its 30-second window (or the one step of drift).
ALTER TABLE users ADD COLUMN totp_last_step bigint;
