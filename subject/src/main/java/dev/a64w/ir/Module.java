package dev.a64w.ir;

import java.util.List;
import java.util.Optional;

/**
 * A compilation unit: header lines ({@code test ...}, {@code target ...}, {@code set ...}) kept
 * verbatim, directives, functions in source order, run lines, and the functions skipped as
 * unsupported.
 */
public record Module(
        List<String> header,
        List<Import> imports,
        List<DataObject> data,
        List<Function> functions,
        List<RunLine> runs,
        List<SkippedFunction> skipped) {

    public Module {
        header = List.copyOf(header);
        imports = List.copyOf(imports);
        data = List.copyOf(data);
        functions = List.copyOf(functions);
        runs = List.copyOf(runs);
        skipped = List.copyOf(skipped);
    }

    public static Module of(List<Function> functions) {
        return new Module(List.of(), List.of(), List.of(), functions, List.of(), List.of());
    }

    public Optional<Function> function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public Optional<Import> importOf(String name) {
        for (int k = 0; k < imports.size(); k++) if (imports.get(k).name().equals(name)) return Optional.of(imports.get(k));
        return Optional.empty();
    }

    public Optional<DataObject> dataObject(String name) {
        return data.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
