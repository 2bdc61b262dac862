package dev.a64w.bench;

import dev.a64w.compile.ModuleBuild;
import dev.a64w.fuzz.CaseSeeds;
import dev.a64w.gen.Generator;
import dev.a64w.gen.GeneratorConfig;
import dev.a64w.gen.SeededSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identity check for changes that must not alter the subject's output: prints one line per bench
 * module ({@code seed case sha256}) over its object bytes, its listing and the functions left out
 * (unsupported or failed, with their reasons), then one line over all of them. Run before and after
 * a change and compare the files.
 *
 * <p>Usage: {@code SubjectDigests CASES SEED...} (the modules {@code a64w bench} and {@code a64w
 * fuzz} make for those seeds), e.g. after {@code mvn -o -q -pl fuzz -am test-compile} and {@code
 * ./a64w --help} (which writes the class path), with a Java 21 or newer {@code java}: {@code java -cp
 * fuzz/target/test-classes:fuzz/target/classes:$(cat fuzz/target/classpath.txt)
 * dev.a64w.bench.SubjectDigests 300 7 8 > digests.txt}.
 */
public final class SubjectDigests {
    private SubjectDigests() {}

    public static void main(String[] args) throws NoSuchAlgorithmException {
        int cases = Integer.parseInt(args[0]);
        Generator generator = new Generator(GeneratorConfig.integer());
        MessageDigest all = MessageDigest.getInstance("SHA-256");
        for (int a = 1; a < args.length; a++) {
            long seed = Long.parseLong(args[a]);
            for (int i = 0; i < cases; i++) {
                var module = generator.generate(new SeededSource(CaseSeeds.of(seed, i))).module();
                MessageDigest one = MessageDigest.getInstance("SHA-256");
                try {
                    ModuleBuild b = ModuleBuild.of(module);
                    one.update(b.object().toArray());
                    one.update(text("\0" + b.listing() + "\0" + b.unsupported() + "\0" + b.failed()));
                } catch (RuntimeException e) {
                    one.update(text("threw " + e));
                }
                byte[] d = one.digest();
                all.update(d);
                System.out.println(seed + " " + i + " " + HexFormat.of().formatHex(d));
            }
        }
        System.out.println("all " + HexFormat.of().formatHex(all.digest()));
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
