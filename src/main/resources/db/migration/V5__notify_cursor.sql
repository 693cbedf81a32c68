-- Where the notification planner got to: incidents and problems changed after this are planned on the next run.
CREATE TABLE notify_cursor (
    id         INT PRIMARY KEY CHECK (id = 1),
    planned_to TIMESTAMPTZ NOT NULL
);
INSERT INTO notify_cursor (id, planned_to) VALUES (1, now());

-- Each incident is announced under one subject for good: the problem it was in when first published, or itself.
CREATE TABLE notify_subject (
    incident_id TEXT PRIMARY KEY,
    subject_id  TEXT        NOT NULL,
    assigned_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX notify_subject_by_subject ON notify_subject (subject_id);

-- The planner finds changed incidents through their outbox events.
CREATE INDEX outbox_by_topic_created ON outbox (topic, created_at);
