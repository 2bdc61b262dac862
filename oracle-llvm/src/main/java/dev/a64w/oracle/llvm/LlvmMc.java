package dev.a64w.oracle.llvm;

import static org.bytedeco.llvm.global.LLVM.LLVMCodeGenLevelNone;
import static org.bytedeco.llvm.global.LLVM.LLVMContextCreate;
import static org.bytedeco.llvm.global.LLVM.LLVMContextDispose;
import static org.bytedeco.llvm.global.LLVM.LLVMContextSetDiagnosticHandler;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposeMemoryBuffer;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposeMessage;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposeModule;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposeTargetMachine;
import static org.bytedeco.llvm.global.LLVM.LLVMGetBufferSize;
import static org.bytedeco.llvm.global.LLVM.LLVMGetBufferStart;
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
 * LLVM MC in process: assembles an AArch64 listing (LLVM assembler syntax, {@code .seh_*}
 * directives allowed) to a COFF object for {@code aarch64-pc-windows-msvc}. The listing becomes
 * the module-level inline asm of an otherwise empty module, so the object also carries the
 * {@code @feat.00} and {@code .file} symbols that standalone llvm-mc would not add.
 *
 * <p>Diagnostics are collected, never printed: a bad listing gives {@link McResult#errors()}
 * (the emit call itself reports success). What can be made once is made once per instance: the
 * target machine, the LLVMContext and the empty module, whose inline asm is replaced by each
 * listing in turn (each emit builds its own MC context, streamer and object, so one listing
 * cannot leak into the next: the objects are byte for byte those of a fresh context). That saves
 * little: LLVM's own cost is a fixed ~0.1 ms per emit (the code generator's pass pipeline, built
 * inside {@code LLVMTargetMachineEmitToMemoryBuffer}, out of the C API's reach) plus several
 * microseconds per line in the AArch64 operand parser ({@code dev.a64w.bench.LlvmFloor}
 * measures both). Calls are serialized on this instance; {@link #close()} frees it all.
 * LLVM fatal errors still kill the process: run untrusted input through {@link OracleClient}.
 */
public final class LlvmMc implements AutoCloseable {
    private final LLVMTargetMachineRef machine;
    private final LLVMContextRef context;
    private final LLVMModuleRef module;
    private final Diagnostics diagnostics = new Diagnostics();
    private boolean closed;

    public LlvmMc() {
        Diagnostics.checkHandler();
        this.machine = LlvmTarget.createMachine(LLVMCodeGenLevelNone);
        this.context = LLVMContextCreate();
        LLVMContextSetDiagnosticHandler(context, Diagnostics.HANDLER, null);
        this.module = LLVMModuleCreateWithNameInContext("listing", context);
        LLVMSetTarget(module, LlvmTarget.TRIPLE);
    }

    /** Assembles {@code listing}; never throws for assembler errors (see {@link McResult}). */
    public synchronized McResult assemble(String listing) {
        if (closed) {
            throw new OracleException("LlvmMc: used after close");
        }
        byte[] text = listing.getBytes(StandardCharsets.UTF_8);
        List<String> errors = new ArrayList<>();
        Bytes object = Bytes.EMPTY;
        LLVMMemoryBufferRef buffer = new LLVMMemoryBufferRef();
        BytePointer emitError = new BytePointer((Pointer) null);
        diagnostics.begin();
        try (BytePointer asm = new BytePointer(text.length + 1L)) {
            asm.put(text).put(text.length, (byte) 0);
            LLVMSetModuleInlineAsm2(module, asm, text.length);
            int failed = LLVMTargetMachineEmitToMemoryBuffer(machine, module, LLVMObjectFile, emitError, buffer);
            if (failed != 0) {
                errors.add("emit: " + (emitError.isNull() ? "failed" : emitError.getString()));
            }
            if (!buffer.isNull()) {
                object = copy(buffer);
            }
        } finally {
            // the module keeps no listing between calls (nor its memory)
            LLVMSetModuleInlineAsm2(module, "", 0);
            if (!emitError.isNull()) {
                LLVMDisposeMessage(emitError);
            }
            if (!buffer.isNull()) {
                LLVMDisposeMemoryBuffer(buffer);
            }
            diagnostics.end();
        }
        errors.addAll(0, diagnostics.errors());
        return new McResult(object, errors, diagnostics.warnings());
    }

    static Bytes copy(LLVMMemoryBufferRef buffer) {
        long size = LLVMGetBufferSize(buffer);
        if (size > Integer.MAX_VALUE - 16) {
            throw new OracleException("object buffer: " + size + " bytes, larger than a Java array");
        }
        byte[] bytes = new byte[(int) size];
        LLVMGetBufferStart(buffer).capacity(size).get(bytes);
        return Bytes.of(bytes);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LLVMDisposeModule(module);
            LLVMContextDispose(context);
            LLVMDisposeTargetMachine(machine);
        }
    }
}
