-- When each failing source of an incident began failing in it (JSON: source key -> ISO-8601 instant), so that a signal
-- arriving late, dated before that, is recognised as stale by the incident engine (IncidentEngine, STALE). Incidents
-- stored before this have '{}': none of their sources' signals is judged stale. Adding a column with a constant
-- default does not rewrite the table.
ALTER TABLE incident ADD COLUMN failing_since TEXT NOT NULL DEFAULT '{}';
