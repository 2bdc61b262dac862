/**
 * COFF object files for {@code aarch64-pc-windows-msvc}, in three stages.
 *
 * <p>Takes sections (bytes, flags, alignment), named symbols and relocations, assembled into an
 * immutable {@link dev.a64w.backend.coff.CoffObject} inside a builder lambda. Gives a pure
 * {@link dev.a64w.backend.coff.Layout} (every file offset and derived header field) and the bytes
 * from {@link dev.a64w.backend.coff.CoffWriter}, plus the single mapping from the backend's neutral
 * relocation kinds to IMAGE_REL_ARM64_* ({@link dev.a64w.backend.coff.Arm64Relocations}).
 *
 * <p>Keeps true: every cross reference in the model is valid (checked when it is constructed);
 * the writer lands every part at the layout's offset or fails; TimeDateStamp 0 and model order
 * everywhere, so equal models give equal bytes; each section has exactly one section symbol with
 * a section-definition aux record, ALIGN_* is derived from the alignment, long names go to the
 * string table, 0xFFFF or more relocations use NRELOC_OVFL.
 */
package dev.a64w.backend.coff;
