package org.newsgraph.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.newsgraph.error.ApiError;
import org.newsgraph.error.ErrorCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Errors that Tomcat answers itself, before any filter or servlet of the application sees the request: a
 * request line or header that is not valid HTTP (raw bytes that are not UTF-8, a NUL or control character,
 * an encoded NUL in the path), headers or a query string over the 8 kB header limit, a body that ends before
 * its {@code Content-Length}, a {@code Transfer-Encoding} other than chunked (501), an HTTP version other than 1.0 and 1.1 (505), an {@code Expect} other than
 * {@code 100-continue} (417). Tomcat's {@link ErrorReportValve} answers those with an HTML page; this one
 * answers with the API's error body ({@code {"errors":[{"message","extensions":{"code"}}]}}), the status kept.
 * Errors of the application itself go through {@link ApiErrorController} as before: the valve writes only
 * when nothing has been written.
 */
@Component
class ContainerErrorReports implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (!(context.getParent() instanceof StandardHost host)) return;
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) host.getPipeline().removeValve(valve);
            }
            host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            host.getPipeline().addValve(new JsonErrorReportValve());
        });
    }

    /** After Boot's customizer, which adds Tomcat's own valve (without server info) in a context customizer. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Tomcat's error report valve, writing the API's JSON error body instead of an HTML page. */
    public static class JsonErrorReportValve extends ErrorReportValve {

        public JsonErrorReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) return;
            var ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) return;
            HttpStatus httpStatus = HttpStatus.resolve(status);
            if (httpStatus == null) httpStatus = HttpStatus.BAD_REQUEST;
            try {
                errorFor(httpStatus).writeTo(response, httpStatus);
            } catch (IOException | IllegalStateException clientGone) {
                // nothing more can be said on this connection
            }
        }

        static ApiError errorFor(HttpStatus status) {
            return ApiErrorController.forStatus(status).orElseGet(() -> switch (status) {
                case BAD_REQUEST ->
                    ApiError.of(
                            ErrorCode.BAD_REQUEST,
                            "The request is not valid HTTP: a malformed request line, header or URL encoding"
                                    + " (percent-encoded UTF-8 only, no NUL or control characters), headers and"
                                    + " query string over 8 kB together, or a body shorter than its"
                                    + " Content-Length");
                case NOT_IMPLEMENTED ->
                    ApiError.of(
                            ErrorCode.BAD_REQUEST,
                            "The Transfer-Encoding is not supported: send the body with a Content-Length, or"
                                    + " 'Transfer-Encoding: chunked' alone");
                case HTTP_VERSION_NOT_SUPPORTED ->
                    ApiError.of(ErrorCode.BAD_REQUEST, "The HTTP version is not supported: send HTTP/1.1");
                case EXPECTATION_FAILED ->
                    ApiError.of(ErrorCode.BAD_REQUEST, "The Expect header allows only 100-continue");
                case SERVICE_UNAVAILABLE ->
                    ApiError.of(ErrorCode.SERVICE_UNAVAILABLE, "The server cannot serve now; try again");
                default ->
                    status.is5xxServerError()
                            ? ApiError.internal(ApiError.newErrorId())
                            : ApiError.of(
                                    ErrorCode.BAD_REQUEST, "The request is not valid (HTTP " + status.value() + ")");
            });
        }
    }
}
