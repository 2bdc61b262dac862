/**
 * Module emission: one COFF object plus its assembler listing.
 *
 * <p>Takes the IR {@link dev.a64w.ir.Module} (for its data objects) and the code generator's
 * {@link dev.a64w.backend.CompiledFunction}s in text order. Gives
 * {@link dev.a64w.backend.emit.EmittedModule}: the object bytes (through the coff and unwind
 * packages) and a listing, printed only when asked for, that LLVM MC assembles to the same .text
 * bytes, relocations and section alignment and to unwind data of the same meaning.
 *
 * <p>Keeps true: object and listing are derived from the same inputs by the same placement rules
 * (functions 4-aligned, data objects at their alignment); every referenced name that is not defined
 * becomes an undefined EXTERNAL symbol; output is deterministic.
 */
package dev.a64w.backend.emit;
