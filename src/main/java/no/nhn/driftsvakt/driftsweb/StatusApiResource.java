package no.nhn.driftsvakt.driftsweb;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import no.nhn.driftsvakt.status.StatusBoard;
import no.nhn.driftsvakt.status.StatusService;

/** {@code GET /api/v1/status}: the board driftsweb shows, as JSON. */
@Path("/api/v1/status")
public class StatusApiResource {

    @Inject
    StatusService status;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public StatusBoard.Board board() {
        return status.board();
    }
}
