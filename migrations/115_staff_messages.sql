-- Staff messages were called notifications, the glossary's word for the Wmo melding: one word, one meaning.
ALTER TABLE user_notifications RENAME TO staff_messages;
ALTER INDEX user_notifications_user RENAME TO staff_messages_user;
