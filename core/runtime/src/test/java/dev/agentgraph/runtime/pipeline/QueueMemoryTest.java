package dev.agentgraph.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.api.Event;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The queues are bounded in memory as well as in events: with the launcher's 64 MiB heap, 65,536
 * waiting hook lines of a few KiB each were three times the heap (the pipeline thread then died
 * of OutOfMemoryError and the server stopped processing).
 */
class QueueMemoryTest {

    private static final long MIB = 1 << 20;

    /** A parsed line of about 20,000 characters: its hint is about 118 KiB. */
    private static Event big(int n) {
        try {
            return Event.parse("{\"event\":\"tool_done\",\"n\":" + n + ",\"output\":\"" + "x".repeat(20_000) + "\"}");
        } catch (dev.agentgraph.api.EventFormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aQuarterOfTheHeapForEachSinkAndASixteenthForTheInboundQueue() {
        assertThat(QueueMemory.sinkBudget(64 * MIB)).isEqualTo(16 * MIB);
        assertThat(QueueMemory.inboundBudget(64 * MIB)).isEqualTo(4 * MIB);
        assertThat(QueueMemory.sinkBudget(1 * MIB)).as("a floor for tiny heaps").isEqualTo(MIB);
        assertThat(QueueMemory.inboundBudget(1 * MIB)).as("a floor for tiny heaps").isEqualTo(MIB);
    }

    @Test
    void theInboundQueueTakesNoMoreThanItsBudgetAndRoomComesBackAsEventsLeave() throws Exception {
        InboundQueue queue = new InboundQueue(1_000, MIB);
        int taken = 0;
        while (queue.offerNow(big(taken))) {
            taken++;
        }
        assertThat(taken).as("118 KiB events in 1 MiB").isEqualTo(8);
        assertThat(queue.offer(big(99), 1_000_000)).as("a blocking offer times out").isFalse();
        assertThat(((Event) queue.poll()).string("n")).isEqualTo("0");
        assertThat(queue.offerNow(big(100))).as("room again once one left").isTrue();
        // Small events are bounded by count, as before.
        InboundQueue counted = new InboundQueue(3, 64 * MIB);
        for (int i = 0; i < 3; i++) {
            assertThat(counted.offerNow(Event.builder("tool_use").put("n", i).build())).isTrue();
        }
        assertThat(counted.offerNow(Event.builder("tool_use").build())).isFalse();
    }

    @Test
    void anEventLargerThanTheWholeBudgetStillPassesAlone() throws Exception {
        InboundQueue queue = new InboundQueue(1_000, 64 * 1024);
        assertThat(queue.offerNow(big(1))).isTrue();
        assertThat(queue.offerNow(big(2))).isFalse();
        queue.poll();
        assertThat(queue.offerNow(big(3))).isTrue();
    }

    @Test
    void aSinkThatFellBehindDropsWhatItsMemoryCannotHold() {
        ComponentStats stats = new ComponentStats("slow");
        SinkRunner runner = new SinkRunner("slow", event -> { }, stats, new Guard(stats, LoggerFactory.getLogger("t")),
                32_768, MIB); // not started: nothing leaves its queue
        for (int i = 0; i < 20; i++) {
            runner.offer(QueueMemory.Queued.of(big(i)));
        }
        assertThat(runner.queued()).isEqualTo(8);
        assertThat(stats.drops().get()).isEqualTo(12);
    }
}
