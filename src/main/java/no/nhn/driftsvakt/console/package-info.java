/**
 * The customer-centre console: staff log in (local users with PBKDF2 password hashes behind Quarkus form
 * authentication in the embedded default; OpenID Connect in production, planned), roles, and the pages where the
 * Incident Manager on duty works. See docs/design/console.md.
 */
package no.nhn.driftsvakt.console;
