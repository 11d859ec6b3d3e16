package dev.agentgraph.runtime.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A short GET for doctor's checks: two seconds at most, the token when there is one. */
public final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** A status and body, or why there was none. */
    public record Answer(int status, String body, String failure) {
        public boolean answered() {
            return failure == null;
        }
    }

    private Http() {
    }

    public static Answer get(URI uri, Optional<String> token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), null);
        } catch (java.net.ConnectException e) {
            return new Answer(0, "", "nothing listens there");
        } catch (java.net.http.HttpTimeoutException e) {
            return new Answer(0, "", "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            return new Answer(0, "", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", "interrupted");
        } catch (IllegalArgumentException e) {
            return new Answer(0, "", "not a URL: " + uri);
        }
    }
}
