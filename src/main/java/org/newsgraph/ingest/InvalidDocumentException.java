package org.newsgraph.ingest;

import java.util.List;
import org.newsgraph.error.ErrorCode;

/** An article document failed validation; nothing was written. Carries every problem found, not just the first. */
public class InvalidDocumentException extends RuntimeException {

    private final List<IngestProblem> problems;

    public InvalidDocumentException(List<IngestProblem> problems) {
        super(problems.size() + " problem(s) in the article document, first: "
                + problems.get(0).path() + ": " + problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    /** One problem at one path. */
    public static InvalidDocumentException of(String path, String code, String message) {
        return new InvalidDocumentException(List.of(new IngestProblem(path, code, message)));
    }

    /** One problem at one path, with a code of the API's vocabulary. */
    public static InvalidDocumentException of(String path, ErrorCode code, String message) {
        return of(path, code.name(), message);
    }

    public List<IngestProblem> problems() {
        return problems;
    }
}
