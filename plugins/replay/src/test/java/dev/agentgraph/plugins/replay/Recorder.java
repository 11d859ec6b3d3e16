package dev.agentgraph.plugins.replay;

import dev.agentgraph.api.Event;
import dev.agentgraph.api.PluginContext;
import dev.agentgraph.api.Sink;
import dev.agentgraph.api.SinkFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real sink at the end of the real pipeline that keeps what reaches it, with arrival times. */
final class Recorder implements SinkFactory {

    record Arrival(long nanos, Event event) {
    }

    final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
        return "recorder";
    }

    @Override
    public Sink create(PluginContext context) {
        return event -> arrivals.add(new Arrival(System.nanoTime(), event));
    }

    List<String> ids() {
        return arrivals.stream().map(a -> a.event().string("id")).toList();
    }
}
