-- The notification planner's cursor by the database's clock: the start of the oldest transaction still running at its
-- last run (NotifyStore.horizon). A column of its own, so that during a rolling upgrade a replica of the previous
-- version (which writes planned_to by the service's clock and reads 10 s before it) and one of this version never
-- read each other's cursor: this version starts from planned_to - 10 s until it has written its own.
ALTER TABLE notify_cursor ADD COLUMN horizon TIMESTAMPTZ;
