-- Staff API tokens created and revoked by an admin. Only the SHA-256 of a token is kept; the token itself is
-- shown once, when it is created. Revoked tokens stay (revoked_at set) so the audit trail can name them.
CREATE TABLE staff_token (
    id          TEXT        PRIMARY KEY,
    name        TEXT        NOT NULL,
    sha256      TEXT        NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by  TEXT        NOT NULL,
    revoked_at  TIMESTAMPTZ,
    revoked_by  TEXT,
    last_used_at TIMESTAMPTZ
);
