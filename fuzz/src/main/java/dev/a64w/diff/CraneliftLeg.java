package dev.a64w.diff;

import dev.a64w.cranelift.CraneliftClient;
import dev.a64w.cranelift.CraneliftDialect;
import dev.a64w.cranelift.CraneliftOutput;
import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.cranelift.TrapSite;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.exec.PeImage;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Cranelift leg of a case: the module in Cranelift's CLIF ({@link CraneliftDialect}), compiled
 * by the driver with the case's {@link CraneliftVariant} in one worker call, then Cranelift's object
 * through the checks of the subject's: Object (the LNK2048 rule included), Link (lld-link), Align,
 * Run (traps read through the driver's trap table) and Unwind (with the {@code .pdata}/{@code .xdata}
 * the driver writes as wasmtime does). A Cranelift panic, a Cranelift error on IR that verifies, or
 * a dead driver is a finding on object-cranelift; text Cranelift cannot read, a construct the driver
 * cannot express, and a lowering Cranelift has not implemented make the case {@code unsupported} on
 * this side, with the reason. A function in Cranelift's {@code tail} convention is called through
 * an entry in the Windows convention that the module gets for the leg
 * ({@link CraneliftDialect#withWindowsEntries}). Every verdict that is not a pass names the variant first, as
 * {@code [opt=speed pic=false]}.
 *
 * @param results    the verdicts of the cranelift checks that ran
 * @param skipReason why the leg did not run, or why the case is unsupported on this side
 * @param object     Cranelift's object, if it made one
 * @param lines      run and unwind lines, for the artifacts
 */
public record CraneliftLeg(List<CheckResult> results, Optional<String> skipReason, Optional<Bytes> object, List<String> lines) {
    public CraneliftLeg {
        results = List.copyOf(results);
        lines = List.copyOf(lines);
    }

    /**
     * Cranelift's half of the leg before linking.
     *
     * @param done      the whole leg, when it ends before linking (refused, panicked, unavailable)
     * @param module    the module with its Windows entries, as compiled
     * @param compiled  Cranelift's output, when it compiled
     */
    record Front(Optional<CraneliftLeg> done, Module module, List<Invocation> invocations, CraneliftOutput.Compiled compiled,
                 String tag) {
        LinkJob linkJob() {
            return LinkJob.of(compiled.object(), module, module.functions().stream().map(Function::name).toList());
        }
    }

    static CraneliftLeg run(CraneliftClient client, Linker linker, HarnessConfig config, Module module,
                            List<Invocation> invocations, CraneliftVariant variant) {
        Front front = front(client, module, invocations, variant);
        if (front.done().isPresent()) return front.done().get();
        try (SharedImages images = new SharedImages()) {
            return back(front, BatchLink.linkOne(linker, front.linkJob()), images, config);
        }
    }

    static Front front(CraneliftClient client, Module module, List<Invocation> invocations, CraneliftVariant variant) {
        // tail-convention functions get a Windows-convention entry that calls them; invocations go there
        Module withEntries = CraneliftDialect.withWindowsEntries(module);
        List<Invocation> entryInvocations = invocations.stream().map(i -> module.function(i.function())
                .filter(f -> !CraneliftDialect.callableFromWindows(f))
                .map(f -> i.named(f.name() + CraneliftDialect.ENTRY_SUFFIX)).orElse(i)).toList();
        String clif = CraneliftDialect.print(withEntries);
        String tag = "[" + variant.label() + "] ";
        Check obj = Check.OBJECT_CRANELIFT;
        CraneliftOutput.Compiled[] compiled = new CraneliftOutput.Compiled[1];
        CraneliftLeg done = switch (client.compile(clif, variant)) {
            case CraneliftOutput.Unavailable u -> new CraneliftLeg(List.of(), Optional.of(u.reason()), Optional.empty(), List.of());
            case CraneliftOutput.Refused r when r.kind() != CraneliftOutput.Refusal.CODEGEN || r.message().contains("Unsupported(") -> {
                String why = reason(r);
                yield new CraneliftLeg(List.of(new CheckResult(obj, new Verdict.Unsupported(tag + why))), Optional.of(why),
                        Optional.empty(), List.of());
            }
            case CraneliftOutput.Refused r -> single(new Verdict.Mismatch(obj, tag + "cranelift rejects the module: "
                    + Harness.firstLine(r.message())));
            case CraneliftOutput.Panicked p -> single(new Verdict.Mismatch(obj, tag + "cranelift panicked: " + Harness.firstLine(p.message())));
            case CraneliftOutput.Crashed c -> single(new Verdict.OracleCrash(tag + "cranelift driver died: " + Harness.firstLine(c.detail())));
            case CraneliftOutput.Compiled c -> {
                compiled[0] = c;
                yield null;
            }
        };
        return new Front(Optional.ofNullable(done), withEntries, entryInvocations, compiled[0], tag);
    }

    /** Object, Link, Align, Run and Unwind on the link of {@code front}'s object. */
    static CraneliftLeg back(Front front, LinkResult link, SharedImages images, HarnessConfig config) {
        if (front.done().isPresent()) return front.done().get();
        List<String> lines = new ArrayList<>();
        CraneliftOutput.Compiled c = front.compiled();
        List<CheckResult> results = executeLinked(link, images, config, front.module(), front.invocations(), c.object(), c.traps(), lines);
        return new CraneliftLeg(results.stream().map(r -> tagged(r, front.tag())).toList(), Optional.empty(), Optional.of(c.object()), lines);
    }

    private static final java.util.regex.Pattern NO_LOWERING =
            java.util.regex.Pattern.compile("should be implemented in ISLE: inst = `[^=]*= (\\w+)\\.(\\w+)");

    /** The one-line reason a case is unsupported on this side; an unimplemented lowering is named by opcode and type. */
    static String reason(CraneliftOutput.Refused r) {
        var m = NO_LOWERING.matcher(r.message());
        if (m.find()) {
            return "cranelift has no aarch64 lowering for " + m.group(1) + "." + m.group(2);
        }
        return "cranelift " + r.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + Harness.firstLine(r.message());
    }

    private static CraneliftLeg single(Verdict v) {
        return new CraneliftLeg(List.of(new CheckResult(Check.OBJECT_CRANELIFT, v)), Optional.empty(), Optional.empty(), List.of());
    }

    private static CheckResult tagged(CheckResult r, String tag) {
        return r.verdict() instanceof Verdict.Mismatch m ? new CheckResult(r.check(), new Verdict.Mismatch(m.check(), tag + m.detail())) : r;
    }

    /** Object, Link, Align, Run and Unwind on Cranelift's object (tests feed it altered objects or tables). */
    static List<CheckResult> execute(Linker linker, HarnessConfig config, Module module, List<Invocation> invocations,
                                     Bytes object, List<TrapSite> traps, List<String> lines) {
        LinkResult link = BatchLink.linkOne(linker, LinkJob.of(object, module, module.functions().stream().map(Function::name).toList()));
        try (SharedImages images = new SharedImages()) {
            return executeLinked(link, images, config, module, invocations, object, traps, lines);
        }
    }

    /** The same, given the link of {@code object}. */
    static List<CheckResult> executeLinked(LinkResult link, SharedImages images, HarnessConfig config, Module module,
                                           List<Invocation> invocations, Bytes object, List<TrapSite> traps, List<String> lines) {
        List<CheckResult> out = new ArrayList<>();
        out.add(new CheckResult(Check.OBJECT_CRANELIFT, ObjectCheck.check(Check.OBJECT_CRANELIFT, object)));
        List<String> functions = module.functions().stream().map(Function::name).toList();
        if (!link.clean()) {
            List<String> diags = new ArrayList<>(link.errors());
            diags.addAll(link.warnings());
            out.add(new CheckResult(Check.LINK_CRANELIFT, new Verdict.Mismatch(Check.LINK_CRANELIFT,
                    "lld-link rejects Cranelift's object: " + Harness.firstLine(diags.getFirst()))));
            return out;
        }
        out.add(new CheckResult(Check.LINK_CRANELIFT, Verdict.PASS));
        PeImage image = images.image(link);
        out.add(new CheckResult(Check.ALIGN_CRANELIFT, AlignCheck.check(Check.ALIGN_CRANELIFT,
                AlignCheck.declared(module, functions), object, Optional.of(image))));
        List<Invocation> callable = new ArrayList<>();
        for (Invocation inv : invocations) {
            var f = module.function(inv.function());
            if (f.isEmpty()) {
                continue; // a run line of a function left out (unsupported): not Cranelift's to run
            }
            if (CraneliftDialect.callableFromWindows(f.get())) {
                callable.add(inv);
            } else {
                lines.add("cranelift " + inv + ": not run: %" + inv.function() + " uses Cranelift's tail convention "
                        + "(arguments and results from x2), which the Windows convention cannot call");
            }
        }
        if (!config.runRun() || callable.isEmpty()) {
            return out;
        }
        invocations = callable;
        Map<Long, String> udfTraps = trapAddresses(image, traps);
        StandardHost interpHost = new StandardHost();
        Interpreter interp = new Interpreter(module, interpHost, config.fuel());
        RunReport report = RunCheck.run(Check.RUN_CRANELIFT, module, interp, interpHost,
                images.executor(link, new HostBridge(new StandardHost(), StandardHost.signatures())), invocations, config.fuel(), udfTraps);
        out.add(new CheckResult(Check.RUN_CRANELIFT, report.verdict()));
        report.lines().forEach(l -> lines.add("cranelift " + l));
        if (config.unwindBudget() > 0) {
            List<String> unwindLines = new ArrayList<>();
            out.add(new CheckResult(Check.UNWIND_CRANELIFT, SubjectLeg.unwind(Check.UNWIND_CRANELIFT, images, link, functions,
                    invocations, config, true, unwindLines)));
            unwindLines.forEach(l -> lines.add("cranelift unwind " + l));
        }
        return out;
    }

    /** Each trap site at its absolute address in the image (functions are exported by name). */
    static Map<Long, String> trapAddresses(PeImage image, List<TrapSite> traps) {
        Map<Long, String> out = new TreeMap<>();
        for (TrapSite t : traps) {
            Long rva = image.exports().get(t.function());
            if (rva != null) {
                out.put(image.imageBase() + rva + t.offset(), t.code());
            }
        }
        return out;
    }
}
