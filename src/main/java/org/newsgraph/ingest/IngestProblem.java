package org.newsgraph.ingest;

import org.newsgraph.error.ErrorCode;

/**
 * One thing wrong with an article document: where ({@code statements[3].speaker}) and what.
 *
 * @param path the field, as a path into the document
 * @param code a stable machine-readable code, e.g. {@code REQUIRED}, {@code UNKNOWN_REFERENCE}
 * @param message what is wrong, for people
 */
public record IngestProblem(String path, String code, String message) {

    /** A problem with a code of the API's vocabulary ({@link ErrorCode}). */
    public IngestProblem(String path, ErrorCode code, String message) {
        this(path, code.name(), message);
    }
}
