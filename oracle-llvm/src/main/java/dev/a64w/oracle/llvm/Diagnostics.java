package dev.a64w.oracle.llvm;

import static org.bytedeco.llvm.global.LLVM.LLVMDSError;
import static org.bytedeco.llvm.global.LLVM.LLVMDSNote;
import static org.bytedeco.llvm.global.LLVM.LLVMDSWarning;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposeMessage;
import static org.bytedeco.llvm.global.LLVM.LLVMGetDiagInfoDescription;
import static org.bytedeco.llvm.global.LLVM.LLVMGetDiagInfoSeverity;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.llvm.LLVM.LLVMDiagnosticHandler;
import org.bytedeco.llvm.LLVM.LLVMDiagnosticInfoRef;

/**
 * An LLVM diagnostic handler that collects messages by severity (remarks are dropped, a note is
 * appended to the message before it). One instance is installed into each fresh LLVMContext of
 * its owner; {@link #reset()} before a request, read after. Not thread-safe: the owner serializes.
 * The callback thunk is allocated once and must stay reachable while any context uses it.
 */
final class Diagnostics extends LLVMDiagnosticHandler {
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private List<String> last = errors;

    void reset() {
        errors.clear();
        warnings.clear();
        last = errors;
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void call(LLVMDiagnosticInfoRef info, Pointer context) {
        // never let a Java exception unwind into LLVM's frames
        try {
            int severity = LLVMGetDiagInfoSeverity(info);
            BytePointer p = LLVMGetDiagInfoDescription(info);
            String text = p == null || p.isNull() ? "" : p.getString();
            if (p != null && !p.isNull()) {
                LLVMDisposeMessage(p);
            }
            if (severity == LLVMDSError) {
                errors.add(text);
                last = errors;
            } else if (severity == LLVMDSWarning) {
                warnings.add(text);
                last = warnings;
            } else if (severity == LLVMDSNote && !last.isEmpty()) {
                last.set(last.size() - 1, last.get(last.size() - 1) + "\nnote: " + text);
            }
        } catch (Throwable t) {
            errors.add("internal: diagnostic handler failed: " + t);
        }
    }
}
