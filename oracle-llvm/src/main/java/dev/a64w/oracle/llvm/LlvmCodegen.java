package dev.a64w.oracle.llvm;

import static org.bytedeco.llvm.global.LLVM.LLVMCodeGenLevelDefault;
import static org.bytedeco.llvm.global.LLVM.LLVMCodeGenLevelNone;
import static org.bytedeco.llvm.global.LLVM.LLVMContextCreate;
import static org.bytedeco.llvm.global.LLVM.LLVMContextDispose;
import static org.bytedeco.llvm.global.LLVM.LLVMContextSetDiagnosticHandler;
import static org.bytedeco.llvm.global.LLVM.LLVMCreateMemoryBufferWithMemoryRangeCopy;
import static org.bytedeco.llvm.global.LLVM.LLVMCreatePassBuilderOptions;
import static org.bytedeco.llvm.global.LLVM.LLVMCreateTargetDataLayout;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposeErrorMessage;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposeMemoryBuffer;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposeMessage;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposeModule;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposePassBuilderOptions;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposeTargetData;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposeTargetMachine;
import static org.bytedeco.llvm.global.LLVM.LLVMGetErrorMessage;
import static org.bytedeco.llvm.global.LLVM.LLVMObjectFile;
import static org.bytedeco.llvm.global.LLVM.LLVMParseIRInContext;
import static org.bytedeco.llvm.global.LLVM.LLVMReturnStatusAction;
import static org.bytedeco.llvm.global.LLVM.LLVMRunPasses;
import static org.bytedeco.llvm.global.LLVM.LLVMSetModuleDataLayout;
import static org.bytedeco.llvm.global.LLVM.LLVMSetTarget;
import static org.bytedeco.llvm.global.LLVM.LLVMTargetMachineEmitToMemoryBuffer;
import static org.bytedeco.llvm.global.LLVM.LLVMVerifyModule;

import dev.a64w.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.llvm.LLVM.LLVMContextRef;
import org.bytedeco.llvm.LLVM.LLVMErrorRef;
import org.bytedeco.llvm.LLVM.LLVMMemoryBufferRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMPassBuilderOptionsRef;
import org.bytedeco.llvm.LLVM.LLVMTargetDataRef;
import org.bytedeco.llvm.LLVM.LLVMTargetMachineRef;

/**
 * LLVM's own code generator, in process: textual LLVM IR -> (optionally {@code default<O2>}) ->
 * COFF object for {@code aarch64-pc-windows-msvc}, cpu "generic". The module's triple and data
 * layout are set to the target's. Parse and verifier failures, pass-pipeline errors and backend
 * diagnostics come back in {@link McResult#errors()} (the object is then empty or partial).
 * Instruction-selection failures ({@code Cannot select}) abort the process: untrusted IR goes
 * through {@link OracleClient#compileIr}. One target machine per level is reused; each call gets a
 * fresh LLVMContext. Calls are serialized on this instance.
 */
public final class LlvmCodegen implements AutoCloseable {
    /** LLVM optimization level: O0 (no passes, fast isel) or O2 ({@code default<O2>}, codegen -O2). */
    public enum OptLevel { O0, O2 }

    private final LLVMTargetMachineRef machineO0;
    private final LLVMTargetMachineRef machineO2;
    private final LLVMPassBuilderOptionsRef passOptions;
    private final Diagnostics diagnostics = new Diagnostics();
    private boolean closed;

    public LlvmCodegen() {
        Diagnostics.checkHandler();
        this.machineO0 = LlvmTarget.createMachine(LLVMCodeGenLevelNone);
        this.machineO2 = LlvmTarget.createMachine(LLVMCodeGenLevelDefault);
        this.passOptions = LLVMCreatePassBuilderOptions();
    }

    /** Compiles {@code llvmIr}; never throws for bad IR (see {@link McResult#errors()}). */
    public synchronized McResult compile(String llvmIr, OptLevel level) {
        if (closed) {
            throw new OracleException("LlvmCodegen: used after close");
        }
        LLVMTargetMachineRef machine = level == OptLevel.O2 ? machineO2 : machineO0;
        List<String> errors = new ArrayList<>();
        Bytes object = Bytes.EMPTY;
        byte[] text = llvmIr.getBytes(StandardCharsets.UTF_8);
        diagnostics.begin();
        LLVMContextRef context = LLVMContextCreate();
        try (BytePointer ir = new BytePointer(text.length + 1L); BytePointer name = new BytePointer("ir")) {
            LLVMContextSetDiagnosticHandler(context, Diagnostics.HANDLER, null);
            ir.put(text).put(text.length, (byte) 0);
            // LLVMParseIRInContext takes ownership of the buffer, on success and on failure
            LLVMMemoryBufferRef source = LLVMCreateMemoryBufferWithMemoryRangeCopy(ir, text.length, name);
            LLVMModuleRef module = new LLVMModuleRef();
            BytePointer message = new BytePointer((Pointer) null);
            if (LLVMParseIRInContext(context, source, module, message) != 0) {
                errors.add("parse: " + take(message));
            } else {
                try {
                    object = compileModule(module, machine, level, errors);
                } finally {
                    LLVMDisposeModule(module);
                }
            }
        } finally {
            LLVMContextDispose(context);
            diagnostics.end();
        }
        errors.addAll(diagnostics.errors());
        return new McResult(object, errors, diagnostics.warnings());
    }

    private Bytes compileModule(LLVMModuleRef module, LLVMTargetMachineRef machine, OptLevel level,
            List<String> errors) {
        LLVMSetTarget(module, LlvmTarget.TRIPLE);
        LLVMTargetDataRef layout = LLVMCreateTargetDataLayout(machine);
        LLVMSetModuleDataLayout(module, layout);
        LLVMDisposeTargetData(layout);
        BytePointer message = new BytePointer((Pointer) null);
        if (LLVMVerifyModule(module, LLVMReturnStatusAction, message) != 0) {
            errors.add("verify: " + take(message));
            return Bytes.EMPTY;
        }
        take(message);
        if (level == OptLevel.O2) {
            LLVMErrorRef err = LLVMRunPasses(module, "default<O2>", machine, passOptions);
            if (err != null && !err.isNull()) {
                BytePointer m = LLVMGetErrorMessage(err);
                errors.add("passes: " + m.getString());
                LLVMDisposeErrorMessage(m);
                return Bytes.EMPTY;
            }
        }
        LLVMMemoryBufferRef buffer = new LLVMMemoryBufferRef();
        BytePointer emitMessage = new BytePointer((Pointer) null);
        int failed = LLVMTargetMachineEmitToMemoryBuffer(machine, module, LLVMObjectFile, emitMessage, buffer);
        try {
            if (failed != 0) {
                errors.add("emit: " + take(emitMessage));
            }
            return buffer.isNull() ? Bytes.EMPTY : LlvmMc.copy(buffer);
        } finally {
            if (!buffer.isNull()) {
                LLVMDisposeMemoryBuffer(buffer);
            }
        }
    }

    /** The message LLVM allocated (disposed here), or "" if none. */
    private static String take(BytePointer message) {
        if (message.isNull()) {
            return "";
        }
        String s = message.getString().strip();
        LLVMDisposeMessage(message);
        return s;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LLVMDisposeTargetMachine(machineO0);
            LLVMDisposeTargetMachine(machineO2);
            LLVMDisposePassBuilderOptions(passOptions);
        }
    }
}
