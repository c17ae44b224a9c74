package org.newsgraph.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lets the application end a request whose body it will not read, without Tomcat reading the rest. After an
 * answer, Tomcat normally reads and discards what is left of the body (up to 2 MB) with blocking reads on a
 * worker thread, so that the client sees the answer rather than a reset connection; a client that sends that
 * rest slowly holds the thread. {@link #closeWithoutReadingTheRest} marks the request so that Tomcat writes the
 * answer and then closes the connection instead ({@code Connection: close}).
 */
@Component
class UnreadBodies implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

    private static final String CLOSE = UnreadBodies.class.getName() + ".CLOSE";

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(context -> context.getPipeline().addValve(new Valve()));
    }

    /** Tomcat ends this request without reading the rest of its body; the connection closes after the answer. */
    static void closeWithoutReadingTheRest(ServletRequest request) {
        if (request.getAttribute(CLOSE) instanceof Runnable close) close.run();
    }

    /** Gives each request the means to switch off Tomcat's reading of the rest of its body. */
    static final class Valve extends ValveBase {
        Valve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            var coyote = request.getCoyoteRequest();
            request.setAttribute(CLOSE, (Runnable) () -> coyote.action(ActionCode.DISABLE_SWALLOW_INPUT, null));
            getNext().invoke(request, response);
        }
    }
}
