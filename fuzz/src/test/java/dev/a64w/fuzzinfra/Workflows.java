package dev.a64w.fuzzinfra;

import dev.a64w.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Reading the repository's GitHub workflow and ClusterFuzzLite files for the tests: YAML as maps
 * and lists, the steps of a job, and every {@code ./a64w ...} command line of the run scripts,
 * checked against the CLI's own picocli model (so a workflow cannot call a command or option that
 * {@code a64w} does not have).
 */
final class Workflows {
    private Workflows() {}

    static Path root() {
        return Path.of(System.getProperty("a64w.root", "..")).toAbsolutePath().normalize();
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path p) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(read(p));
        if (!(doc instanceof Map<?, ?> m)) {
            throw new AssertionError(p + ": not a YAML mapping");
        }
        return (Map<String, Object>) m;
    }

    static List<Path> workflowFiles() {
        try (Stream<Path> s = Files.list(root().resolve(".github/workflows"))) {
            return s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError("cannot list .github/workflows: " + e.getMessage(), e);
        }
    }

    /** The value at a path of keys; YAML 1.1 reads a bare {@code on} key as {@code true}, so "on" finds either. */
    @SuppressWarnings("unchecked")
    static Object at(Object node, String... keys) {
        Object cur = node;
        for (String k : keys) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            Object next = m.get(k);
            if (next == null && k.equals("on")) {
                next = m.get(Boolean.TRUE);
            }
            cur = next;
        }
        return cur;
    }

    static Map<String, Object> map(Object node, String... keys) {
        Object v = at(node, keys);
        if (!(v instanceof Map<?, ?>)) {
            throw new AssertionError("no mapping at " + String.join(".", keys) + " (found " + v + ")");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return m;
    }

    static List<Object> list(Object node, String... keys) {
        Object v = at(node, keys);
        if (!(v instanceof List<?>)) {
            throw new AssertionError("no list at " + String.join(".", keys) + " (found " + v + ")");
        }
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) v;
        return l;
    }

    /** The steps of job {@code job} of a workflow. */
    static List<Map<String, Object>> steps(Map<String, Object> workflow, String job) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list(workflow, "jobs", job, "steps")) {
            out.add(map(o));
        }
        return out;
    }

    static String uses(Map<String, Object> step) {
        Object u = step.get("uses");
        return u == null ? "" : u.toString();
    }

    static String run(Map<String, Object> step) {
        Object r = step.get("run");
        return r == null ? "" : r.toString();
    }

    private static final Pattern CALL = Pattern.compile("(?:^|[\\s;&|(])\\./a64w\\s+([^\\n]*)");
    private static final Pattern CALL_END = Pattern.compile("\\s(?:\\||;|&&|[0-9]?>)");

    /** Every {@code ./a64w ...} command line in a shell script: the words after {@code ./a64w}, up to a pipe, ; or redirection. */
    static List<List<String>> a64wCalls(String script) {
        String joined = script.replace("\\\n", " ");
        List<List<String>> calls = new ArrayList<>();
        Matcher m = CALL.matcher(joined);
        while (m.find()) {
            String rest = m.group(1);
            Matcher end = CALL_END.matcher(rest);
            if (end.find()) {
                rest = rest.substring(0, end.start());
            }
            calls.add(Arrays.stream(rest.trim().split("\\s+")).map(w -> w.replace("\"", "").replace("'", ""))
                    .filter(w -> !w.isEmpty()).toList());
        }
        return calls;
    }

    /** What is wrong with one {@code a64w} call: an unknown subcommand or an option the (sub)command does not have. */
    static List<String> problems(List<String> call) {
        CommandSpec spec = new CommandLine(new Main()).getCommandSpec();
        List<String> problems = new ArrayList<>();
        if (call.isEmpty()) {
            return List.of("a64w called with no command");
        }
        List<String> words = call;
        String first = call.getFirst();
        if (!first.startsWith("-")) {
            CommandLine sub = spec.subcommands().get(first);
            if (sub == null) {
                return List.of("a64w has no command '" + first + "' (it has " + spec.subcommands().keySet() + ")");
            }
            spec = sub.getCommandSpec();
            words = call.subList(1, call.size());
        }
        for (String w : words) {
            if (w.startsWith("--")) {
                String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
                if (spec.findOption(name) == null) {
                    problems.add(spec.qualifiedName() + " has no option " + name);
                }
            }
        }
        return problems;
    }

    /** Every a64w call in every run script of a workflow. */
    static List<List<String>> a64wCalls(Map<String, Object> workflow) {
        List<List<String>> calls = new ArrayList<>();
        for (String job : map(workflow, "jobs").keySet()) {
            Object steps = at(workflow, "jobs", job, "steps");
            if (steps == null) {
                continue;
            }
            for (Map<String, Object> step : steps(workflow, job)) {
                calls.addAll(a64wCalls(run(step)));
            }
        }
        return calls;
    }
}
