/**
 * Planned maintenance: work on components in a time window. Staff register it through the API; driftsweb shows
 * it (front page, iCalendar, Statuspage JSON) and components under work show "under maintenance" while it lasts.
 */
package no.nhn.driftsvakt.maintenance;
