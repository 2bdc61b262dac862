package dev.a64w.oracle.llvm;

import java.util.List;
import java.util.Optional;

/**
 * The LLVM oracle's requests. {@link OracleClient} serves them from a worker process (crash-safe,
 * what the fuzzer uses); {@link LocalOracle} in this process (fast, for unit tests and trusted
 * input). Implementations serialize calls; use one instance per thread for parallelism.
 */
public interface Oracle extends AutoCloseable {
    /** The pid of the process that serves requests (a liveness check). */
    WorkerResult<Long> ping();

    /** LLVM MC on {@code listing}; assembler errors are inside the {@link McResult}. */
    WorkerResult<McResult> assemble(String listing);

    /** LLVM's code generator on textual LLVM IR (see {@link LlvmCodegen}). */
    WorkerResult<McResult> compileIr(String llvmIr, LlvmCodegen.OptLevel level);

    /** Each word disassembled as {@link Disassembler} does; empty where it is no instruction. */
    WorkerResult<List<Optional<String>>> disassemble(int[] words);

    @Override
    void close();
}
