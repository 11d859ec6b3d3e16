package dev.agentgraph.service;

import java.nio.file.Path;
import java.util.List;

/** What one service manager needs: where its file goes, the file, and how to start and stop it. */
interface ServiceDefinition {

    /** The unit or agent file. */
    Path file();

    /** The file's text, running the launcher with {@code args}. */
    String render(List<String> args);

    /** Commands that load and start the service once the file is written. */
    List<List<String>> startCommands();

    /** Commands that stop and unload the service while the file still exists. */
    List<List<String>> stopCommands();

    /** Commands to run after the file was removed. */
    List<List<String>> afterRemoveCommands();

    /** One or two lines on where the logs go and how to follow them. */
    String logHint();
}
