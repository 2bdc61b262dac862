package dev.a64w.oracle.llvm;

import static org.bytedeco.llvm.global.LLVM.LLVMCodeGenLevelNone;
import static org.bytedeco.llvm.global.LLVM.LLVMContextCreate;
import static org.bytedeco.llvm.global.LLVM.LLVMContextDispose;
import static org.bytedeco.llvm.global.LLVM.LLVMContextSetDiagnosticHandler;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposeMemoryBuffer;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposeMessage;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposeModule;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposeTargetMachine;
import static org.bytedeco.llvm.global.LLVM.LLVMModuleCreateWithNameInContext;
import static org.bytedeco.llvm.global.LLVM.LLVMObjectFile;
import static org.bytedeco.llvm.global.LLVM.LLVMSetModuleInlineAsm2;
import static org.bytedeco.llvm.global.LLVM.LLVMSetTarget;
import static org.bytedeco.llvm.global.LLVM.LLVMTargetMachineEmitToMemoryBuffer;

import dev.a64w.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.llvm.LLVM.LLVMContextRef;
import org.bytedeco.llvm.LLVM.LLVMMemoryBufferRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMTargetMachineRef;

/**
 * The reference for {@link LlvmMc}'s reuse of one context and module: how it assembled before,
 * with a fresh LLVMContext and module per listing. Tests only.
 */
final class FreshContextMc implements AutoCloseable {
    private final LLVMTargetMachineRef machine = LlvmTarget.createMachine(LLVMCodeGenLevelNone);
    private final Diagnostics diagnostics = new Diagnostics();

    McResult assemble(String listing) {
        diagnostics.begin();
        byte[] text = listing.getBytes(StandardCharsets.UTF_8);
        LLVMContextRef context = LLVMContextCreate();
        LLVMMemoryBufferRef buffer = new LLVMMemoryBufferRef();
        BytePointer emitError = new BytePointer((Pointer) null);
        List<String> errors = new ArrayList<>();
        Bytes object = Bytes.EMPTY;
        try (BytePointer asm = new BytePointer(text.length + 1L)) {
            LLVMContextSetDiagnosticHandler(context, Diagnostics.HANDLER, null);
            LLVMModuleRef module = LLVMModuleCreateWithNameInContext("listing", context);
            try {
                LLVMSetTarget(module, LlvmTarget.TRIPLE);
                asm.put(text).put(text.length, (byte) 0);
                LLVMSetModuleInlineAsm2(module, asm, text.length);
                if (LLVMTargetMachineEmitToMemoryBuffer(machine, module, LLVMObjectFile, emitError, buffer) != 0) {
                    errors.add("emit: " + (emitError.isNull() ? "failed" : emitError.getString()));
                }
                if (!buffer.isNull()) {
                    object = LlvmMc.copy(buffer);
                }
            } finally {
                if (!emitError.isNull()) {
                    LLVMDisposeMessage(emitError);
                }
                if (!buffer.isNull()) {
                    LLVMDisposeMemoryBuffer(buffer);
                }
                LLVMDisposeModule(module);
            }
        } finally {
            LLVMContextDispose(context);
            diagnostics.end();
        }
        errors.addAll(0, diagnostics.errors());
        return new McResult(object, errors, diagnostics.warnings());
    }

    @Override
    public void close() {
        LLVMDisposeTargetMachine(machine);
    }
}
