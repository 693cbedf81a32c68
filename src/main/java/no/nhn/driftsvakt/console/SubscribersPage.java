package no.nhn.driftsvakt.console;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.catalog.CustomerGroup;
import no.nhn.driftsvakt.notify.Channel;
import no.nhn.driftsvakt.notify.ChannelState;
import no.nhn.driftsvakt.platform.FieldError;
import no.nhn.driftsvakt.subscriber.Contact;
import no.nhn.driftsvakt.subscriber.ContactMasks;
import no.nhn.driftsvakt.subscriber.ContactValidator;
import no.nhn.driftsvakt.subscriber.Subscriber;
import no.nhn.driftsvakt.subscriber.SubscriberService;

/**
 * {@code /console/abonnenter}: customer groups with their number of subscribers, and a search by name,
 * organisation, id, phone number or e-mail address, optionally in one group. The list shows contacts masked, to
 * everyone. Kundesenter reads; admins add one, import a group's CSV (a file or pasted text; the report names every
 * refused row by its line), export (CSV of the search, or everything held about one subscriber) and erase. Every
 * request here is recorded in the audit log as a read (or change) of subscriber data (audit.AuditFilter). Viewers
 * get 403: no contact data for them.
 */
@Path("/console/abonnenter")
@Tag(name = "Console")
@Blocking
public class SubscribersPage {

    /** The most a search shows (and exports). */
    static final int LIMIT = 200;

    /** One subscriber as the list shows it: masked contact only. */
    public record Row(String id, String name, String organisation, String groups, String phone, String email,
                      boolean webhook, String sms, String emailState, String created) {
    }

    /** A customer group and how many subscribers it has. */
    public record Group(String id, String name, String agreement, boolean pilot, long subscribers, boolean inCatalog) {
    }

    /** The add form: empty, or what was typed before a refusal. */
    public record AddForm(String name, String organisation, String phone, String email, String language,
                          Set<String> groups) {
        static final AddForm EMPTY = new AddForm("", "", "", "", "nb", Set.of());
    }

    /** A customer group to choose in the add form. */
    public record GroupChoice(String id, String name, boolean selected) {
    }

    /** An import's outcome. */
    public record Report(String group, int created, int refused, List<FieldError> errors) {
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    SubscriberService subscribers;

    @Inject
    CatalogService catalogs;

    @Inject
    @Location("console/subscribers.html")
    Template page;

    @ConfigProperty(name = "driftsvakt.console.secure-cookies", defaultValue = "false")
    boolean secureCookies;

    @GET
    @RolesAllowed("kundesenter")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Customer groups with counts, and one group's subscribers (contacts masked)")
    public Response show(@QueryParam("gruppe") String group, @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie,
                         @QueryParam("ok") String ok, @QueryParam("feil") String error) throws SQLException {
        return render(csrfCookie, 200, null, group, ok, error == null ? null : ERRORS.get(error), null, null);
    }

    /**
     * A search by name, organisation, id, phone or e-mail: posted, not a GET, so a phone number or an e-mail address
     * searched for never lands in a URL (browser history, proxy logs).
     */
    @POST
    @Path("/sok")
    @RolesAllowed("kundesenter")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Search subscribers (contacts masked)")
    public Response search(@FormParam("q") String q, @FormParam("gruppe") String group, @FormParam("csrf") String csrf,
                           @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie) throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        return render(csrfCookie, 200, q, group, null, null, null, null);
    }

