-- The correlator reads, on each run, only the problems changed since its last run (by any replica or by staff): those
-- with an event in the outbox since then (ProblemStore.changedProblemVersions). V5's (topic, created_at) index finds
-- those rows; this partial one answers from the index alone, as V15's does for incident events, so a run does not
-- visit outbox rows (with their payloads) at all.
CREATE INDEX outbox_problems_recent ON outbox (created_at) INCLUDE (key)
    WHERE topic = 'driftsvakt.problems';
