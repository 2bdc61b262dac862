package dev.a64w.oracle.llvm;

import java.util.List;

/**
 * Manual measurement (not a test): per-call times of assemble and disassemble, in process and
 * through the worker. Run with the test classpath:
 * {@code java --enable-native-access=ALL-UNNAMED -cp ... dev.a64w.oracle.llvm.OracleBenchmark}.
 */
public final class OracleBenchmark {
    private OracleBenchmark() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        String listing = LlvmMcTest.LISTING;
        int[] words = new int[64];
        for (int i = 0; i < words.length; i++) {
            words[i] = List.of(0xd65f03c0, 0xa9bf7bfd, 0xa8c17bfd, 0x910003fd).get(i % 4);
        }
        try (LocalOracle local = new LocalOracle(); OracleClient client = new OracleClient()) {
            long t0 = System.nanoTime();
            client.ping().orElseThrow();
            System.out.printf("worker start + first ping: %.1f ms%n", (System.nanoTime() - t0) / 1e6);
            for (Oracle o : List.of(local, client)) {
                String name = o.getClass().getSimpleName();
                for (int round = 0; round < 2; round++) {
                    long t = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        o.assemble(listing).orElseThrow();
                    }
                    double asm = (System.nanoTime() - t) / 1e3 / n;
                    t = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        o.ping().orElseThrow();
                    }
                    double ping = (System.nanoTime() - t) / 1e3 / n;
                    t = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        o.disassemble(words).orElseThrow();
                    }
                    double dis = (System.nanoTime() - t) / 1e3 / n / words.length;
                    t = System.nanoTime();
                    for (int i = 0; i < n / 10; i++) {
                        o.compileIr(LlvmCodegenTest.IR, LlvmCodegen.OptLevel.O0).orElseThrow();
                    }
                    double o0 = (System.nanoTime() - t) / 1e3 / (n / 10);
                    t = System.nanoTime();
                    for (int i = 0; i < n / 10; i++) {
                        o.compileIr(LlvmCodegenTest.IR, LlvmCodegen.OptLevel.O2).orElseThrow();
                    }
                    double o2 = (System.nanoTime() - t) / 1e3 / (n / 10);
                    System.out.printf("%s round %d: compileIr O0 %.1f us, O2 %.1f us%n", name, round, o0, o2);
                    System.out.printf("%s round %d: assemble (%d-line listing) %.1f us/call, ping %.1f us, "
                            + "disassemble %.2f us/word (batches of %d)%n",
                            name, round, listing.split("\n").length, asm, ping, dis, words.length);
                }
            }
        }
    }
}
