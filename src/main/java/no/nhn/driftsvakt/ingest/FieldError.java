package no.nhn.driftsvakt.ingest;

/**
 * What is wrong with one field of a request.
 *
 * @param status 400 for a bad value, 404 for an unknown component
 * @param field  the JSON path of the field, e.g. {@code state} or {@code [3].component}
 */
public record FieldError(int status, String field, String message) {
}
