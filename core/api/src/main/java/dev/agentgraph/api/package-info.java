/**
 * The AgentGraph plugin API: everything a plugin author depends on, and nothing else.
 *
 * <p>A plugin contributes one or more extensions of three kinds, each a factory so that the host
 * decides when instances are made:
 * <ul>
 *   <li>{@link dev.agentgraph.api.SourceFactory} makes a {@link dev.agentgraph.api.Source}, which
 *       produces {@link dev.agentgraph.api.Event}s (tail a file, read stdin, accept HTTP posts);</li>
 *   <li>{@link dev.agentgraph.api.ReducerFactory} makes a {@link dev.agentgraph.api.Reducer}, an
 *       ordered stage that sees every event, keeps state, may derive events and contributes a part
 *       of the snapshot that a new client receives;</li>
 *   <li>{@link dev.agentgraph.api.SinkFactory} makes a {@link dev.agentgraph.api.Sink}, which
 *       consumes the sequenced stream after the reducers (WebSocket broadcast, log).</li>
 * </ul>
 * Each factory receives a {@link dev.agentgraph.api.PluginContext}: its configuration, a logger,
 * counters, the snapshot service and a way to mount HTTP and WebSocket routes without touching
 * server types.
 *
 * <p>Plugins depend on this artifact, on pf4j, gson and slf4j-api with scope {@code provided} and
 * must not bundle them: a bundled copy makes the extensions invisible to the host.
 */
package dev.agentgraph.api;
