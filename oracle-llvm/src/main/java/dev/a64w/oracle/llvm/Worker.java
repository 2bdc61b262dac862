package dev.a64w.oracle.llvm;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * The worker process: {@code java -cp <classpath> dev.a64w.oracle.llvm.Worker}, started by
 * {@link OracleClient}. Loads LLVM, says hello, then serves {@link Protocol} requests from stdin
 * with a {@link LocalOracle} until stdin closes (a batch item by item, each answer flushed as it is
 * ready). Its stdout carries only protocol frames:
 * {@code System.out} is pointed at stderr before anything else runs.
 */
public final class Worker {
    /**
     * Stack of the thread that runs LLVM. LLVM's code generator recurses with the size of the
     * function: the 1 MiB-plus function of corpus/adversarial/long_branches.clif needs more than
     * 4 MiB at O2 and died with SIGSEGV on a 4 MiB stack (it compiles in 7 s on this one). The
     * memory is only reserved; pages are touched as the recursion goes.
     */
    static final long LLVM_STACK_BYTES = 1L << 30;

    private Worker() {}

    public static void main(String[] args) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread llvm = new Thread(null, () -> {
            try {
                serveAll();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "a64w-llvm", LLVM_STACK_BYTES);
        llvm.start();
        llvm.join();
        if (failure[0] instanceof Exception e) throw e;
        if (failure[0] instanceof Error e) throw e;
    }

    private static void serveAll() throws IOException {
        DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        try (LocalOracle oracle = new LocalOracle()) {
            out.writeInt(Protocol.MAGIC);
            out.writeByte(Protocol.OK);
            out.writeLong(ProcessHandle.current().pid());
            out.flush();
            serve(oracle, in, out);
        }
    }

    private static void serve(LocalOracle oracle, DataInputStream in, DataOutputStream out) throws IOException {
        while (true) {
            byte op;
            try {
                op = in.readByte();
            } catch (EOFException e) {
                return; // parent closed stdin: orderly shutdown
            }
            boolean fatal = op == Protocol.OP_RUN_ALL ? serveBatch(oracle, in, out) : serveOne(oracle, op, in, out);
            if (fatal) {
                return;
            }
        }
    }

    /** The work of one frame; may throw what ends the worker (IOException: the stream is broken). */
    @FunctionalInterface
    private interface Work {
        WorkerResult<?> run() throws IOException;
    }

    private static boolean serveOne(LocalOracle oracle, byte op, DataInputStream in, DataOutputStream out)
            throws IOException {
        return answer(op, out, () -> switch (op) {
            case Protocol.OP_PING -> oracle.ping();
            case Protocol.OP_ASSEMBLE -> oracle.assemble(Protocol.readString(in));
            case Protocol.OP_DISASSEMBLE -> oracle.disassemble(Protocol.readWords(in));
            case Protocol.OP_COMPILE_IR -> {
                String ir = Protocol.readString(in);
                yield oracle.compileIr(ir, Protocol.readOptLevel(in));
            }
            case Protocol.OP_CRASH -> {
                System.err.println("worker: crash requested, aborting via LLVM");
                NativeCrash.abortViaLlvm();
                yield new WorkerResult.Failed<>("crash: still alive");
            }
            default -> throw new IOException("protocol: unknown " + Protocol.opName(op));
        });
    }

    /** A batch: reads all of it, then answers item by item, each frame flushed when ready. */
    private static boolean serveBatch(LocalOracle oracle, DataInputStream in, DataOutputStream out) throws IOException {
        List<OracleRequest> requests;
        try {
            requests = Protocol.readRequests(in);
        } catch (IOException | RuntimeException e) {
            return answer(Protocol.OP_RUN_ALL, out, () -> {
                throw e instanceof IOException io ? io : new IOException(e);
            });
        }
        for (OracleRequest r : requests) {
            if (answer(Protocol.OP_RUN_ALL, out, () -> oracle.run(r))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code work} and writes its frame, flushed. An exception becomes a FAILED frame, or a FATAL one
     * (then this returns true and the worker ends) if it broke the stream (IOException) or the JVM (Error).
     */
    private static boolean answer(byte op, DataOutputStream out, Work work) throws IOException {
        boolean fatal = false;
        try {
            WorkerResult<?> result = work.run();
            out.writeInt(Protocol.MAGIC);
            writeResult(out, op, result);
        } catch (IOException | RuntimeException | Error e) {
            fatal = e instanceof IOException || e instanceof Error;
            out.writeInt(Protocol.MAGIC);
            out.writeByte(fatal ? Protocol.FATAL : Protocol.FAILED);
            Protocol.writeString(out, Protocol.opName(op) + ": " + e);
            e.printStackTrace();
        }
        out.flush();
        return fatal;
    }

    @SuppressWarnings("unchecked")
    private static void writeResult(DataOutputStream out, byte op, WorkerResult<?> result) throws IOException {
        switch (result) {
            case WorkerResult.Ok<?>(Object value) -> {
                out.writeByte(Protocol.OK);
                switch (op) {
                    case Protocol.OP_PING -> out.writeLong((Long) value);
                    case Protocol.OP_ASSEMBLE, Protocol.OP_COMPILE_IR, Protocol.OP_RUN_ALL ->
                            Protocol.writeMcResult(out, (McResult) value);
                    case Protocol.OP_DISASSEMBLE -> Protocol.writeDisassembly(out,
                            (List<java.util.Optional<String>>) value);
                    default -> throw new IOException("protocol: no value for " + Protocol.opName(op));
                }
            }
            case WorkerResult.Failed<?>(String message) -> {
                out.writeByte(Protocol.FAILED);
                Protocol.writeString(out, message);
            }
            case WorkerResult.Crashed<?>(String detail) -> {
                out.writeByte(Protocol.FAILED);
                Protocol.writeString(out, "in-process oracle reported a crash: " + detail);
            }
        }
    }
}
