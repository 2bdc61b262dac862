package dev.a64w.oracle.llvm;

import static org.bytedeco.llvm.global.LLVM.LLVMCodeModelDefault;
import static org.bytedeco.llvm.global.LLVM.LLVMCreateTargetMachine;
import static org.bytedeco.llvm.global.LLVM.LLVMDisposeMessage;
import static org.bytedeco.llvm.global.LLVM.LLVMGetTargetFromTriple;
import static org.bytedeco.llvm.global.LLVM.LLVMInitializeAArch64AsmParser;
import static org.bytedeco.llvm.global.LLVM.LLVMInitializeAArch64AsmPrinter;
import static org.bytedeco.llvm.global.LLVM.LLVMInitializeAArch64Disassembler;
import static org.bytedeco.llvm.global.LLVM.LLVMInitializeAArch64Target;
import static org.bytedeco.llvm.global.LLVM.LLVMInitializeAArch64TargetInfo;
import static org.bytedeco.llvm.global.LLVM.LLVMInitializeAArch64TargetMC;
import static org.bytedeco.llvm.global.LLVM.LLVMRelocDefault;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.llvm.LLVM.LLVMTargetMachineRef;
import org.bytedeco.llvm.LLVM.LLVMTargetRef;

/** The AArch64 Windows target: one-time LLVM initialization and target machine creation. */
final class LlvmTarget {
    static final String TRIPLE = "aarch64-pc-windows-msvc";

    private LlvmTarget() {}

    /** Registers the AArch64 target with LLVM; idempotent (LLVM's registry ignores repeats). */
    static void initialize() {
        LLVMInitializeAArch64TargetInfo();
        LLVMInitializeAArch64Target();
        LLVMInitializeAArch64TargetMC();
        LLVMInitializeAArch64AsmPrinter();
        LLVMInitializeAArch64AsmParser();
        LLVMInitializeAArch64Disassembler();
    }

    /** A target machine for {@link #TRIPLE}, cpu "generic", at the given LLVMCodeGenOptLevel. */
    static LLVMTargetMachineRef createMachine(int optLevel) {
        initialize();
        LLVMTargetRef target = new LLVMTargetRef();
        BytePointer error = new BytePointer((org.bytedeco.javacpp.Pointer) null);
        int failed;
        try (BytePointer triple = new BytePointer(TRIPLE)) {
            failed = LLVMGetTargetFromTriple(triple, target, error);
        }
        if (failed != 0) {
            String msg = error.isNull() ? "?" : error.getString();
            if (!error.isNull()) {
                LLVMDisposeMessage(error);
            }
            throw new OracleException("target " + TRIPLE + ": not available in this LLVM: " + msg);
        }
        LLVMTargetMachineRef tm = LLVMCreateTargetMachine(target, TRIPLE, "generic", "", optLevel,
                LLVMRelocDefault, LLVMCodeModelDefault);
        if (tm == null || tm.isNull()) {
            throw new OracleException("target machine " + TRIPLE + "/generic: LLVMCreateTargetMachine returned null");
        }
        return tm;
    }
}
