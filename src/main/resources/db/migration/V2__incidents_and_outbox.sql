-- Incidents, their timeline, processed signals (idempotence) and the transactional outbox.
CREATE SEQUENCE incident_seq;

CREATE TABLE incident (
    id              TEXT PRIMARY KEY,
    component_id    TEXT        NOT NULL,
    title           TEXT        NOT NULL,
    state           TEXT        NOT NULL,
    priority        TEXT        NOT NULL,
    impact          TEXT        NOT NULL,
    urgency         TEXT        NOT NULL,
    origin          TEXT        NOT NULL,
    failing_sources TEXT        NOT NULL DEFAULT '{}',
    opened_at       TIMESTAMPTZ NOT NULL,
    confirmed_at    TIMESTAMPTZ,
    resolved_at     TIMESTAMPTZ,
    problem_id      TEXT,
    version         INT         NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- At most one open incident per component: signals for it join that one.
CREATE UNIQUE INDEX incident_one_open_per_component ON incident (component_id)
    WHERE state IN ('suspected', 'investigating', 'identified', 'monitoring');
CREATE INDEX incident_component_recent ON incident (component_id, opened_at DESC);
CREATE INDEX incident_recent ON incident (opened_at DESC);

CREATE TABLE incident_update (
    id          BIGSERIAL PRIMARY KEY,
    incident_id TEXT        NOT NULL REFERENCES incident (id),
    at          TIMESTAMPTZ NOT NULL,
    author      TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    public      BOOLEAN     NOT NULL,
    text        TEXT        NOT NULL,
    state       TEXT        NOT NULL
);
CREATE INDEX incident_update_by_incident ON incident_update (incident_id, id);

CREATE TABLE processed_signal (
    signal_id    TEXT PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    topic        TEXT        NOT NULL,
    key          TEXT        NOT NULL,
    payload      TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