    @POST
    @Path("/ny")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Add a subscriber (double opt-in starts for each address)")
    public Response add(@FormParam("navn") String name, @FormParam("organisasjon") String organisation,
                        @FormParam("telefon") String phone, @FormParam("epost") String email,
                        @FormParam("spraak") String language, @FormParam("grupper") List<String> groups,
                        @FormParam("csrf") String csrf, @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie)
            throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        List<String> chosen = groups == null ? List.of() : groups.stream().filter(g -> !g.isBlank()).toList();
        AddForm form = new AddForm(blank(name), blank(organisation), blank(phone), blank(email),
                language == null ? "nb" : language, Set.copyOf(chosen));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("organisation", organisation);
        fields.put("phone", phone);
        fields.put("email", email);
        fields.put("language", language);
        ContactValidator.Outcome o = ContactValidator.forCatalog(catalogs.current()).validate(fields, chosen, List.of(),
                "");
        if (!o.ok()) {
            return render(csrfCookie, 400, null, null, null, text(o.errors()), form, null);
        }
        try {
            Subscriber s = subscribers.register(o.contact(), "staff");
            return back("ok=" + URLEncoder.encode(s.id() + " er lagt til; bekreftelse er sendt / added; "
                    + "confirmation sent", StandardCharsets.UTF_8));
        } catch (SubscriberService.Refused e) {
            return render(csrfCookie, e.error().status(), null, null, null, text(List.of(e.error())), form, null);
        }
    }

    @POST
    @Path("/import")
    @RolesAllowed("admin")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Import a customer group's contacts from CSV (a file, or pasted text); shows the report")
    public Response importCsv(@RestForm("gruppe") String group, @RestForm("fil") FileUpload file,
                              @RestForm("tekst") String pasted, @RestForm("csrf") String csrf,
                              @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie) throws SQLException, IOException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        Catalog catalog = catalogs.current();
        if (group == null || catalog.customerGroups().stream().noneMatch(g -> g.id().equals(group))) {
            return render(csrfCookie, 400, null, null, null, ERRORS.get("gruppe"), null, null);
        }
        String csv = file != null && file.size() > 0 ? decode(Files.readAllBytes(file.uploadedFile()))
                : pasted == null ? "" : pasted;
        if (csv.isBlank()) {
            return render(csrfCookie, 400, null, null, null, ERRORS.get("tom"), null, null);
        }
        Map<String, Object> r = subscribers.importCsv(group, csv, ContactValidator.forCatalog(catalog));
        @SuppressWarnings("unchecked")
        List<FieldError> errors = (List<FieldError>) r.get("errors");
        Report report = new Report(group, (Integer) r.get("created"), (Integer) r.get("refused"), errors);
        return render(csrfCookie, 200, null, group, null, null, null, report);
    }

    @POST
    @Path("/eksport.csv")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces("text/csv")
    @Operation(summary = "The search result as CSV, with full contact details (admins)")
    public Response exportCsv(@FormParam("q") String q, @FormParam("gruppe") String group,
                              @FormParam("csrf") String csrf, @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie)
            throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        StringBuilder b = new StringBuilder("id,name,organisation,phone,email,webhook_url,language,window,groups,"
                + "components,sms,email_state,webhook_state,created_at\r\n");
        for (Subscriber s : subscribers.search(q, group, LIMIT)) {
            Contact k = s.contact();
            b.append(String.join(",", List.of(csv(s.id()), csv(k.name()), csv(k.organisation()), csv(k.phone()),
                    csv(k.email()), csv(k.webhookUrl()), csv(k.language()), csv(k.window()),
                    csv(String.join(" ", k.groups())), csv(String.join(" ", k.components())),
                    csv(state(s, Channel.SMS)), csv(state(s, Channel.EMAIL)), csv(state(s, Channel.WEBHOOK)),
                    csv(String.valueOf(s.createdAt()))))).append("\r\n");
        }
        return Response.ok(b.toString()).type("text/csv; charset=UTF-8").header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"driftsvakt-abonnenter.csv\"").build();
    }

    @GET
    @Path("/{id}/eksport")
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Everything held about one subscriber (right of access), as a JSON download (admins)")
    public Response export(@PathParam("id") String id) throws SQLException {
        Optional<Map<String, Object>> all = subscribers.export(id);
        if (all.isEmpty()) {
            return Response.status(404).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("Fant ikke abonnenten / Subscriber not found").build();
        }
        return Response.ok(all.get()).header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"" + id.replaceAll("[^A-Za-z0-9-]", "") + ".json\"")
                .build();
    }

    @POST
    @Path("/{id}/slett")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Erase a subscriber: name and addresses deleted, the consent history kept with the id only")
    public Response erase(@PathParam("id") String id, @FormParam("bekreft") String confirmed,
                          @FormParam("csrf") String csrf, @CookieParam(ConsoleCsrf.COOKIE) String csrfCookie)
            throws SQLException {
        if (!ConsoleCsrf.valid(csrfCookie, csrf, identity)) {
            return ConsolePagesSupport.forbidden();
        }
        if (confirmed == null) {
            return back("feil=bekreft");
        }
        if (!subscribers.erase(id, identity.getPrincipal().getName())) {
            return back("feil=ukjent");
        }
        return back("ok=" + URLEncoder.encode(id + " er slettet / erased", StandardCharsets.UTF_8));
    }

    private Response render(String csrfCookie, int status, String q, String group, String ok, String errorText,
                            AddForm form, Report report) throws SQLException {
        Catalog catalog = catalogs.current();
        boolean admin = identity.hasRole("admin");
        String query = q == null ? "" : q.strip();
        String in = group == null ? "" : group.strip();
        boolean searched = !query.isEmpty() || !in.isEmpty();
        List<Row> rows = searched ? subscribers.search(query, in, LIMIT).stream().map(SubscribersPage::row).toList()
                : List.of();
        String csrf = ConsoleCsrf.tokenFor(csrfCookie, identity);
        String html = page.data("user", identity.getPrincipal().getName()).data("admin", admin)
                .data("groups", groups(catalog, subscribers.countsByGroup())).data("gruppe", in)
                .data("q", contact(query) ? "" : query).data("searchedFor", contact(query) ? masked(query) : query)
                .data("searched", searched).data("rows", rows).data("limit", LIMIT).data("full", rows.size() >= LIMIT)
                .data("exportQ", admin ? query : "")
                .data("form", form == null ? AddForm.EMPTY : form)
                .data("groupChoices", catalog.customerGroups().stream().map(g -> new GroupChoice(g.id(), g.name(),
                        form != null && form.groups().contains(g.id()))).toList()).data("report", report).data("csrf", csrf)
                .data("ok", ok).data("errorText", errorText)
                .data("live", false).render(); // no live refresh: see console/layout.html
        return ConsolePagesSupport.page(status, html, csrf, csrfCookie, secureCookies);
    }

    static Row row(Subscriber s) {
        Contact k = s.contact();
        return new Row(s.id(), k.name() == null ? "" : k.name(), k.organisation() == null ? "" : k.organisation(),
                String.join(", ", k.groups()), k.phone() == null ? "" : ContactMasks.phone(k.phone()),
                k.email() == null ? "" : ContactMasks.email(k.email()), k.webhookUrl() != null, state(s, Channel.SMS),
                state(s, Channel.EMAIL), s.createdAt().atZone(MaintenancePage.OSLO).toLocalDate().toString());
    }

    /** The catalog's groups, then any group only the database still knows, each with its count. */
    static List<Group> groups(Catalog catalog, Map<String, Long> counts) {
        List<Group> out = new ArrayList<>();
        for (CustomerGroup g : catalog.customerGroups()) {
            out.add(new Group(g.id(), g.name(), g.agreement().name().toLowerCase(java.util.Locale.ROOT), g.pilot(),
                    counts.getOrDefault(g.id(), 0L), true));
        }
        counts.forEach((id, n) -> {
            if (catalog.customerGroups().stream().noneMatch(g -> g.id().equals(id))) {
                out.add(new Group(id, id, "", false, n, false));
            }
        });
        return out;
    }

    /** Whether a search term is a phone number or an e-mail address (then the page shows it masked only). */
    static boolean contact(String term) {
        return term.contains("@") || term.replaceAll("[\\s().-]", "").matches("\\+?[0-9]{6,16}");
    }

    static String masked(String term) {
        if (term.contains("@")) {
            return ContactMasks.email(term);
        }
        String digits = term.replaceAll("[\\s().-]", "");
        return ContactMasks.phone(digits.matches("[0-9]{8}") ? "+47" + digits : digits);
    }

    private static String state(Subscriber s, Channel c) {
        ChannelState st = s.channels().get(c);
        return st == null ? "" : st.wire();
    }

    /** UTF-8 (with or without a byte-order mark) or, failing that, Windows-1252 as Norwegian spreadsheets save it. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    /** RFC 4180 quoting; a leading = + - @ (but not a phone number) is prefixed with ' so no formula runs. */
    static String csv(String v) {
        if (v == null) {
            return "";
        }
        String s = !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("\\+[0-9]{8,15}") ? "'" + v : v;
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }

    private static final Map<String, String> FIELD_NB = Map.of("name", "Navn", "organisation", "Organisasjon",
            "phone", "Telefon", "email", "E-post", "language", "Språk", "groups", "Kundegrupper");

    /** Validation problems for people: the field in bokmål, then the rule in English (no value echoed). */
    private static String text(List<FieldError> errors) {
        StringBuilder b = new StringBuilder("Ikke lagt til / Not added: ");
        for (int i = 0; i < errors.size(); i++) {
            FieldError e = errors.get(i);
            b.append(i == 0 ? "" : "; ").append(FIELD_NB.getOrDefault(e.field(), e.field())).append(" (")
                    .append(e.field()).append("): ").append(e.message());
        }
        return b.toString();
    }

    private static final Map<String, String> ERRORS = Map.of(
            "ukjent", "Fant ikke abonnenten. / Subscriber not found.",
            "bekreft", "Kryss av for å bekrefte slettingen. / Tick the box to confirm the erasure.",
            "gruppe", "Velg en kundegruppe fra katalogen. / Choose a customer group from the catalog.",
            "tom", "Velg en fil eller lim inn CSV. / Choose a file or paste CSV.");

    private static Response back(String query) {
        return ConsolePagesSupport.back("/console/abonnenter", query);
    }
}
