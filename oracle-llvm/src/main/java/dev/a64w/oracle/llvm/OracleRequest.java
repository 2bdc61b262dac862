package dev.a64w.oracle.llvm;

import java.util.Objects;

/**
 * One item of a batch ({@link Oracle#runAll}): the same work as the single request of that name,
 * answered with a {@link McResult}.
 */
public sealed interface OracleRequest {
    /** {@link Oracle#assemble}: LLVM MC on {@code listing}. */
    record Assemble(String listing) implements OracleRequest {
        public Assemble {
            Objects.requireNonNull(listing, "listing");
        }
    }

    /** {@link Oracle#compileIr}: LLVM's code generator on {@code llvmIr} at {@code level}. */
    record CompileIr(String llvmIr, LlvmCodegen.OptLevel level) implements OracleRequest {
        public CompileIr {
            Objects.requireNonNull(llvmIr, "llvmIr");
            Objects.requireNonNull(level, "level");
        }
    }
}
