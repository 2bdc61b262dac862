package dev.a64w.diff;

import dev.a64w.util.Bytes;
import java.util.List;
import java.util.Map;

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
        List<String> llvmLines,
        Map<Side, Bytes> llvmObjects) {

    public Artifacts {
        llvmObjects = Map.copyOf(llvmObjects);
        linkDiagnostics = List.copyOf(linkDiagnostics);
        runLines = List.copyOf(runLines);
        llvmLines = List.copyOf(llvmLines);
    }

    public static Artifacts of(String clif) {
        return new Artifacts(clif, "", Bytes.EMPTY, Bytes.EMPTY, "", Bytes.EMPTY, List.of(), List.of(), List.of(), Map.of());
    }

    Artifacts withListing(String listing, Bytes object) {
        return new Artifacts(clif, listing, object, mcObject, mcReport, dll, linkDiagnostics, runLines, llvmLines, llvmObjects);
    }

    Artifacts withMc(Bytes mcObject, String mcReport) {
        return new Artifacts(clif, listing, object, mcObject, mcReport, dll, linkDiagnostics, runLines, llvmLines, llvmObjects);
    }

    Artifacts withLink(Bytes dll, List<String> diagnostics) {
        return new Artifacts(clif, listing, object, mcObject, mcReport, dll, diagnostics, runLines, llvmLines, llvmObjects);
    }

    Artifacts withRun(List<String> runLines) {
        return new Artifacts(clif, listing, object, mcObject, mcReport, dll, linkDiagnostics, runLines, llvmLines, llvmObjects);
    }

    /** The LLVM leg's run and unwind lines and its objects by side. */
    Artifacts withLlvm(List<String> llvmLines, Map<Side, Bytes> llvmObjects) {
        return new Artifacts(clif, listing, object, mcObject, mcReport, dll, linkDiagnostics, runLines, llvmLines, llvmObjects);
    }
}
