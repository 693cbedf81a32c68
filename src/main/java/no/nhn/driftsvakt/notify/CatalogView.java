package no.nhn.driftsvakt.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import no.nhn.driftsvakt.catalog.CatalogService;

/**
 * The {@link SubjectBuilder} of the catalog in force, built once per catalog version (its downstream closure is not
 * free) and shared by the planner, the senders and the preview.
 */
@ApplicationScoped
public class CatalogView {

    @Inject
    CatalogService catalogs;

    private volatile SubjectBuilder builder;

    public SubjectBuilder current() {
        SubjectBuilder b = builder;
        if (b == null || b.catalog() != catalogs.current()) {
            b = new SubjectBuilder(catalogs.current());
            builder = b;
        }
        return b;
    }
}
