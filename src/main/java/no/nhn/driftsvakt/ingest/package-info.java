/**
 * Ingest: external monitors send signals over REST (one or a batch), as Prometheus Alertmanager webhooks, or
 * straight to {@code driftsvakt.signals}. Requests are validated field by field (pure
 * {@link no.nhn.driftsvakt.ingest.SignalValidator}) and answered 202 only after the broker has them.
 */
package no.nhn.driftsvakt.ingest;
