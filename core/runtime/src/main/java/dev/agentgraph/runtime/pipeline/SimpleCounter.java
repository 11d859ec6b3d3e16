package dev.agentgraph.runtime.pipeline;

import dev.agentgraph.api.Counter;
import java.util.concurrent.atomic.LongAdder;

/** A {@link Counter} that many threads may add to at once without contention. */
public final class SimpleCounter implements Counter {

    private final LongAdder value = new LongAdder();

    @Override
    public void add(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("a counter only grows: " + n);
        }
        value.add(n);
    }

    @Override
    public long get() {
        return value.sum();
    }
}
