-- Problems (ITIL problem management): groups of related incidents found by the correlator or set by staff.
CREATE SEQUENCE problem_seq;

CREATE TABLE problem (
    id                TEXT PRIMARY KEY,
    key               TEXT        NOT NULL UNIQUE,
    kind              TEXT        NOT NULL,
    state             TEXT        NOT NULL,
    title             TEXT        NOT NULL,
    root_component    TEXT,
    root_suspected    BOOLEAN     NOT NULL,
    root_incident     TEXT,
    reason            TEXT        NOT NULL,
    root_cause        TEXT,
    workaround        TEXT,
    workaround_public BOOLEAN     NOT NULL DEFAULT false,
    merged_into       TEXT,
    opened_at         TIMESTAMPTZ NOT NULL,
    resolved_at       TIMESTAMPTZ,
    version           INT         NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX problem_recent ON problem (opened_at DESC);

CREATE TABLE problem_incident (
    problem_id  TEXT NOT NULL REFERENCES problem (id),
    incident_id TEXT NOT NULL REFERENCES incident (id),
    PRIMARY KEY (problem_id, incident_id)
);
CREATE INDEX problem_incident_by_incident ON problem_incident (incident_id);

-- Staff decisions the correlator never undoes: this incident belongs to that problem key.
CREATE TABLE problem_pin (
    incident_id TEXT PRIMARY KEY REFERENCES incident (id),
    problem_key TEXT        NOT NULL,
    pinned_by   TEXT        NOT NULL,
    pinned_at   TIMESTAMPTZ NOT NULL
);
