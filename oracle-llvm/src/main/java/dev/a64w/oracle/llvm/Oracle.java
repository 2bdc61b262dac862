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

    /**
     * Several requests in one: item {@code i} of the answer is what the single request would have
     * answered for item {@code i} of {@code requests}, byte for byte, with the round trip to the
     * worker paid once instead of per item. Every item gets its own result: an assembler error stays
     * in its item's {@link McResult}, and a crash is the {@code Crashed} result of the item that was
     * running (the items after it run on a fresh worker).
     */
    List<WorkerResult<McResult>> runAll(List<? extends OracleRequest> requests);

    /** {@link #assemble} on each listing, as one {@link #runAll} batch. */
    default List<WorkerResult<McResult>> assembleMany(List<String> listings) {
        return runAll(listings.stream().map(OracleRequest.Assemble::new).toList());
    }

    /** {@link #compileIr} of the same IR at each level, as one {@link #runAll} batch. */
    default List<WorkerResult<McResult>> compileIrLevels(String llvmIr, List<LlvmCodegen.OptLevel> levels) {
        return runAll(levels.stream().map(level -> new OracleRequest.CompileIr(llvmIr, level)).toList());
    }

    /** Each word disassembled as {@link Disassembler} does; empty where it is no instruction. */
    WorkerResult<List<Optional<String>>> disassemble(int[] words);

    @Override
    void close();
}
