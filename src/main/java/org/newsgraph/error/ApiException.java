package org.newsgraph.error;

import java.util.Map;
import org.springframework.graphql.execution.ErrorType;

/**
 * An expected failure that the client caused or can act on (bad argument, unknown ID, over a limit).
 * It becomes a GraphQL error with {@code extensions.code} and a message meant for people; never a 500.
 */
public class ApiException extends RuntimeException {

    private final String code;
    private final ErrorType type;
    private final Map<String, Object> details;

    public ApiException(String code, ErrorType type, String message, Map<String, Object> details) {
        super(message);
        this.code = code;
        this.type = type;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** The argument or input is wrong: {@code BAD_USER_INPUT}. */
    public static ApiException badInput(String message) {
        return new ApiException("BAD_USER_INPUT", ErrorType.BAD_REQUEST, message, null);
    }

    /** A specific machine-readable code for bad input, e.g. {@code PAGE_SIZE_TOO_LARGE}. */
    public static ApiException badInput(String code, String message) {
        return new ApiException(code, ErrorType.BAD_REQUEST, message, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException("NOT_FOUND", ErrorType.NOT_FOUND, message, null);
    }

    public String code() {
        return code;
    }

    public ErrorType type() {
        return type;
    }

    public Map<String, Object> details() {
        return details;
    }
}
