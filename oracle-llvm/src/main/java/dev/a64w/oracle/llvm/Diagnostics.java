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
 * Collects LLVM diagnostics of one request by severity (remarks dropped, a note appended to the
 * message before it). LLVM calls {@link #HANDLER} synchronously on the thread doing the work,
 * which routes to the collector that thread opened with {@link #begin()}.
 *
 * <p>Why one shared handler: JavaCPP has a small fixed number of native thunks per callback
 * class (10); an 11th live instance silently gets none, LLVM then has no handler and exits the
 * process on the first assembler error. One stateless thunk for the process avoids that.
 */
final class Diagnostics {
    private static final ThreadLocal<Diagnostics> ACTIVE = new ThreadLocal<>();
    /** Install with {@code LLVMContextSetDiagnosticHandler(ctx, HANDLER, null)}. */
    static final LLVMDiagnosticHandler HANDLER = new Handler();

    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private List<String> last = errors;

    /** Fails if JavaCPP could not give the handler a native thunk. */
    static void checkHandler() {
        if (HANDLER.isNull()) {
            throw new OracleException("LLVM diagnostic handler: JavaCPP allocated no native callback");
        }
    }

    /** Clears this collector and routes this thread's diagnostics to it until {@link #end()}. */
    void begin() {
        errors.clear();
        warnings.clear();
        last = errors;
        ACTIVE.set(this);
    }

    void end() {
        ACTIVE.remove();
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    private void accept(int severity, String text) {
        if (severity == LLVMDSError) {
            errors.add(text);
            last = errors;
        } else if (severity == LLVMDSWarning) {
            warnings.add(text);
            last = warnings;
        } else if (severity == LLVMDSNote && !last.isEmpty()) {
            last.set(last.size() - 1, last.get(last.size() - 1) + "\nnote: " + text);
        }
    }

    private static final class Handler extends LLVMDiagnosticHandler {
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
                Diagnostics d = ACTIVE.get();
                if (d != null) {
                    d.accept(severity, text);
                } else if (severity == LLVMDSError || severity == LLVMDSWarning) {
                    System.err.println("LLVM diagnostic outside a request: " + text);
                }
            } catch (Throwable t) {
                Diagnostics d = ACTIVE.get();
                if (d != null) {
                    d.errors.add("internal: diagnostic handler failed: " + t);
                }
            }
        }
    }
}
