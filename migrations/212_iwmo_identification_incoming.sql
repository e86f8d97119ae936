-- The identification is unique per sender for the messages Wegwijs receives. A retour Wegwijs
-- sends (306, 308) repeats the identification of the message it answers, and a provider may
-- resend a rejected message under the same identification, so two retours can share one: the
-- index of 210 covers incoming messages only (outgoing ones are numbered by a sequence).
DROP INDEX iwmo_messages_identification;
CREATE UNIQUE INDEX iwmo_messages_identification ON iwmo_messages (sender, message, identification) WHERE direction = 'in' AND status <> 'rejected';
