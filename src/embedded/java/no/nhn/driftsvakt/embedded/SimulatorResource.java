package no.nhn.driftsvakt.embedded;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import no.nhn.driftsvakt.platform.Problem;

/**
 * {@code /sim}: the simulated endpoints. {@code POST /sim/{name}/down} (or {@code up}, {@code slow},
 * {@code flapping}) changes one; {@code GET /sim} lists them with buttons.
 */
@Path("/sim")
public class SimulatorResource {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    @Inject
    Simulator simulator;

    @GET
    @Path("/{name}/health")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> health(@PathParam("name") String name) {
        boolean ok = simulator.healthy(name);
        String state = ok ? "up" : "down";
        Response r = Response.status(ok ? 200 : 503).entity(Map.of("status", ok ? "ok" : "down", "name", name,
                "tunnels", Map.of("state", state))).build();
        Uni<Response> answer = Uni.createFrom().item(r);
        return simulator.mode(name) == Simulator.Mode.SLOW
                ? answer.onItem().delayIt().by(Duration.ofMillis(1800)) : answer;
    }

    @POST
    @Path("/{name}/{mode}")
    public Response set(@PathParam("name") String name, @PathParam("mode") String mode,
                        @HeaderParam("Accept") String accept) {
        if (!NAME.matcher(name).matches()) {
            return Problem.response(400, "Ugyldig navn / Invalid name", "Use lower-case letters, digits and '-'.",
                    "name");
        }
        Simulator.Mode m;
        try {
            m = Simulator.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Problem.response(400, "Ukjent modus / Unknown mode", "Mode must be up, down, slow or flapping.",
                    "mode");
        }
        simulator.set(name, m);
        if (accept != null && accept.contains("text/html")) {
            return Response.seeOther(URI.create("/sim")).build();
        }
        return Response.ok(Map.of("name", name, "mode", m.name().toLowerCase(Locale.ROOT))).build();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        StringBuilder sb = new StringBuilder("""
                <!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Simulator</title>
                <link rel="stylesheet" href="/css/driftsweb.css"></head><body><main>
                <h1>Simulerte endepunkter <span lang="en" class="en">Simulated endpoints</span></h1>
                <p>Ta et endepunkt ned og se <a href="/">driftsweb</a> reagere.
                <span lang="en" class="en">Take an endpoint down and watch driftsweb react.</span></p>
                <table><thead><tr><th>Navn</th><th>Modus</th><th>Endre</th></tr></thead><tbody>
                """);
        simulator.all().forEach((name, mode) -> {
            sb.append("<tr><th scope=\"row\">").append(name).append("</th><td>")
                    .append(mode.name().toLowerCase(Locale.ROOT)).append("</td><td>");
            for (Simulator.Mode m : Simulator.Mode.values()) {
                sb.append("<form method=\"post\" action=\"/sim/").append(name).append('/')
                        .append(m.name().toLowerCase(Locale.ROOT)).append("\" style=\"display:inline\">")
                        .append("<button>").append(m.name().toLowerCase(Locale.ROOT)).append("</button></form> ");
            }
            sb.append("</td></tr>");
        });
        return sb.append("</tbody></table></main></body></html>").toString();
    }
}
