package dev.a64w.exec;

import java.util.List;

/** One call's outcome together with the import calls it made, in order ({@code __chkstk} excluded). */
public record Execution(ExecResult result, List<ImportCall> imports) {
    public Execution {
        imports = List.copyOf(imports);
    }
}
