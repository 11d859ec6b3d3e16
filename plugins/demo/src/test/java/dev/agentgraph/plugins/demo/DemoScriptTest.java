package dev.agentgraph.plugins.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgraph.api.Canonical;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoScriptTest {

    private final List<DemoStep> loop = new DemoScript(7).loop(0);

    @Test
    void sameSeedAndLoopGiveTheSameSteps() {
        assertThat(new DemoScript(7).loop(3)).isEqualTo(new DemoScript(7).loop(3));
        assertThat(new DemoScript(7).loop(3)).isNotEqualTo(new DemoScript(8).loop(3));
        assertThat(new DemoScript(7).loop(3)).isNotEqualTo(new DemoScript(7).loop(4));
    }

    @Test
    void stepsAreInTimeOrderAndLastAboutAMinuteAtSpeedOne() {
        for (int i = 1; i < loop.size(); i++) {
            assertThat(loop.get(i).atMillis()).isGreaterThanOrEqualTo(loop.get(i - 1).atMillis());
        }
        assertThat(loop.get(loop.size() - 1).atMillis()).isBetween(30_000L, 150_000L);
    }

    @Test
    void everyAgentEndsAndEverySessionEndsAfterItsLastEvent() {
        Map<String, Integer> lastIndexOfSession = new HashMap<>();
        Set<String> spawned = new HashSet<>();
        Set<String> done = new HashSet<>();
        Set<String> started = new HashSet<>();
        Set<String> ended = new HashSet<>();
        for (int i = 0; i < loop.size(); i++) {
            DemoStep s = loop.get(i);
            String session = s.string(Canonical.SESSION_ID);
            assertThat(ended).as("event after its session ended: %s", s).doesNotContain(session);
            switch (s.type()) {
                case Canonical.SESSION_START -> started.add(session);
                case Canonical.SESSION_END -> ended.add(session);
                case Canonical.AGENT_SPAWN -> spawned.add(s.string(Canonical.ID));
                case Canonical.AGENT_DONE -> {
                    assertThat(spawned).contains(s.string(Canonical.ID));
                    done.add(s.string(Canonical.ID));
                }
                case Canonical.TOOL_USE, Canonical.TOOL_DONE, Canonical.TOOL_FAILED, Canonical.SKILL_USE -> {
                    String agent = s.string(Canonical.AGENT_ID);
                    if (!agent.equals(Canonical.ORCHESTRATOR)) {
                        assertThat(spawned).as("activity of a live agent").contains(agent);
                        assertThat(done).as("no activity after done").doesNotContain(agent);
                    }
                }
                default -> { }
            }
            lastIndexOfSession.put(session, i);
        }
        assertThat(started).hasSize(4).isEqualTo(ended);
        assertThat(done).isEqualTo(spawned);
        assertThat(spawned).hasSizeGreaterThanOrEqualTo(18);
    }

    @Test
    void parentsAreBornBeforeTheirChildrenAndSomeAreNestedTwoDeep() {
        Map<String, String> parentOf = new HashMap<>();
        for (DemoStep s : of(Canonical.AGENT_SPAWN)) {
            String parent = s.string(Canonical.PARENT_ID);
            assertThat(parent.equals(Canonical.ORCHESTRATOR) || parentOf.containsKey(parent)).isTrue();
            parentOf.put(s.string(Canonical.ID), parent);
        }
        assertThat(parentOf.values().stream().filter(p -> !p.equals(Canonical.ORCHESTRATOR)).count()).isEqualTo(12);
        assertThat(parentOf.values().stream().filter(p -> !p.equals(Canonical.ORCHESTRATOR))
                .anyMatch(p -> !parentOf.get(p).equals(Canonical.ORCHESTRATOR))).as("a grandchild of a sub-agent").isTrue();
        assertThat(of(Canonical.AGENT_SPAWN).stream().filter(s -> s.fields().has(Canonical.PARENT_INFERRED)))
                .hasSize(1);
    }

    @Test
    void atItsWidestADozenAgentsAreAliveAtOnce() {
        int alive = 0;
        int widest = 0;
        for (DemoStep s : loop) {
            if (s.string(Canonical.EVENT).equals(Canonical.AGENT_SPAWN)) {
                widest = Math.max(widest, ++alive);
            } else if (s.string(Canonical.EVENT).equals(Canonical.AGENT_DONE)) {
                alive--;
            }
        }
        assertThat(widest).isGreaterThanOrEqualTo(12);
        assertThat(alive).isZero();
    }

    @Test
    void showsTheVarietyOfARealSwarm() {
        Set<String> tools = of(Canonical.TOOL_USE).stream().map(s -> s.string(Canonical.TOOL)).collect(Collectors.toSet());
        assertThat(tools).hasSizeGreaterThanOrEqualTo(8).contains("Bash", "Read", "Edit", "WebFetch");
        assertThat(of(Canonical.TOOL_USE)).allMatch(s -> s.string(Canonical.SUMMARY) != null);
        assertThat(of(Canonical.TOOL_FAILED)).hasSize(2).allMatch(s -> s.string(Canonical.ERROR) != null);
        assertThat(of(Canonical.SKILL_USE)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(of(Canonical.WAITING)).hasSize(1);
        assertThat(of(Canonical.AGENT_DONE).stream().map(s -> s.string(Canonical.OUTCOME)).collect(Collectors.toSet()))
                .contains("functional", "partial", Canonical.OUTCOME_FAILURE);
        assertThat(of(Canonical.AGENT_DONE)).allMatch(s -> s.fields().get(Canonical.COST_USD).getAsDouble() > 0
                && s.fields().getAsJsonObject(Canonical.TOKENS).get("output").getAsLong() > 0
                && s.fields().get(Canonical.DURATION_MS).getAsLong() > 0);
        assertThat(of(Canonical.SESSION_START)).allMatch(s -> s.string(Canonical.CWD) != null && s.string(Canonical.PROJECT) != null);
    }

    @Test
    void everyLoopHasFreshIds() {
        Set<String> first = sessions(new DemoScript(7).loop(0));
        Set<String> second = sessions(new DemoScript(7).loop(1));
        assertThat(first).doesNotContainAnyElementsOf(second);
    }

    private List<DemoStep> of(String type) {
        return loop.stream().filter(s -> s.type().equals(type)).toList();
    }

    private static Set<String> sessions(List<DemoStep> steps) {
        return steps.stream().map(s -> s.string(Canonical.SESSION_ID)).collect(Collectors.toSet());
    }
}
