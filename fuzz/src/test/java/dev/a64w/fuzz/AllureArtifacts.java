package dev.a64w.fuzz;

import dev.a64w.diff.Artifacts;
import dev.a64w.diff.CaseReport;
import io.qameta.allure.Allure;

/** Attaches what a case produced to the current Allure test, so a failed check can be triaged from the report. */
final class AllureArtifacts {
    private AllureArtifacts() {}

    static void attach(CaseReport report) {
        Artifacts a = report.artifacts();
        Allure.addAttachment("verdicts", "text/plain", report.results().stream()
                .map(r -> r.check().id() + ": " + r.verdict().line()).reduce("", (x, y) -> x + y + "\n")
                + report.unsupported().entrySet().stream().map(e -> "%" + e.getKey() + ": " + e.getValue() + "\n").reduce("", String::concat));
        Allure.addAttachment("IR (clif)", "text/plain", a.clif());
        if (!a.listing().isEmpty()) Allure.addAttachment("subject listing", "text/plain", a.listing());
        if (!a.mcReport().isEmpty()) Allure.addAttachment("subject vs LLVM MC", "text/plain", a.mcReport());
        if (a.object().size() > 0) {
            Allure.addAttachment("subject object (hex)", "text/plain", hexDump(a.object().toArray()));
            Allure.addAttachment("subject object (llvm-objdump -d -r)", "text/plain", objdump(a.object().toArray()));
        }
        if (a.mcObject().size() > 0) {
            Allure.addAttachment("LLVM MC object (hex)", "text/plain", hexDump(a.mcObject().toArray()));
            Allure.addAttachment("LLVM MC object (llvm-objdump -d -r)", "text/plain", objdump(a.mcObject().toArray()));
        }
        if (!a.linkDiagnostics().isEmpty()) Allure.addAttachment("lld-link", "text/plain", String.join("\n", a.linkDiagnostics()));
        if (!a.runLines().isEmpty()) Allure.addAttachment("run", "text/plain", String.join("\n", a.runLines()));
    }

    /** The disassembly with relocations, as LLVM's own tool shows it (the second listing of a case). */
    static String objdump(byte[] object) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("a64w-objdump");
            java.nio.file.Path f = dir.resolve("case.obj");
            java.nio.file.Files.write(f, object);
            var r = dev.a64w.oracle.llvm.Tools.run(java.util.List.of("llvm-objdump", "-d", "-r", f.toString()), dir,
                    java.time.Duration.ofSeconds(30));
            java.nio.file.Files.deleteIfExists(f);
            java.nio.file.Files.deleteIfExists(dir);
            return r.stdout() + r.stderr();
        } catch (java.io.IOException | RuntimeException e) {
            return "llvm-objdump failed: " + e;
        }
    }

    static String hexDump(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length; i += 16) {
            sb.append(String.format("%08x ", i));
            for (int j = i; j < Math.min(i + 16, bytes.length); j++) sb.append(String.format(" %02x", bytes[j]));
            sb.append('\n');
        }
        return sb.toString();
    }
}
