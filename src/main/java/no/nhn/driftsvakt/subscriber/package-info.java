/**
 * Subscribers: contacts of customer groups, what they follow, on which channels, with which consent; double
 * opt-in, one-step opt-out, export and erasure, and bulk import from CSV. See docs/design/notification.md.
 */
package no.nhn.driftsvakt.subscriber;
