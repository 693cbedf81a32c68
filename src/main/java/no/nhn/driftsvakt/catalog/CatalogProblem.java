package no.nhn.driftsvakt.catalog;

/**
 * One thing wrong with a catalog file, located precisely enough to fix it without guessing.
 *
 * @param file  the file (or resource) name
 * @param line  1-based line number, 0 when unknown
 * @param field the path of the field, e.g. {@code components[3].checks[0].interval}
 * @param message what is wrong, in plain words
 */
public record CatalogProblem(String file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + message;
    }
}
