package dev.a64w.diff;

import dev.a64w.util.Bytes;
import java.util.List;

/**
 * What a case produced along the way, for reports, Allure attachments and issue texts. Fields that
 * a case did not get to are empty.
 */
public record Artifacts(
        String clif,
        String listing,
        Bytes object,
        Bytes mcObject,
        String mcReport,
        Bytes dll,
        List<String> linkDiagnostics,
        List<String> runLines,
        List<String> llvmLines) {

    public Artifacts {
        linkDiagnostics = List.copyOf(linkDiagnostics);
        runLines = List.copyOf(runLines);
        llvmLines = List.copyOf(llvmLines);
    }

    public static Artifacts of(String clif) {
        return new Artifacts(clif, "", Bytes.EMPTY, Bytes.EMPTY, "", Bytes.EMPTY, List.of(), List.of(), List.of());
    }

    Artifacts withListing(String listing, Bytes object) {
        return new Artifacts(clif, listing, object, mcObject, mcReport, dll, linkDiagnostics, runLines, llvmLines);
    }

    Artifacts withMc(Bytes mcObject, String mcReport) {
        return new Artifacts(clif, listing, object, mcObject, mcReport, dll, linkDiagnostics, runLines, llvmLines);
    }

    Artifacts withLink(Bytes dll, List<String> diagnostics) {
        return new Artifacts(clif, listing, object, mcObject, mcReport, dll, diagnostics, runLines, llvmLines);
    }

    Artifacts withRun(List<String> runLines) {
        return new Artifacts(clif, listing, object, mcObject, mcReport, dll, linkDiagnostics, runLines, llvmLines);
    }

    /** The LLVM leg's run and unwind lines. */
    Artifacts withLlvm(List<String> llvmLines) {
        return new Artifacts(clif, listing, object, mcObject, mcReport, dll, linkDiagnostics, runLines, llvmLines);
    }
}
