-- Component status history: every change of a component's own status, once per (component, signal).
CREATE TABLE status_change (
    id           BIGSERIAL PRIMARY KEY,
    component_id TEXT        NOT NULL,
    from_status  TEXT,
    to_status    TEXT        NOT NULL,
    summary      TEXT,
    signal_id    TEXT        NOT NULL,
    changed_at   TIMESTAMPTZ NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT status_change_once UNIQUE (component_id, signal_id)
);

CREATE INDEX status_change_recent ON status_change (changed_at DESC);
