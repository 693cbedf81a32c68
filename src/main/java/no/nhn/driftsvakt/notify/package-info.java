/**
 * Proactive notification: who is told what, when, on which channel, and why (the pure {@link
 * no.nhn.driftsvakt.notify.NotificationPlanner}), and the loop that feeds it. See docs/design/notification.md.
 */
package no.nhn.driftsvakt.notify;
