package dev.agentgraph.plugins.demo;

import java.util.Random;

/** The tools a demo agent calls, each with the kind of summary the Claude Code decoder would give. */
enum DemoTool {
    READ("Read"), GREP("Grep"), GLOB("Glob"), BASH("Bash"), EDIT("Edit"), WRITE("Write"),
    WEB_FETCH("WebFetch"), WEB_SEARCH("WebSearch"), TODO_WRITE("TodoWrite");

    final String toolName;

    DemoTool(String toolName) {
        this.toolName = toolName;
    }

    String summary(DemoProject p, Random rnd) {
        return switch (this) {
            case READ, EDIT, WRITE -> p.file(rnd);
            case GREP -> DemoProject.pick(p.patterns(), rnd);
            case GLOB -> rnd.nextBoolean() ? "**/*.md" : "src/**/*";
            case BASH -> DemoProject.pick(p.commands(), rnd);
            case WEB_FETCH -> DemoProject.pick(p.urls(), rnd);
            case WEB_SEARCH -> p.name() + " best practices 2026";
            case TODO_WRITE -> (2 + rnd.nextInt(4)) + " todos";
        };
    }
}
