package dev.agentgraph.plugins.jsonltail;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the tail follows and how.
 *
 * @param file the event file
 * @param historyBytes how much of the file's end is read at start, as history
 * @param maxLine the longest line accepted, in bytes
 * @param pollInterval the fallback poll, in case a file notification is missed
 * @param create whether to create the directory (0700) and file (0600) when missing
 */
record TailSettings(Path file, long historyBytes, int maxLine, Duration pollInterval, boolean create) {
}
