-- Who is on duty: the Incident Manager (opening hours) and the 24/7 on-call (outside them). Staff alerts go to them.
CREATE TABLE duty (
    role          TEXT PRIMARY KEY CHECK (role IN ('incident-manager', 'on-call')),
    subscriber_id TEXT        NOT NULL REFERENCES subscriber (id),
    set_by        TEXT        NOT NULL,
    set_at        TIMESTAMPTZ NOT NULL
);
