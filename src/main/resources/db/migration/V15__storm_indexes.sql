-- Indexes for queries that run for every batch of signals or every planning run. Without them each of these reads
-- a component's whole history (or the whole outbox), which in an alert storm, when thousands of incidents open and
-- resolve, made PostgreSQL the bottleneck of the pipeline (bench/kafka, 2026-11-27).

-- The incident engine: each component's latest dismissed incident that still tracks a failure.
CREATE INDEX incident_dismissed_tracking ON incident (component_id, opened_at DESC)
    WHERE state = 'dismissed' AND failing_sources <> '{}';

-- The notification planner: which incidents changed since its cursor (NotifyStore.changedIncidents).
CREATE INDEX outbox_incidents_recent ON outbox (created_at) INCLUDE (key, id)
    WHERE topic = 'driftsvakt.incidents';

-- Status history: a component's last recorded status, read before every recorded change.
CREATE INDEX status_change_last ON status_change (component_id, changed_at DESC, id DESC);
