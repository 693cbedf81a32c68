-- The audit log: every staff change and every read of subscriber data (who, what, when, and the result).
-- Append-only: a trigger refuses UPDATE and DELETE. It holds ids, never phone numbers or e-mail addresses, so
-- erasing a subscriber leaves nothing personal here.
CREATE TABLE audit_log (
    id      BIGSERIAL PRIMARY KEY,
    at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor   TEXT        NOT NULL,
    action  TEXT        NOT NULL,
    subject TEXT,
    status  INT         NOT NULL,
    after   JSONB
);

CREATE INDEX audit_log_at ON audit_log (at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
