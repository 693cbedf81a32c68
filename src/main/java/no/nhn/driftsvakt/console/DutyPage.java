package no.nhn.driftsvakt.console;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import no.nhn.driftsvakt.hours.NorwegianHolidays;
import no.nhn.driftsvakt.notify.NotifyStore;
import no.nhn.driftsvakt.notify.NotifyWindow;
import no.nhn.driftsvakt.notify.StaffAlerts;

/**
 * {@code /console/vakt}: who is on duty in each role, who gets a staff alert right now (the Incident Manager in
 * opening hours, the on-call outside them, on weekends and on public holidays), and the year's public holidays.
 */
@Path("/console/vakt")
@Tag(name = "Console")
@Blocking
public class DutyPage {

    /** One role and who holds it. */
    public record Holder(String role, String nb, String subscriberId) {
    }

    private static final List<String[]> ROLES = List.of(new String[] {"incident-manager", "Incident Manager (ukens vakt)"},
            new String[] {"on-call", "Døgnvakt (utenom åpningstid)"},
            new String[] {"customer-centre-lead", "Leder, kundesenteret (eskalering)"},
            new String[] {"technical-director", "Teknisk direktør (eskalering)"},
            new String[] {"ceo", "Administrerende direktør (eskalering)"});

    @Inject
    SecurityIdentity identity;

    @Inject
    NotifyStore store;

    @Inject
    Clock clock;

    @Inject
    @Location("console/duty.html")
    Template page;

    @GET
    @RolesAllowed("viewer")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Who is on duty, who is alerted now, and this year's public holidays")
    public Response show() throws SQLException {
        Instant now = Instant.now(clock);
        Map<String, String> duty;
        try (Connection c = store.connection()) {
            duty = store.duty(c);
        }
        List<Holder> holders = ROLES.stream().map(r -> new Holder(r[0], r[1], duty.get(r[0]))).toList();
        int year = now.atZone(NotifyWindow.OSLO).getYear();
        String html = page.data("user", identity.getPrincipal().getName()).data("holders", holders)
                .data("alerted", StaffAlerts.roleAt(now)).data("open", NotifyWindow.OPENING_HOURS.isOpen(now))
                .data("opens", NotifyWindow.OPENING_HOURS.nextOpening(now).atZone(NotifyWindow.OSLO).toLocalDateTime()
                        .toString().replace('T', ' '))
                .data("holidays", NorwegianHolidays.of(year)).data("year", year).render();
        return Response.ok(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store")
                .build();
    }
}
