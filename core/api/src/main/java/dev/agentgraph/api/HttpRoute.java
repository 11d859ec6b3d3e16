package dev.agentgraph.api;

/** Answers an HTTP request; called on a server thread, so it must be thread-safe and quick. */
@FunctionalInterface
public interface HttpRoute {

    /** An exception is answered 500 and logged. */
    HttpResponse handle(HttpRequest request) throws Exception;
}
