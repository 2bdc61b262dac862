//! `.xdata`/`.pdata` for Cranelift's Windows ARM64 unwind information, written the way wasmtime
//! writes them for its own Windows code objects (wasmtime's crates/cranelift/src/obj.rs, the
//! `UnwindInfo::WindowsArm64` arm of `UnwindInfoBuilder::push`), so that the harness judges what
//! wasmtime ships:
//!
//! - one `.xdata` record per function, 4-byte aligned: the header word (FunctionLength/4 in bits
//!   0-17, Vers=0, X=0, E=0, Epilog Count=0, Code Words in bits 27-31), an extension word only
//!   when the codes need more than 31 words, then Cranelift's prologue codes as
//!   `UnwindInfo::emit` writes them (reverse order, zero-padded to whole words). No epilogue
//!   scopes and no `end` code: Cranelift describes prologues only.
//! - one `.pdata` entry per function: two words, the function start and the record, each an
//!   IMAGE_REL_ARM64_ADDR32NB relocation (wasmtime makes these text-relative for
//!   RtlAddFunctionTable; in an object for a linker they are image-relative).
//!
//! Wasmtime asks for extension words only when the count exceeds 32 (`code_words > 32`); with
//! exactly 32 its header field would overflow. Here the spec's limit (> 31) is used; Cranelift's
//! prologues need at most a few words, so the two cannot differ on real input.

use cranelift_codegen::isa::unwind::winarm64;
use cranelift_object::object::write::{Object, Relocation, SymbolId};
use cranelift_object::object::{pe, RelocationFlags, SectionKind};

/// One function's unwind information at its symbol.
pub struct FunctionUnwind {
    pub symbol: SymbolId,
    pub length: u32,
    pub info: winarm64::UnwindInfo,
}

/// The header word(s) of an `.xdata` record with no epilogue scopes and no exception data.
pub fn header(function_length: u32, code_words: u32) -> Result<Vec<u8>, String> {
    if function_length % 4 != 0 {
        return Err(format!("function length 0x{function_length:x} is not a multiple of 4"));
    }
    let units = function_length / 4;
    if units >= 1 << 18 {
        return Err(format!("function length 0x{function_length:x} does not fit 18 bits of words"));
    }
    let mut out = Vec::with_capacity(8);
    if code_words < 32 {
        out.extend_from_slice(&(units | (code_words << 27)).to_le_bytes());
    } else {
        out.extend_from_slice(&units.to_le_bytes());
        out.extend_from_slice(&(code_words << 16).to_le_bytes());
    }
    Ok(out)
}

/// The whole `.xdata` record of one function.
pub fn record(function_length: u32, info: &winarm64::UnwindInfo) -> Result<Vec<u8>, String> {
    let words = u32::from(info.code_words());
    let mut out = header(function_length, words)?;
    let mut codes = vec![0u8; words as usize * 4];
    info.emit(&mut codes);
    out.extend_from_slice(&codes);
    Ok(out)
}

/// Adds `.xdata` and `.pdata` for `functions` to `obj` (nothing when the list is empty).
pub fn append(obj: &mut Object<'_>, functions: &[FunctionUnwind]) -> Result<(), String> {
    if functions.is_empty() {
        return Ok(());
    }
    let xdata = obj.add_section(vec![], b".xdata".to_vec(), SectionKind::ReadOnlyData);
    let pdata = obj.add_section(vec![], b".pdata".to_vec(), SectionKind::ReadOnlyData);
    let xdata_symbol = obj.section_symbol(xdata);
    let flags = RelocationFlags::Coff { typ: pe::IMAGE_REL_ARM64_ADDR32NB };
    for f in functions {
        let rec = record(f.length, &f.info)?;
        let at = obj.append_section_data(xdata, &rec, 4);
        let entry = obj.append_section_data(pdata, &[0u8; 8], 4);
        obj.add_relocation(pdata, Relocation { offset: entry, symbol: f.symbol, addend: 0, flags })
            .map_err(|e| e.to_string())?;
        obj.add_relocation(pdata, Relocation { offset: entry + 4, symbol: xdata_symbol, addend: at as i64, flags })
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_fields() {
        // 0x40 bytes = 16 words, 2 code words
        assert_eq!(header(0x40, 2).unwrap(), (16u32 | 2 << 27).to_le_bytes().to_vec());
        // no codes: both counts zero, as wasmtime writes it (the spec reads an extension word then)
        assert_eq!(header(8, 0).unwrap(), 2u32.to_le_bytes().to_vec());
        let ext = header(4, 32).unwrap();
        assert_eq!(ext.len(), 8);
        assert_eq!(u32::from_le_bytes(ext[4..8].try_into().unwrap()), 32 << 16);
        assert!(header(6, 1).is_err());
        assert!(header(1 << 20, 1).is_err());
    }
}
