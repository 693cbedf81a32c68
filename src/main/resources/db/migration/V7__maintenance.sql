-- Planned maintenance: work on components in a time window, announced on driftsweb (and, with the console, to
-- subscribers). The phase (scheduled, in progress, completed) follows from the window and the clock; only
-- cancellation is stored.
CREATE TABLE maintenance (
    id           TEXT PRIMARY KEY,
    title        TEXT        NOT NULL,
    description  TEXT        NOT NULL,
    components   TEXT[]      NOT NULL,
    starts_at    TIMESTAMPTZ NOT NULL,
    ends_at      TIMESTAMPTZ NOT NULL,
    created_by   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    cancelled_at TIMESTAMPTZ,
    cancelled_by TEXT,
    CONSTRAINT maintenance_window CHECK (ends_at > starts_at)
);

CREATE INDEX maintenance_ends ON maintenance (ends_at DESC);
CREATE SEQUENCE maintenance_seq;
