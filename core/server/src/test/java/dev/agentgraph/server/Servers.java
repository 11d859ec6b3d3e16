package dev.agentgraph.server;

/** Starts test servers on a free loopback port. */
final class Servers {

    private Servers() {
    }

    static WebServer start(ServerSettings settings) throws ServerStartException {
        WebServer server = WebServer.newServer(settings.withPort(0));
        try {
            server.start();
        } catch (ServerStartException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    static WebServer start() throws ServerStartException {
        return start(ServerSettings.defaults());
    }

    static String host(WebServer server) {
        return "Host: 127.0.0.1:" + server.port();
    }
}
