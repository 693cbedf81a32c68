package no.nhn.driftsvakt.catalog;

import java.util.List;
import java.util.stream.Collectors;

/** A catalog that cannot be used; carries every problem found, not just the first. */
public final class CatalogException extends RuntimeException {

    private final List<CatalogProblem> problems;

    public CatalogException(List<CatalogProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<CatalogProblem> problems() {
        return problems;
    }

    private static String describe(List<CatalogProblem> problems) {
        return "Invalid service catalog (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  "
                + problems.stream().map(CatalogProblem::toString).collect(Collectors.joining("\n  "));
    }
}
