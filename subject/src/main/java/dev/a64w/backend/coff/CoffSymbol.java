package dev.a64w.backend.coff;

import dev.a64w.backend.CompileException;

/**
 * A named symbol in the model. Section symbols (STATIC, with a section-definition aux record) are
 * not listed here: every section has exactly one, the layout puts them first, and relocations
 * refer to them with {@link CoffRelocation.SectionSymbol}.
 */
public sealed interface CoffSymbol {
    String name();

    /** A symbol defined at {@code value} in section {@code section} (0-based). */
    record Defined(String name, int section, int value, int type, int storageClass) implements CoffSymbol {
        public Defined {
            checkName(name);
            if (section < 0) throw new CompileException("symbol " + name + ": section " + section + " is negative");
            if (storageClass != Coff.IMAGE_SYM_CLASS_EXTERNAL && storageClass != Coff.IMAGE_SYM_CLASS_STATIC
                    && storageClass != Coff.IMAGE_SYM_CLASS_LABEL) {
                throw new CompileException("symbol " + name + ": storage class " + storageClass + " not EXTERNAL/STATIC/LABEL");
            }
            checkType(name, type);
        }
    }

    /** An undefined EXTERNAL symbol (section number 0, value 0), resolved by the linker. */
    record Undefined(String name, int type) implements CoffSymbol {
        public Undefined {
            checkName(name);
            checkType(name, type);
        }
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) throw new CompileException("bad symbol name '" + name + "'");
    }

    private static void checkType(String name, int type) {
        if (type != Coff.IMAGE_SYM_TYPE_NULL && type != Coff.IMAGE_SYM_DTYPE_FUNCTION) {
            throw new CompileException("symbol " + name + ": type 0x" + Integer.toHexString(type) + " not 0 or 0x20");
        }
    }
}
