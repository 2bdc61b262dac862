/**
 * The IR reducer: takes a valid module and a predicate ("this module still shows the finding"),
 * gives a smaller module for which the predicate still holds ({@link dev.a64w.reduce.Reducer}).
 * Keeps true: every module handed to the predicate verifies, is strictly smaller than the last
 * accepted one ({@link dev.a64w.reduce.Size}) and keeps memory accesses and pointers as they were,
 * so it is not interesting merely through undefined behaviour; the same input and predicate give
 * the same output. {@link dev.a64w.reduce.Renumber} renumbers a module densely;
 * {@link dev.a64w.reduce.Expectations} refreshes run-line expectations after a reduction.
 */
package dev.a64w.reduce;
