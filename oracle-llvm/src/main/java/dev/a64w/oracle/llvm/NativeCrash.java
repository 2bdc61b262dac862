package dev.a64w.oracle.llvm;

import static org.bytedeco.llvm.global.LLVM.LLVMContextCreate;
import static org.bytedeco.llvm.global.LLVM.LLVMCreateMemoryBufferWithMemoryRangeCopy;
import static org.bytedeco.llvm.global.LLVM.LLVMObjectFile;
import static org.bytedeco.llvm.global.LLVM.LLVMParseIRInContext;
import static org.bytedeco.llvm.global.LLVM.LLVMTargetMachineEmitToMemoryBuffer;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.llvm.LLVM.LLVMContextRef;
import org.bytedeco.llvm.LLVM.LLVMMemoryBufferRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMTargetMachineRef;

/**
 * Kills this process the way a real LLVM bug does: an x86 intrinsic compiled for AArch64 makes
 * instruction selection call {@code report_fatal_error("Cannot select: ...")}, which prints
 * {@code LLVM ERROR} to stderr and calls {@code abort()} (SIGABRT, exit status 134). Only the
 * worker's test-only {@code crash} request uses it.
 */
final class NativeCrash {
    static final String IR = """
            target triple = "aarch64-pc-windows-msvc"
            declare void @llvm.x86.sse2.pause()
            define void @crash() {
              call void @llvm.x86.sse2.pause()
              ret void
            }
            """;

    private NativeCrash() {}

    /** Does not return normally; throws only if LLVM unexpectedly survives. */
    static void abortViaLlvm() {
        LLVMTargetMachineRef tm = LlvmTarget.createMachine(0);
        LLVMContextRef context = LLVMContextCreate();
        LLVMMemoryBufferRef buffer = LLVMCreateMemoryBufferWithMemoryRangeCopy(IR, IR.length(), "crash");
        LLVMModuleRef module = new LLVMModuleRef();
        BytePointer error = new BytePointer((Pointer) null);
        if (LLVMParseIRInContext(context, buffer, module, error) != 0) {
            throw new OracleException("crash IR: does not parse: " + (error.isNull() ? "?" : error.getString()));
        }
        LLVMTargetMachineEmitToMemoryBuffer(tm, module, LLVMObjectFile, error, new LLVMMemoryBufferRef());
        throw new OracleException("crash IR: LLVM compiled an x86 intrinsic for AArch64 without aborting");
    }
}
