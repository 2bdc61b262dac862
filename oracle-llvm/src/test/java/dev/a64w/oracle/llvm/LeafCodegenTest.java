package dev.a64w.oracle.llvm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the semantics tests of the LLVM leg share: a translator, LLVM's code generator and a {@link
 * LeafRunner} (one per test class, opened before its tests and closed after), so each test class
 * translates CLIF, compiles it at O0/O2 and runs it on the emulator against the interpreter.
 */
abstract class LeafCodegenTest {
    static LlvmCodegen codegen;
    static LeafRunner runner;
    final IrToLlvm translator = new IrToLlvm();

    @BeforeAll
    static void open() {
        codegen = new LlvmCodegen();
        runner = new LeafRunner();
    }

    @AfterAll
    static void close() {
        codegen.close();
        runner.close();
    }
}
