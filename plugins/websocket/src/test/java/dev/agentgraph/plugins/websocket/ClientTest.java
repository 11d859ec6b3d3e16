package dev.agentgraph.plugins.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.agentgraph.api.Snapshots.Snapshot;
import dev.agentgraph.api.WebSocketConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The join and the bound of one client, against a connection that never finishes a write. */
class ClientTest {

    /** A connection whose writes stay outstanding until {@link #complete()}. */
    static final class PendingConnection implements WebSocketConnection {
        final List<String> sent = new ArrayList<>();
        final List<SendCallback> pending = new ArrayList<>();

        @Override
        public String id() {
            return "c1";
        }

        @Override
        public void send(String text, SendCallback done) {
            sent.add(text);
            pending.add(done);
        }

        void complete() {
            pending.forEach(cb -> cb.done(null));
            pending.clear();
        }

        @Override
        public void close(int statusCode, String reason) {
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public Optional<String> query(String name) {
            return Optional.empty();
        }

        @Override
        public String remoteAddress() {
            return "test";
        }
    }

    private final PendingConnection connection = new PendingConnection();
    private final List<Client> tooSlow = new ArrayList<>();

    private static Batch one(long seq, String frame) {
        return new Batch(new long[] {seq}, new String[] {frame});
    }

    private static Batch batch(long first, long last) {
        int n = (int) (last - first + 1);
        long[] seqs = new long[n];
        String[] frames = new String[n];
        for (int i = 0; i < n; i++) {
            seqs[i] = first + i;
            frames[i] = "e" + (first + i);
        }
        return new Batch(seqs, frames);
    }

    private static Snapshot snapshot(long seq) {
        JsonObject body = new JsonObject();
        body.addProperty("type", "snapshot");
        body.addProperty("seq", seq);
        return new Snapshot(seq, body);
    }

    @Test
    void eventsHandledDuringTheJoinAreSentAfterTheSnapshotUnlessItCoversThem() {
        Client client = new Client(connection, 100, 1 << 20, tooSlow::add, e -> { });
        client.offer(one(5, "e5"));
        client.offer(one(6, "e6"));

        client.join(snapshot(5));
        client.offer(one(7, "e7"));

        assertThat(connection.sent).containsExactly("{\"type\":\"snapshot\",\"seq\":5}", "e6", "e7");
    }

    @Test
    void eventsUpToTheSnapshotAreNotSentTwice() {
        Client client = new Client(connection, 100, 1 << 20, tooSlow::add, e -> { });
        client.join(snapshot(9));

        client.offer(one(9, "e9"));
        client.offer(one(10, "e10"));

        assertThat(connection.sent).containsExactly("{\"type\":\"snapshot\",\"seq\":9}", "e10");
    }

    @Test
    void passingTheBoundHandsTheClientOverOnceAndSendsNothingMore() {
        Client client = new Client(connection, 3, 1 << 20, c -> {
            tooSlow.add(c);
            c.finish();
        }, e -> { });
        client.join(snapshot(0));
        client.offer(one(1, "e1"));
        client.offer(one(2, "e2"));
        assertThat(tooSlow).isEmpty();

        client.offer(one(3, "e3"));
        client.offer(one(4, "e4"));
        connection.complete();
        client.offer(one(5, "e5"));

        assertThat(tooSlow).containsExactly(client);
        assertThat(connection.sent).containsExactly("{\"type\":\"snapshot\",\"seq\":0}", "e1", "e2");
    }

    @Test
    void writtenFramesFreeTheirPlace() {
        Client client = new Client(connection, 2, 1 << 20, tooSlow::add, e -> { });
        client.join(snapshot(0));
        for (int i = 1; i <= 10; i++) {
            client.offer(one(i, "e" + i));
            connection.complete();
        }
        assertThat(tooSlow).isEmpty();
        assertThat(connection.sent).hasSize(11);
    }

    @Test
    void aBatchStraddlingTheSnapshotIsCutToTheEventsAfterIt() {
        Client client = new Client(connection, 100, 1 << 20, tooSlow::add, e -> { });
        client.offer(batch(3, 6));
        client.offer(batch(7, 8));

        client.join(snapshot(4));
        client.offer(batch(9, 9));

        assertThat(connection.sent).containsExactly("{\"type\":\"snapshot\",\"seq\":4}",
                "{\"type\":\"events\",\"data\":[e5,e6]}", "{\"type\":\"events\",\"data\":[e7,e8]}", "e9");
    }

    @Test
    void aBatchWhollyInTheSnapshotIsNotSent() {
        Client client = new Client(connection, 100, 1 << 20, tooSlow::add, e -> { });
        client.offer(batch(1, 4));

        client.join(snapshot(4));

        assertThat(connection.sent).containsExactly("{\"type\":\"snapshot\",\"seq\":4}");
    }
}
