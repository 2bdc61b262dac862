/**
 * CLIF text: {@link dev.a64w.ir.text.Lexer}, {@link dev.a64w.ir.text.Parser}, {@link dev.a64w.ir.text.Printer}.
 *
 * <p>Takes the text of a {@code .clif} file in the supported subset of Cranelift's format (plus the
 * comment directives {@code ; import:}, {@code ; data:}, {@code ; rodata:}, and Cranelift's
 * {@code ; run}); gives a {@link dev.a64w.ir.Module}. The printer gives canonical text back.
 *
 * <p>Keeps true: the parser throws only {@link dev.a64w.ir.text.ParseException} (1-based line and
 * column); a function that uses a Cranelift feature outside the subset (types other than
 * i8..i64, instructions we do not model, vmctx, user names, parameter attributes other than
 * {@code uext}/{@code sext}, big-endian accesses) becomes a {@link dev.a64w.ir.SkippedFunction} and
 * the rest of the file still parses; {@code parse(print(m))} equals {@code m} up to run-line line
 * numbers. Value aliases ({@code v1 -> v0}) are resolved while reading (an alias must precede its
 * uses), so the model and the printed text have none. The parser checks
 * syntax and what it needs for type inference only; types, definitions and references are the
 * verifier's job (so a bad function can still be parsed and diagnosed). An explicit type suffix is
 * the controlling type, as in Cranelift: on an instruction that takes none ({@code call},
 * {@code jump}, {@code return}...) it is a parse error at the suffix; on one controlled by an
 * operand and without a model type (stores, {@code icmp}, {@code brif}, {@code trapz}...) it is
 * dropped when it equals the operand's type (checked once the function is read, so forward
 * references work) and otherwise kept in the model for the verifier to reject.
 *
 * <p>Run lines: {@code ; run} (no colon) and {@code ; run: %f(args)} without a comparison mean
 * "returns nonzero" as in Cranelift's reader, i.e. {@code != 0}. A run line's values are read with
 * the types of the function it names (which may come later in the file): floats as Cranelift's
 * float literals ({@link dev.a64w.ir.text.FloatLiterals}) into raw bits, the rest as integers.
 * Values of other kinds (vectors, i128, f16, f128) can only occur for skipped functions; those
 * lines keep their function name with empty argument and expected lists.
 */
package dev.a64w.ir.text;
