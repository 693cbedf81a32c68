/** Driftsweb: the status site, server-rendered with Qute, in bokmål with English alongside. */
package no.nhn.driftsvakt.driftsweb;
