package no.nhn.driftsvakt.audit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import no.nhn.driftsvakt.platform.AdminTokens;
import no.nhn.driftsvakt.platform.StaffTokens;

/**
 * Records in the audit log every staff change (any POST, PUT, PATCH or DELETE on the staff and admin APIs and the
 * console) and every read of subscriber data (staff API and the console's {@code /console/abonnenter} pages), after
 * it was answered: who (the console user, the staff token's name, or the admin token), what (method and path), the
 * subject (incident, problem, subscriber, maintenance id; for a console form that created it, the id its redirect
 * names), the status, and the answer's JSON — except for subscriber data, where only the ids in the path are kept,
 * so the audit log never holds a phone number or an e-mail address (nor a search term: the query string is not
 * kept). Machine intake (signals, heartbeats, Twilio callbacks) and customers' own actions (confirming a code) are
 * not staff actions and are not recorded.
 */
@Provider
public class AuditFilter implements ContainerResponseFilter {

    private static final Pattern ID = Pattern.compile("\\b(INC|PRB|SUB|VED)-\\d+\\b");
    private static final int MAX_JSON = 16_384;

    @Inject
    AuditLog audit;

    @Inject
    StaffTokens staff;

    @Inject
    AdminTokens admins;

    @Inject
    io.quarkus.vertx.http.runtime.CurrentVertxRequest request;

    @Inject
    ObjectMapper json;

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        String method = req.getMethod();
        String path = "/" + req.getUriInfo().getPath().replaceFirst("^/", "");
        boolean change = !"GET".equals(method) && !"HEAD".equals(method) && !"OPTIONS".equals(method);
        boolean personal = path.startsWith("/api/v1/subscribers") || path.startsWith("/api/v1/notifications/outbox")
                || path.startsWith("/api/v1/customer-groups/") || path.startsWith("/console/abonnenter");
        if (!(change ? isStaffChange(path) : personal || path.startsWith("/api/v1/audit"))
                || res.getStatus() == 401) {
            return;
        }
        String actor = actor(req);
        if (actor == null) {
            return;
        }
        Matcher m = ID.matcher(path);
        String subject = m.find() ? m.group() : path.startsWith("/api/v1/duty/") ? path.substring(13)
                : idOf(res.getEntity());
        if (subject == null && res.getHeaderString(HttpHeaders.LOCATION) != null) {
            // a console form that created something names it in the redirect (e.g. ?ok=VED-12+planlagt)
            Matcher created = ID.matcher(res.getHeaderString(HttpHeaders.LOCATION));
            subject = created.find() ? created.group() : null;
        }
        audit.record(actor, method + " " + path, subject, res.getStatus(),
                personal || !change ? null : after(res.getEntity()));
    }

    static boolean isStaffChange(String path) {
        if (path.startsWith("/console/")) {
            return true;
        }
        if (!path.startsWith("/api/v1/")) {
            return false;
        }
        return !(path.startsWith("/api/v1/signals") || path.startsWith("/api/v1/alertmanager")
                || path.startsWith("/api/v1/heartbeats") || path.startsWith("/api/v1/twilio")
                || path.endsWith("/confirm-sms") || path.endsWith("/preview"));
    }

    private String actor(ContainerRequestContext req) {
        // The identity the security layer already established (never blocks: filters may run on the event loop).
        io.vertx.ext.web.RoutingContext rc = request.getCurrent();
        SecurityIdentity id = rc != null && rc.user() instanceof io.quarkus.vertx.http.runtime.security.QuarkusHttpUser u
                ? u.getSecurityIdentity() : null;
        if (id != null && !id.isAnonymous()) {
            return id.getPrincipal().getName();
        }
        String auth = req.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (auth == null) {
            return null;
        }
        StaffTokens.Result who = staff.check(auth);
        if (who.ok()) {
            return who.actor();
        }
        return admins.check(auth).isEmpty() ? "admin-token" : null;
    }

    /** The {@code id} of what a change created (e.g. a new subscriber), when the path does not name it. */
    private String idOf(Object entity) {
        if (entity == null || entity instanceof String || entity instanceof byte[]) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode n = json.valueToTree(entity);
            return n.hasNonNull("id") && n.get("id").isTextual() ? n.get("id").asText() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String after(Object entity) {
        if (entity == null || entity instanceof String || entity instanceof byte[]) {
            return null;
        }
        try {
            String s = json.writeValueAsString(entity);
            return s.length() > MAX_JSON ? "{\"truncated\":true}" : s;
        } catch (Exception e) {
            return null;
        }
    }
}
