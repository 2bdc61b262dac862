package dev.a64w.fuzz;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What a worker tells the campaign, one JSON object per line on the worker's stdout: {@link Ready} once
 * its harness is up; per batch {@link BatchStarted} before the cases are checked together, then per case
 * {@link CaseStarted} and {@link CaseDone} (sent after the case's findings are on disk), then
 * {@link BatchDone}. So the campaign knows at every moment which case, or which batch, a worker is on.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WorkerReport.Ready.class, name = "ready"),
        @JsonSubTypes.Type(value = WorkerReport.BatchStarted.class, name = "batch"),
        @JsonSubTypes.Type(value = WorkerReport.CaseStarted.class, name = "start"),
        @JsonSubTypes.Type(value = WorkerReport.CaseDone.class, name = "done"),
        @JsonSubTypes.Type(value = WorkerReport.BatchDone.class, name = "batch-done")})
public sealed interface WorkerReport {
    record Ready() implements WorkerReport {
    }

    record BatchStarted(List<Long> cases) implements WorkerReport {
        public BatchStarted {
            cases = List.copyOf(cases);
        }
    }

    record CaseStarted(long index) implements WorkerReport {
    }

    record CaseDone(CaseRecord record) implements WorkerReport {
    }

    record BatchDone() implements WorkerReport {
    }
}
