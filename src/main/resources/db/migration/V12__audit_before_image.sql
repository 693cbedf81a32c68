-- The audit log keeps the subject's state before a staff change (the before-image) next to the answer (the
-- after-image). A new nullable column: existing rows keep NULL, and ALTER TABLE is not an UPDATE, so the
-- append-only trigger (rows are never updated or deleted) stays as it is. Ids only for subscribers.
ALTER TABLE audit_log ADD COLUMN before_json JSONB;

-- The console's audit page filters by subject (an incident's, a problem's history).
CREATE INDEX audit_log_subject ON audit_log (subject, id DESC);
