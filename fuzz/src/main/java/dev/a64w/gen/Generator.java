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
 * Turns a {@link ByteSource} into a {@link GeneratedCase}: a module of 1..8 functions (usually
 * {@code f0..fN}, sometimes adversarial {@link Names}) whose call graph is a DAG (the i-th calls only
 * the j-th with j > i, generated first, as Cranelift's fuzzgen does), the first the entry (see
 * {@link GeneratedCase#entry()}); module data objects and host imports; rarely one function with a
 * {@link SizedCode} block; and 1..5 input vectors for the entry. The output is valid IR by construction and a pure function of the source's stream.
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

    /**
     * Share (permille) of modules of a {@link Coverage#FLOAT} level that use floats; the rest are
     * integer-only, so that a float level still exercises the integer paths (and while a backend
     * rejects floats as unsupported, part of its cases are still checked).
     */
    public static final int FLOAT_MODULE_PERMILLE = 700;

    /**
     * Share (permille) of modules of a {@link Coverage#FLOAT} level that may use big-endian accesses
     * ({@link OpFamily#BIG_ENDIAN}). Cranelift's aarch64 backend lowers no big-endian load, store or
     * atomic (its rules match {@code little_or_native_endian} flags only), so the Cranelift leg counts
     * such a module as {@code unsupported}: keeping big-endian accesses to a share of the modules
     * keeps that leg on the rest.
     */
    public static final int BIG_ENDIAN_MODULE_PERMILLE = 200;

    public GeneratedCase generate(ByteSource src) {
        if (cfg.coverage() != Coverage.FLOAT) return generateModule(src);
        GeneratorConfig c = src.chance(FLOAT_MODULE_PERMILLE) ? cfg : cfg.withoutFloats();
        if (!src.chance(BIG_ENDIAN_MODULE_PERMILLE)) c = c.without(OpFamily.BIG_ENDIAN);
        return new Generator(c).generateModule(src);
    }

    private GeneratedCase generateModule(ByteSource src) {
        int n = src.nextInt(1, cfg.maxFunctions());
        int nData = cfg.enabled(OpFamily.DATA) ? src.nextInt(0, 3) : 0;
        var allNames = Names.draw(src, cfg, n, nData);
        var names = allNames.subList(0, n);
        int sizedFn = -1;
        int sizedBytes = 0;
        if (src.chance(cfg.hugePermille())) {
            sizedFn = src.nextInt(0, n - 1);
            sizedBytes = SizedCode.hugeTarget(src);
        } else if (src.chance(cfg.sizedPermille())) {
            sizedFn = src.nextInt(0, n - 1);
            sizedBytes = SizedCode.target(src);
        }
        var sigs = new ArrayList<Signature>();
        for (int k = 0; k < n; k++) sigs.add(signature(src, sigs));
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
        var data = DataGen.generate(src, cfg, names, allNames.subList(n, n + nData));
        var functions = new Function[n];
        var costs = new long[n];
        for (int k = n - 1; k >= 0; k--) {
            var callees = new ArrayList<Callee>(hosts);
            for (int j = k + 1; j < n; j++) callees.add(new Callee(names.get(j), sigs.get(j), false, costs[j]));
            var r = FunctionGen.generate(src, cfg, names.get(k), sigs.get(k), callees, data, k == sizedFn ? sizedBytes : 0);
            functions[k] = r.function();
            costs[k] = r.cost();
        }
        var module = new Module(List.of(), imports, data.objects(), Arrays.asList(functions), List.of(), List.of());
        int nInputs = src.nextInt(1, cfg.maxInputs());
        var inputs = new ArrayList<List<Long>>();
        for (int k = 0; k < nInputs; k++) {
            var in = new ArrayList<Long>();
            for (Type t : sigs.getFirst().params()) in.add(t.isFloat() ? FloatValues.value(src, t) : Immediates.value(src, t));
            inputs.add(in);
        }
        return new GeneratedCase(module, names.getFirst(), inputs);
    }

    /**
     * A random signature; with return_call on, sometimes one that an earlier function can tail-call:
     * the same returns, and sometimes as many stack arguments as that function receives or fewer
     * (so tail calls with stack arguments are not just unsupported cases).
     */
    private Signature signature(ByteSource src, List<Signature> earlier) {
        String conv = cfg.returnCall() ? "tail" : "";
        if (cfg.returnCall() && !earlier.isEmpty() && src.chance(300)) {
            Signature caller = src.pick(earlier);
            int params;
            if (caller.params().size() > 8 && src.chance(600)) {
                params = src.nextInt(9, caller.params().size());
            } else {
                params = src.nextInt(0, Math.min(6, cfg.maxParams()));
            }
            var ps = new ArrayList<Type>();
            for (int k = 0; k < params; k++) ps.add(ValueGen.sigType(src, cfg));
            return new Signature(ps, caller.returns(), conv);
        }
        int params = src.chance(300) ? src.nextInt(0, cfg.maxParams()) : src.nextInt(0, Math.min(4, cfg.maxParams()));
        int returns = src.chance(250) ? src.nextInt(1, cfg.maxReturns()) : 1;
        var ps = new ArrayList<Type>();
        for (int k = 0; k < params; k++) ps.add(ValueGen.sigType(src, cfg));
        var rs = new ArrayList<Type>();
        for (int k = 0; k < returns; k++) rs.add(ValueGen.sigType(src, cfg));
        return new Signature(ps, rs, conv);
    }
}
