package dev.agentgraph.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentgraph.api.Emitter;
import dev.agentgraph.api.Event;
import dev.agentgraph.api.Reducer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An event larger than the inbound queue's whole budget waits, in {@code emit}, until the pipeline
 * is idle, and then runs on the emitting thread, so that the source (an http route holding the
 * body's memory share) keeps its share until the event is handled. Before, it waited in the queue
 * outside any share, and 1.8 MB hook payloads in quick succession could fill a 64 MiB heap.
 */
class OversizedEventTest {

    private static Event sized(String type, int chars) throws Exception {
        return Event.parse("{\"event\":\"" + type + "\",\"output\":\"" + "x".repeat(chars) + "\"}");
    }

    @Test
    void anOversizedEventWaitsInEmitForTheIdlePipelineAndRunsOnTheEmittingThread() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        Reducer gate = new Reducer() {
            @Override
            public Event reduce(Event event, Emitter emit) {
                if (event.type().equals("first")) {
                    entered.countDown();
                    await().atMost(Duration.ofSeconds(10)).until(() -> release.getCount() == 0);
                }
                seen.add(event.type() + " on " + Thread.currentThread().getName());
                return event;
            }
        };
        ComponentStats stats = new ComponentStats("pipeline");
        ComponentStats gateStats = new ComponentStats("gate");
        Pipeline pipeline = new Pipeline(Clock.systemUTC(), 1_000, 1 << 20, stats);
        Guard guard = new Guard(gateStats, LoggerFactory.getLogger("gate"));
        pipeline.addReducer(new ReducerStage("gate", 100, gate, () -> gate, gateStats, guard));
        pipeline.start();
        Emitter emitter = pipeline.emitter(new ComponentStats("source"));
        Event big = sized("big", 200_000);
        assertThat(big.sizeHint()).as("over the 1 MiB budget").isGreaterThan(1 << 20);

        Thread first = new Thread(() -> emitter.emit(Event.builder("first").build()), "first-emitter");
        first.start();
        entered.await();
        Thread bigEmitter = new Thread(() -> emitter.emit(big), "big-emitter");
        bigEmitter.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> bigEmitter.getState() == Thread.State.TIMED_WAITING);
        assertThat(pipeline.queued()).as("it does not wait in the queue").isZero();
        assertThat(bigEmitter.isAlive()).as("emit has not returned while the pipeline is busy").isTrue();

        release.countDown();
        bigEmitter.join(10_000);
        assertThat(seen).containsExactly("first on first-emitter", "big on big-emitter");
        pipeline.drain(Duration.ofSeconds(5));
    }
}
