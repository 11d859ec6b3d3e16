package dev.agentgraph.installer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line the way sh does for the simple commands the installer writes: words
 * apart at blanks, single quotes literal, double quotes and backslashes as in sh (no expansion).
 * Enough to read back {@code AGENTGRAPH_EVENTS='…' sh '…/agentgraph-hook.sh'}.
 */
final class ShellWords {

    private ShellWords() {
    }

    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                end = end < 0 ? command.length() : end;
                word.append(command, i + 1, end);
                i = end;
            } else if (c == '"') {
                i++;
                while (i < command.length() && command.charAt(i) != '"') {
                    if (command.charAt(i) == '\\' && i + 1 < command.length()) {
                        i++;
                    }
                    word.append(command.charAt(i));
                    i++;
                }
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
