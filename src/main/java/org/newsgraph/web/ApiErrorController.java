package org.newsgraph.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.newsgraph.error.ApiError;
import org.newsgraph.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page of the container and of Spring MVC (unknown path, unsupported method or media type, an
 * exception that escaped every handler), in place of Boot's {@code BasicErrorController}: the same
 * {@code {"errors":[{"message","extensions":{"code"}}]}} body as every other error of the API, with the
 * status kept, and never a stack trace, exception or class name. A 5xx gets an error id that the log
 * line repeats.
 */
@Controller
class ApiErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorController.class);

    @RequestMapping("${spring.web.error.path:${error.path:/error}}")
    ResponseEntity<byte[]> error(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        ApiError error = forStatus(status).orElseGet(() -> byClass(status, request));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(error.toJson());
    }

    /**
     * The error body of an HTTP status that says what went wrong by itself, whoever answers it: this controller
     * (errors of the application) or Tomcat's error report ({@link ContainerErrorReports}, errors before it).
     */
    static Optional<ApiError> forStatus(HttpStatus status) {
        return Optional.ofNullable(
                switch (status) {
                    case NOT_FOUND ->
                        ApiError.of(ErrorCode.NOT_FOUND, "Nothing here; the GraphQL endpoint is /graphql");
                    case METHOD_NOT_ALLOWED ->
                        ApiError.of(ErrorCode.METHOD_NOT_ALLOWED, "This method is not allowed here");
                    case CONTENT_TOO_LARGE -> ApiError.of(ErrorCode.REQUEST_TOO_LARGE, "The request is too large");
                    case URI_TOO_LONG, REQUEST_HEADER_FIELDS_TOO_LARGE ->
                        ApiError.of(ErrorCode.REQUEST_TOO_LARGE, "The request line or headers are too large");
                    case UNSUPPORTED_MEDIA_TYPE ->
                        ApiError.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
                    case NOT_ACCEPTABLE ->
                        ApiError.of(
                                ErrorCode.NOT_ACCEPTABLE,
                                "Accept must allow application/graphql-response+json or application/json");
                    default -> null;
                });
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = (statusAttribute instanceof Integer code) ? HttpStatus.resolve(code) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static ApiError byClass(HttpStatus status, HttpServletRequest request) {
        if (status.is4xxClientError()) {
            return ApiError.of(ErrorCode.BAD_REQUEST, "The request is not valid (HTTP " + status.value() + ")");
        }
        String errorId = ApiError.newErrorId();
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        log.error(
                "Internal error {} at {} {}: {}",
                errorId,
                request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                status.value(),
                exception);
        return ApiError.internal(errorId);
    }
}
