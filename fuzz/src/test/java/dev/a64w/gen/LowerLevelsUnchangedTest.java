package dev.a64w.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.a64w.ir.text.Printer;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The levels below {@code floats} draw exactly as they did before the float level grew atomics,
 * big-endian accesses, narrow float-to-integer conversions and float-only call pressure: the
 * printed text of their first 300 seeded modules hashes to the SHA-256 recorded when those features
 * were added (computed on the generator of commit df13e15, before the change). A change to what
 * {@code skeleton}, {@code integer} or {@code large} generate fails here: it would change their
 * goldens, seeded tests and campaigns (a seed would no longer name the same cases).
 */
@Epic("fuzz")
@Feature("generator")
class LowerLevelsUnchangedTest {
    private static final int SEEDS = 300;

    @ParameterizedTest
    @CsvSource({
            "skeleton, 558dfcb39fac09aaa5e98abb94d0323975a2cb21d31bd0e35adfdeec9af4857c",
            "integer, b283e4d781a248a641fb0d5f93c1709cb672817f2a5dfa1887893237d6ef754d",
            "large, f2bee475a469245a3ede8aed4cc183533cfd383439936920e950e3e7106e7602",
    })
    void firstModulesAreByteIdenticalToBefore(String level, String expected) throws NoSuchAlgorithmException {
        GeneratorConfig cfg = switch (level) {
            case "skeleton" -> GeneratorConfig.skeleton();
            case "integer" -> GeneratorConfig.integer();
            case "large" -> GeneratorConfig.integerLarge();
            default -> throw new IllegalArgumentException(level);
        };
        assertEquals(expected, digest(new Generator(cfg), SEEDS), level + ": the first " + SEEDS + " modules changed");
    }

    /** SHA-256 over the printed modules of seeds {@code 0..seeds-1}, each followed by its entry and inputs. */
    static String digest(Generator gen, int seeds) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (long seed = 0; seed < seeds; seed++) {
            GeneratedCase c = gen.generate(new SeededSource(seed));
            md.update(Printer.print(c.module()).getBytes(StandardCharsets.UTF_8));
            md.update((c.entry() + " " + c.inputs() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
