package no.nhn.driftsvakt.audit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.BlockingOperationControl;
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
 * <p>
 * Before-images: before a staff change whose path names its subject (an incident, problem, maintenance window,
 * subscriber or duty role), the subject's current JSON is read ({@link AuditImages}; a subscriber as ids, groups
 * and channel states only) and kept with the entry; when the answer carries no JSON (a console form's redirect),
 * the subject is read again afterwards as the after-image. Both reads happen on the request's worker thread.
 */
@Provider
public class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Pattern ID = Pattern.compile("\\b(INC|PRB|SUB|VED)-\\d+\\b");
    private static final int MAX_JSON = 16_384;
    private static final String BEFORE = "driftsvakt.audit.before";

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

    @Inject
    AuditImages images;

    /** Before a staff change that names its subject: keeps the subject's current JSON for the entry. */
    @Override
    public void filter(ContainerRequestContext req) {
        String path = path(req);
        if (!isChange(req.getMethod()) || !isStaffChange(path) || !BlockingOperationControl.isBlockingAllowed()) {
            return;
        }
        String subject = subjectInPath(path);
        if (subject != null && actor(req) != null) {
            String before = images.image(subject, isDuty(path));
            if (before != null) {
                req.setProperty(BEFORE, before);
            }
        }
    }

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        String method = req.getMethod();
        String path = path(req);
        boolean change = isChange(method);
        boolean personal = path.startsWith("/api/v1/subscribers") || path.startsWith("/api/v1/notifications/outbox")
                || path.startsWith("/api/v1/customer-groups/") || path.startsWith("/console/abonnenter");
        if (!(change ? isStaffChange(path) : personal || path.startsWith("/api/v1/audit")
                || path.startsWith("/console/revisjon")) || res.getStatus() == 401) {
            return;
        }
        String actor = actor(req);
        if (actor == null) {
            return;
        }
        String named = subjectInPath(path);
        String subject = named != null ? named : idOf(res.getEntity());
        if (subject == null && res.getHeaderString(HttpHeaders.LOCATION) != null) {
            // a console form that created something names it in the redirect (e.g. ?ok=VED-12+planlagt)
            Matcher created = ID.matcher(res.getHeaderString(HttpHeaders.LOCATION));
            subject = created.find() ? created.group() : null;
        }
        Object before = req.getProperty(BEFORE);
        String after = null;
        if (change) {
            boolean secret = path.startsWith("/api/v1/admin/tokens"); // a creation's answer holds the new token
            after = personal || secret ? null : after(res.getEntity());
            if (after == null && named != null && BlockingOperationControl.isBlockingAllowed()) {
                // No JSON answer (a form's redirect), or subscriber data: the subject as it is now (ids only).
                after = images.image(named, isDuty(path));
            }
        }
        audit.record(actor, method + " " + path, subject, res.getStatus(), before instanceof String b ? b : null,
                after);
    }

    private static String path(ContainerRequestContext req) {
        return "/" + req.getUriInfo().getPath().replaceFirst("^/", "");
    }

    private static boolean isChange(String method) {
        return !"GET".equals(method) && !"HEAD".equals(method) && !"OPTIONS".equals(method);
    }

    private static boolean isDuty(String path) {
        return path.startsWith("/api/v1/duty/");
    }

    /** The subject the path names: an INC-, PRB-, SUB- or VED- id, or a duty role; null when it names none. */
    static String subjectInPath(String path) {
        Matcher m = ID.matcher(path);
        if (m.find()) {
            return m.group();
        }
        boolean role = isDuty(path) && path.length() > 13 && !path.startsWith("/api/v1/duty/rotation");
        return role ? path.substring(13) : null;
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
