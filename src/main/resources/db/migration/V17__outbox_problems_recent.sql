-- The correlator reads, on each run, only the problems changed since its last run (by any replica or by staff): those
-- with an event in the outbox since then (ProblemStore.changedProblemVersions). Without this index that read would
-- scan the whole outbox (7 days are kept) on every run. Incident events have theirs since V15.
CREATE INDEX outbox_problems_recent ON outbox (created_at) INCLUDE (key)
    WHERE topic = 'driftsvakt.problems';
