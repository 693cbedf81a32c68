-- Each source's high-water mark for the incident engine (incident.BatchDecider): the time (`at`) of the newest signal
-- from this source of this component that changed an incident. A signal older than it is stale and changes nothing,
-- as for status. With it, only the signals that change something need their id in processed_signal: a late repeat
-- of one that changed nothing is older than the change that followed it. Rows: one per component and source key
-- (check, alert fingerprint); prunable like processed_signal after 30 days without a change.
CREATE TABLE signal_mark (
    component_id text        NOT NULL,
    source_key   text        NOT NULL,
    at           timestamptz NOT NULL,
    PRIMARY KEY (component_id, source_key)
);
