/**
 * The subject's module compiler: a whole CLIF module to one COFF object ({@link
 * dev.a64w.compile.ModuleBuild}), leaving out the functions the backend does not support or failed on.
 * It is what {@code a64w compile} runs, and what every leg of the harness compiles with; it needs no
 * LLVM and no emulator.
 */
package dev.a64w.compile;
