-- Hierarchical escalation goes to whoever is on duty as customer-centre lead, technical director or CEO.
ALTER TABLE duty DROP CONSTRAINT duty_role_check;
ALTER TABLE duty ADD CONSTRAINT duty_role_check
    CHECK (role IN ('incident-manager', 'on-call', 'customer-centre-lead', 'technical-director', 'ceo'));
