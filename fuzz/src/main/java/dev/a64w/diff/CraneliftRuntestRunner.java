package dev.a64w.diff;

import dev.a64w.cranelift.CraneliftClient;
import dev.a64w.cranelift.CraneliftDialect;
import dev.a64w.cranelift.CraneliftOutput;
import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.exec.ExecResult;
import dev.a64w.exec.Linker;
import dev.a64w.exec.PeImage;
import dev.a64w.exec.UnicornExecutor;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.SkippedFunction;
import dev.a64w.ir.verify.Verifier;
import dev.a64w.ir.verify.VerifierException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs a file of Cranelift's runtests through the Cranelift leg: the functions of our CLIF subset
 * (the others are skipped, as for the subject), in Cranelift's dialect, compiled by the driver for
 * aarch64-pc-windows-msvc ({@code opt_level} speed where the file sets it, else none), linked by
 * lld-link and called with the Windows convention on the emulated CPU. A trap is read through the
 * driver's trap table. Where Cranelift cannot take the file (its reader or an unimplemented
 * lowering) its run lines are skipped with the reason; where Cranelift panics or errs they fail.
 * Functions in Cranelift's {@code tail} convention are not callable from the Windows convention
 * and are skipped.
 */
public final class CraneliftRuntestRunner {
    private final Linker linker = new Linker();
    private final CraneliftClient client;

    public CraneliftRuntestRunner(CraneliftClient client) {
        this.client = client;
    }

    public RuntestResult run(String fileName, Module parsed) {
        List<Function> valid = new ArrayList<>();
        for (Function f : parsed.functions()) {
            try {
                Verifier.verify(f, parsed);
                valid.add(f);
            } catch (VerifierException e) {
                // the subject's runner reports these; here they are not Cranelift's business
            }
        }
        Module module = new Module(parsed.header(), parsed.imports(), parsed.data(), valid, parsed.runs(), parsed.skipped());
        Set<String> compiled = valid.stream().map(Function::name).collect(Collectors.toSet());
        boolean speed = parsed.header().stream().anyMatch(h -> h.replace(" ", "").contains("opt_level=speed"));
        CraneliftVariant variant = new CraneliftVariant(speed, false);
        if (valid.isEmpty()) {
            return new RuntestResult(0, 0, parsed.runs().size(), List.of(fileName + ": no function of the subset"));
        }
        CraneliftOutput out = client.compile(CraneliftDialect.print(module), variant);
        String skipAll = null;
        String failAll = null;
        switch (out) {
            case CraneliftOutput.Compiled c -> { }
            case CraneliftOutput.Unavailable u -> skipAll = u.reason();
            case CraneliftOutput.Refused r when r.kind() != CraneliftOutput.Refusal.CODEGEN || r.message().contains("Unsupported(") ->
                    skipAll = "cranelift " + r.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + Harness.firstLine(r.message());
            case CraneliftOutput.Refused r -> failAll = "cranelift rejects the file: " + Harness.firstLine(r.message());
            case CraneliftOutput.Panicked p -> failAll = "cranelift panicked: " + Harness.firstLine(p.message());
            case CraneliftOutput.Crashed c -> failAll = "cranelift driver died: " + Harness.firstLine(c.detail());
        }
        Set<String> unsupported = parsed.skipped().stream().map(SkippedFunction::name).collect(Collectors.toSet());
        if (skipAll != null || failAll != null) {
            int skipped = 0;
            int failed = 0;
            for (RunLine r : module.runs()) {
                if (skipAll != null || unsupported.contains(r.function()) || !compiled.contains(r.function())) skipped++;
                else failed++;
            }
            return new RuntestResult(0, failed, skipped, List.of(fileName + " [" + variant.label() + "]: "
                    + (skipAll != null ? "skipped: " + skipAll : failAll)));
        }
        CraneliftOutput.Compiled c = (CraneliftOutput.Compiled) out;
        PeImage image;
        UnicornExecutor loaded;
        switch (RuntestImage.load(linker, c.object(), module, valid.stream().map(Function::name).toList())) {
            case RuntestImage.Loaded l -> {
                image = l.image();
                loaded = l.executor();
            }
            case RuntestImage.LinkFailed x -> {
                return new RuntestResult(0, module.runs().size(), 0, List.of(fileName + ": lld-link rejects Cranelift's object: " + x.why()));
            }
        }
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        List<String> messages = new ArrayList<>();
        try (UnicornExecutor executor = loaded) {
            Map<Long, String> traps = CraneliftLeg.trapAddresses(image, c.traps());
            for (RunLine run : module.runs()) {
                String fn = run.function();
                if (!compiled.contains(fn)) {
                    skipped++;
                    continue;
                }
                Function f = module.function(fn).orElseThrow();
                if (!CraneliftDialect.callableFromWindows(f)) {
                    skipped++;
                    continue;
                }
                ExecResult result = executor.callTyped(fn, RunLineJudge.args(f, run), RunLineJudge.BUDGET);
                String problem = RunLineJudge.judge(f, run, result, traps);
                if (problem == null) {
                    passed++;
                } else {
                    failed++;
                    messages.add(fileName + ":" + run.line() + " [" + variant.label() + "]: " + RunLineJudge.text(run, module) + ": " + problem);
                }
            }
        }
        return new RuntestResult(passed, failed, skipped, messages);
    }
}
