/**
 * Getting messages to people: the ledger, the channel senders (Twilio SMS, SMTP e-mail, webhook) and the local
 * outbox used when no provider is configured (the embedded default). See docs/design/notification.md.
 */
package no.nhn.driftsvakt.delivery;
