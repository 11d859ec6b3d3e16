package dev.agentgraph.plugins.claudecode;

/**
 * What a sub-agent's transcript says it used: token totals, their cost ({@code null} when a
 * model has no price), the last model seen, and whether the figures cover only part of the work.
 */
record TranscriptTotals(Tokens tokens, Double costUsd, String model, boolean partial) {
}
