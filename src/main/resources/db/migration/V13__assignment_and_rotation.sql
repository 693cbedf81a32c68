-- Functional escalation: the support group (catalog id, 2nd or 3rd line) an incident is assigned to; NULL: nobody yet.
ALTER TABLE incident ADD COLUMN assignee TEXT;

-- The weekly Incident Manager rotation. A week starts at the handover (by default Monday 08:00 Europe/Oslo) on
-- week_start and runs to the next one; a week without a row falls back to the duty role 'incident-manager'.
CREATE TABLE duty_rotation (
    week_start    DATE PRIMARY KEY,
    subscriber_id TEXT        NOT NULL REFERENCES subscriber (id),
    set_by        TEXT        NOT NULL,
    set_at        TIMESTAMPTZ NOT NULL
);
