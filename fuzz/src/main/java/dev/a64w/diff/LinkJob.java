package dev.a64w.diff;

import dev.a64w.exec.Imports;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.Module;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One side's link of one case: its objects, the imports they need and what the image exports
 * (functions by name, data objects with {@code ,DATA}).
 */
public record LinkJob(List<Bytes> objects, Imports imports, List<String> functionExports, List<String> dataExports) {
    public LinkJob {
        objects = List.copyOf(objects);
        functionExports = List.copyOf(functionExports);
        dataExports = List.copyOf(dataExports);
    }

    /** {@code object} of {@code module}, exporting {@code functions} and every data object. */
    public static LinkJob of(Bytes object, Module module, List<String> functions) {
        return new LinkJob(List.of(object), Harness.importsOf(module), functions,
                module.data().stream().map(DataObject::name).toList());
    }

    /** Every job's objects in one link (their symbols must be distinct: {@link SymbolPrefix}). */
    static LinkJob merge(List<LinkJob> jobs) {
        List<Bytes> objects = new ArrayList<>();
        Imports imports = Imports.NONE;
        LinkedHashSet<String> functions = new LinkedHashSet<>();
        LinkedHashSet<String> data = new LinkedHashSet<>();
        for (LinkJob j : jobs) {
            objects.addAll(j.objects);
            for (Map.Entry<String, List<String>> e : j.imports.byDll().entrySet()) imports = imports.with(e.getKey(), e.getValue());
            functions.addAll(j.functionExports);
            data.addAll(j.dataExports);
        }
        return new LinkJob(objects, imports, List.copyOf(functions), List.copyOf(data));
    }
}
