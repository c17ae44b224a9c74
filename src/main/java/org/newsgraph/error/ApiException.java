package org.newsgraph.error;

import java.util.Map;

/**
 * An expected failure that the client caused or can act on (bad argument, unknown ID, over a limit).
 * It becomes a GraphQL error with {@code extensions.code} and a message meant for people; never a 500.
 */
public class ApiException extends RuntimeException {

    private final ApiError error;

    public ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ApiException(ErrorCode code, String message) {
        this(ApiError.of(code, message));
    }

    public ApiException(ErrorCode code, String message, Map<String, Object> details) {
        this(new ApiError(code, message, details));
    }

    /** The argument or input is wrong: {@code BAD_USER_INPUT}. */
    public static ApiException badInput(String message) {
        return new ApiException(ErrorCode.BAD_USER_INPUT, message);
    }

    /** A specific machine-readable code for bad input, e.g. {@link ErrorCode#PAGE_SIZE_TOO_LARGE}. */
    public static ApiException badInput(ErrorCode code, String message) {
        return new ApiException(code, message);
    }

    /**
     * Like {@link #badInput(ErrorCode, String)} with the code's name; it must be one of {@link ErrorCode}.
     *
     * @deprecated pass the {@link ErrorCode}
     */
    @Deprecated
    public static ApiException badInput(String code, String message) {
        return new ApiException(ErrorCode.valueOf(code), message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorCode.NOT_FOUND, message);
    }

    public ApiError error() {
        return error;
    }

    /** The code's name, as in {@code extensions.code}. */
    public String code() {
        return error.code().name();
    }
}
