package no.nhn.driftsvakt.platform;

/**
 * What is wrong with one field of a request.
 *
 * @param status 400 for a bad value, 404 for an unknown component (or group), 409 for a conflict
 * @param field  the JSON path of the field, e.g. {@code state}, {@code [3].component} or {@code row 4: phone}
 */
public record FieldError(int status, String field, String message) {
}
