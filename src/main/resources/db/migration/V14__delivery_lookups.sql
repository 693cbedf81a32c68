-- Unknown delivery outcomes (issue 7): when the last provider call was made (what a lookup searches from, stable
-- while the lookup is retried) and how many lookups were tried (their backoff while the provider is down).
ALTER TABLE notification ADD COLUMN attempted_at TIMESTAMPTZ;
ALTER TABLE notification ADD COLUMN lookups INT NOT NULL DEFAULT 0;
CREATE INDEX notification_unknown ON notification (not_before) WHERE state = 'unknown';
