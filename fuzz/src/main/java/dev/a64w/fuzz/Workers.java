package dev.a64w.fuzz;

import java.util.List;

/**
 * Where a campaign's jobs run: worker {@link Processes} (what {@code a64w fuzz} uses: a crash or a hang
 * of one is a finding and the run goes on), or {@link Threads} of the campaign's own JVM (what the
 * benchmark measures; a crash or a hang there is not isolated).
 */
public sealed interface Workers {
    /** Workers are threads of this JVM, each with its own harness. */
    record Threads() implements Workers {
    }

    /**
     * Workers are JVMs running {@code mainClass} with {@code args}: {@link WorkerMain} with none, or a test's
     * main class that plays a crash or a hang.
     */
    record Processes(String mainClass, List<String> args) implements Workers {
        public Processes {
            args = List.copyOf(args);
        }

        /** The production worker. */
        public static Processes standard() {
            return new Processes(WorkerMain.class.getName(), List.of());
        }
    }
}
