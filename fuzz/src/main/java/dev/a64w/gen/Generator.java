package dev.a64w.gen;

import dev.a64w.ir.Function;
import dev.a64w.ir.Import;
import dev.a64w.ir.Module;
import dev.a64w.ir.Signature;
import dev.a64w.ir.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a {@link ByteSource} into a {@link GeneratedCase}: a module of 1..8 functions {@code f0..fN}
 * whose call graph is a DAG (fi calls only fj with j > i, generated first, as Cranelift's fuzzgen
 * does), {@code f0} the entry; module data objects and host imports; and 1..5 input vectors for the
 * entry. The output is valid IR by construction and a pure function of the source's stream.
 */
public final class Generator {
    /** The host functions of {@code host.dll} the executor and interpreter implement. */
    static final List<Callee> HOST = List.of(
            new Callee("host_mix", new Signature(List.of(Type.I64, Type.I64), List.of(Type.I64)), true, 1),
            new Callee("host_id", new Signature(List.of(Type.I64), List.of(Type.I64)), true, 1),
            new Callee("host_sink", new Signature(List.of(Type.I64), List.of()), true, 1));

    public static final String HOST_DLL = "host.dll";

    private final GeneratorConfig cfg;

    public Generator(GeneratorConfig cfg) {
        this.cfg = cfg;
    }

    public GeneratorConfig config() {
        return cfg;
    }

    public GeneratedCase generate(ByteSource src) {
        int n = src.nextInt(1, cfg.maxFunctions());
        var names = new ArrayList<String>();
        for (int k = 0; k < n; k++) names.add("f" + k);
        var sigs = new ArrayList<Signature>();
        for (int k = 0; k < n; k++) sigs.add(signature(src));
        var imports = new ArrayList<Import>();
        var hosts = new ArrayList<Callee>();
        if (cfg.enabled(OpFamily.IMPORT)) {
            for (Callee h : HOST) {
                if (src.nextBoolean()) {
                    imports.add(new Import(h.name(), HOST_DLL));
                    hosts.add(h);
                }
            }
        }
        var data = DataGen.generate(src, cfg, names);
        var functions = new Function[n];
        var costs = new long[n];
        for (int k = n - 1; k >= 0; k--) {
            var callees = new ArrayList<Callee>(hosts);
            for (int j = k + 1; j < n; j++) callees.add(new Callee(names.get(j), sigs.get(j), false, costs[j]));
            var r = FunctionGen.generate(src, cfg, names.get(k), sigs.get(k), callees, data);
            functions[k] = r.function();
            costs[k] = r.cost();
        }
        var module = new Module(List.of(), imports, data.objects(), Arrays.asList(functions), List.of(), List.of());
        int nInputs = src.nextInt(1, cfg.maxInputs());
        var inputs = new ArrayList<List<Long>>();
        for (int k = 0; k < nInputs; k++) {
            var in = new ArrayList<Long>();
            for (Type t : sigs.getFirst().params()) in.add(Immediates.value(src, t));
            inputs.add(in);
        }
        return new GeneratedCase(module, names.getFirst(), inputs);
    }

    private Signature signature(ByteSource src) {
        int params = src.chance(300) ? src.nextInt(0, cfg.maxParams()) : src.nextInt(0, Math.min(4, cfg.maxParams()));
        int returns = src.chance(250) ? src.nextInt(1, cfg.maxReturns()) : 1;
        var ps = new ArrayList<Type>();
        for (int k = 0; k < params; k++) ps.add(ValueGen.type(src, cfg.coverage()));
        var rs = new ArrayList<Type>();
        for (int k = 0; k < returns; k++) rs.add(ValueGen.type(src, cfg.coverage()));
        return new Signature(ps, rs, cfg.returnCall() ? "tail" : "");
    }
}
