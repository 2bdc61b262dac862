package dev.a64w.fuzz;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What the campaign tells a worker, one JSON object per line on the worker's stdin: first
 * {@link Setup}, then any number of {@link Check}s (the next waits for the worker's
 * {@link WorkerReport.BatchDone}), then {@link Quit}. End of input also ends a worker.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WorkerCommand.Setup.class, name = "setup"),
        @JsonSubTypes.Type(value = WorkerCommand.Check.class, name = "check"),
        @JsonSubTypes.Type(value = WorkerCommand.Quit.class, name = "quit")})
public sealed interface WorkerCommand {
    /** The cases to come and where their findings go (an absolute folder). */
    record Setup(CaseStream stream, String out) implements WorkerCommand {
    }

    /** Check these cases together (one batch) and report each. */
    record Check(List<Long> cases) implements WorkerCommand {
        public Check {
            cases = List.copyOf(cases);
        }
    }

    /** Close the harness and exit. */
    record Quit() implements WorkerCommand {
    }
}
