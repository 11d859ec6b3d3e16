package dev.agentgraph.api;

import java.util.Optional;

/** An HTTP request whose body has been read whole (within the route's cap). */
public interface HttpRequest {

    String method();

    /** The path without the query. */
    String path();

    /** A header by case-insensitive name. */
    Optional<String> header(String name);

    /** The first value of a query parameter. */
    Optional<String> query(String name);

    byte[] body();

    /** The remote address, for logs. */
    String remoteAddress();
}
