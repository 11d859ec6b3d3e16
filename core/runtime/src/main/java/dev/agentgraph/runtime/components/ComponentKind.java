package dev.agentgraph.runtime.components;

import dev.agentgraph.api.Component;
import dev.agentgraph.api.ReducerFactory;
import dev.agentgraph.api.SinkFactory;
import dev.agentgraph.api.SourceFactory;
import java.util.Locale;

/** The three kinds of component, in the order they are created and listed. */
public enum ComponentKind {
    SOURCE, REDUCER, SINK;

    /** The kind of a factory; a factory must be exactly one kind. */
    public static ComponentKind of(Component factory) {
        int kinds = (factory instanceof SourceFactory ? 1 : 0) + (factory instanceof ReducerFactory ? 1 : 0)
                + (factory instanceof SinkFactory ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("component " + factory.getClass().getName()
                    + " must implement exactly one of SourceFactory, ReducerFactory, SinkFactory");
        }
        return factory instanceof SourceFactory ? SOURCE : factory instanceof ReducerFactory ? REDUCER : SINK;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
