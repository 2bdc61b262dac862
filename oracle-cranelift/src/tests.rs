//! Driver tests on small modules: objects, trap tables, unwind sections, errors and panics.

use crate::driver::{compile, DriverError, Variant};
use crate::panics;

const NONE: Variant = Variant { opt_speed: false, pic: false };

fn section_names(obj: &[u8]) -> Vec<String> {
    assert_eq!(u16::from_le_bytes([obj[0], obj[1]]), 0xaa64, "machine");
    let n = u16::from_le_bytes([obj[2], obj[3]]) as usize;
    (0..n)
        .map(|i| {
            let raw = &obj[20 + 40 * i..20 + 40 * i + 8];
            String::from_utf8_lossy(raw).trim_end_matches('\0').to_string()
        })
        .collect()
}

const DIV: &str = "function %div(i64, i64) -> i64 {\nblock0(v0: i64, v1: i64):\n    v2 = udiv v0, v1\n    return v2\n}\n";

#[test]
fn compiles_with_unwind_sections_and_trap_table() {
    for variant in [NONE, Variant { opt_speed: true, pic: false }] {
        let c = compile(DIV, variant).unwrap();
        let names = section_names(&c.object);
        assert!(names.contains(&".text".to_string()), "{names:?}");
        assert!(names.contains(&".xdata".to_string()) && names.contains(&".pdata".to_string()), "{names:?}");
        assert!(c.traps.iter().any(|t| t.function == "div" && t.code == "int_divz"), "{:?}", c.traps);
    }
}

#[test]
fn cranelift_object_alone_writes_no_unwind_sections() {
    // Lead: cranelift-object's `unwind_info` is a no-op for COFF, so without the driver's
    // sections a non-leaf function has no .pdata (Windows cannot unwind through it).
    let text = "function %g(i64) -> i64 {\n    fn0 = colocated %g(i64) -> i64\nblock0(v0: i64):\n    v1 = call fn0(v0)\n    return v1\n}\n";
    let bare = crate::driver::compile_with(text, NONE, false).unwrap();
    let names = section_names(&bare.object);
    assert!(!names.iter().any(|n| n == ".pdata" || n == ".xdata"), "{names:?}");
    assert!(section_names(&compile(text, NONE).unwrap().object).contains(&".pdata".to_string()));
}

#[test]
fn data_and_imports_are_declared() {
    let text = concat!(
        "; import: %host_id from \"host.dll\"\n",
        "; data: %d align=8 bytes=01 02 03 04 05 06 07 08 addr=%d+0\n",
        "function %f(i64) -> i64 {\n",
        "    gv0 = symbol %d\n",
        "    sig0 = (i64) -> i64\n",
        "    fn0 = %host_id sig0\n",
        "block0(v0: i64):\n",
        "    v1 = symbol_value.i64 gv0\n",
        "    v2 = load.i64 v1\n",
        "    v3 = call fn0(v2)\n",
        "    return v3\n",
        "}\n"
    );
    let c = compile(text, NONE).unwrap();
    assert!(section_names(&c.object).iter().any(|n| n.starts_with(".data")));
}

#[test]
fn parse_errors_are_reported_not_panicked() {
    match compile("function %f( {", NONE) {
        Err(DriverError::Parse(_)) => {}
        other => panic!("expected a parse error, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn a_cranelift_panic_becomes_a_message() {
    // At wasmtime e6b33de513 cranelift-object has no COFF mapping for ADRP relocations: a
    // colocated data reference panics inside define_function. The driver must survive it.
    panics::install();
    let text = concat!(
        "; data: %d align=8 zero=8\n",
        "function %f() -> i64 {\n",
        "    gv0 = symbol colocated %d\n",
        "block0:\n",
        "    v0 = symbol_value.i64 gv0\n",
        "    return v0\n",
        "}\n"
    );
    match panics::catching(|| compile(text, NONE)) {
        Err(m) => assert!(m.contains("not supported for this file format"), "{m}"),
        Ok(r) => assert!(r.is_ok(), "a colocated data reference compiles now (the lead is fixed upstream)"),
    }
}
