package dev.agentgraph.plugins.notify;

/** What to tell the user: a short title and one line of text. */
record Notification(String title, String text) {
}
