-- Subscribers (contacts of customer groups), their consent, and the notification ledger.
-- Contact details live only in subscriber; everything else refers to the subscriber id, so erasure is one UPDATE.
CREATE SEQUENCE subscriber_seq;

CREATE TABLE subscriber (
    id            TEXT PRIMARY KEY,
    name          TEXT,
    organisation  TEXT,
    phone         TEXT,            -- E.164; NULL after erasure
    email         TEXT,            -- NULL after erasure
    webhook_url   TEXT,
    webhook_secret TEXT,
    language      TEXT        NOT NULL DEFAULT 'nb',
    notify_window TEXT,            -- NULL: the default of the groups' agreement
    all_components BOOLEAN    NOT NULL DEFAULT TRUE,
    sms_state     TEXT,            -- pending | confirmed | opted-out; NULL without a phone
    email_state   TEXT,
    webhook_state TEXT,
    unsubscribe_token TEXT    NOT NULL UNIQUE,
    erased_at     TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX subscriber_phone ON subscriber (phone) WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX subscriber_email ON subscriber (lower(email)) WHERE email IS NOT NULL;

CREATE TABLE subscriber_group (
    subscriber_id TEXT NOT NULL REFERENCES subscriber (id),
    group_id      TEXT NOT NULL,
    PRIMARY KEY (subscriber_id, group_id)
);
CREATE INDEX subscriber_group_by_group ON subscriber_group (group_id);

-- Chosen components, when all_components is false.
CREATE TABLE subscription (
    subscriber_id TEXT NOT NULL REFERENCES subscriber (id),
    component_id  TEXT NOT NULL,
    PRIMARY KEY (subscriber_id, component_id)
);

-- What was agreed or withdrawn, when, how, and with which text. Kept after erasure (ids only).
CREATE TABLE consent_record (
    id            BIGSERIAL PRIMARY KEY,
    subscriber_id TEXT        NOT NULL REFERENCES subscriber (id),
    channel       TEXT        NOT NULL,
    action        TEXT        NOT NULL,   -- opt-in-requested | opt-in-confirmed | opt-out
    method        TEXT        NOT NULL,   -- sms-code | email-link | self-service | staff | import | link | list-unsubscribe | sms-stop
    text_version  TEXT        NOT NULL,
    text          TEXT        NOT NULL,
    at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX consent_record_by_subscriber ON consent_record (subscriber_id, id);

-- Double opt-in challenges: a code (SMS) or a link token (e-mail), stored as SHA-256.
CREATE TABLE consent_challenge (
    subscriber_id TEXT        NOT NULL REFERENCES subscriber (id),
    channel       TEXT        NOT NULL,
    secret_sha256 TEXT        NOT NULL,
    attempts      INT         NOT NULL DEFAULT 0,
    expires_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (subscriber_id, channel)
);

-- The ledger: one row per (subject, transition, recipient, channel), claimed before the provider call.
CREATE TABLE notification (
    id            BIGSERIAL PRIMARY KEY,
    subject_id    TEXT        NOT NULL,
    transition    TEXT        NOT NULL,
    subscriber_id TEXT        NOT NULL,
    channel       TEXT        NOT NULL,
    kind          TEXT        NOT NULL,
    state         TEXT        NOT NULL,
    reason        TEXT        NOT NULL,
    services      TEXT        NOT NULL,   -- JSON array of component ids
    update_id     BIGINT      NOT NULL DEFAULT 0,
    not_before    TIMESTAMPTZ,
    attempts      INT         NOT NULL DEFAULT 0,
    provider_id   TEXT,                   -- e.g. Twilio message SID
    error         TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (subject_id, transition, subscriber_id, channel)
);
CREATE INDEX notification_by_subscriber ON notification (subscriber_id, subject_id, id);
CREATE INDEX notification_due ON notification (not_before) WHERE state IN ('held', 'retry');
CREATE INDEX notification_sms_recent ON notification (subscriber_id, updated_at)
    WHERE channel = 'sms' AND state IN ('planned', 'sending', 'sent', 'delivered');

-- Embedded default, or no provider credentials: messages land here instead (masked address only).
CREATE TABLE local_outbox (
    id              BIGSERIAL PRIMARY KEY,
    notification_id BIGINT      NOT NULL,
    subscriber_id   TEXT        NOT NULL,
    channel         TEXT        NOT NULL,
    masked_address  TEXT        NOT NULL,
    subject         TEXT,
    body            TEXT        NOT NULL,
    at              TIMESTAMPTZ NOT NULL
);
