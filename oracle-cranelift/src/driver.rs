//! Compiles one a64w CLIF module for aarch64-pc-windows-msvc with Cranelift: cranelift-reader
//! parses the functions, the directives give imports and data objects, cranelift-module and
//! cranelift-object lay out the COFF object, and `.pdata`/`.xdata` are added from each function's
//! `UnwindInfo::WindowsArm64` ([`crate::winunwind`]). Trap sites come from each function's
//! compiled buffer.
//!
//! Names: every defined function and data object is exported under its CLIF name; imports and
//! externals (non-colocated functions that are not defined) are `Linkage::Import` under their
//! own name: Cranelift has no dllimport, so a call reaches an import through the linker's thunk.
//! The IR's `colocated` flag is kept as written. Signatures without a calling convention get
//! the target's default (`windows_fastcall`), which is what the harness calls with.

use std::collections::BTreeMap;
use std::fmt;

use cranelift_codegen::ir::{self, ExternalName, GlobalValueData, UserExternalName, UserFuncName};
use cranelift_codegen::isa::{self, unwind::UnwindInfo, CallConv, OwnedTargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_module::{default_libcall_names, DataDescription, DataId, FuncId, Linkage, Module};
use cranelift_object::{ObjectBuilder, ObjectModule};
use cranelift_reader::{parse_test, ParseOptions};

use crate::directives::{self, Item};
use crate::winunwind::{self, FunctionUnwind};

pub const TRIPLE: &str = "aarch64-pc-windows-msvc";

/// The Cranelift settings a case is compiled with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Variant {
    pub opt_speed: bool,
    pub pic: bool,
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "opt={} pic={}", if self.opt_speed { "speed" } else { "none" }, self.pic)
    }
}

/// A trap instruction: its function, byte offset in the function and Cranelift trap code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrapSite {
    pub function: String,
    pub offset: u32,
    pub code: String,
}

pub struct Compiled {
    pub object: Vec<u8>,
    pub traps: Vec<TrapSite>,
}

/// Why a module did not compile (a panic is not here: the caller catches it).
#[derive(Debug, PartialEq, Eq)]
pub enum DriverError {
    /// The text is not CLIF Cranelift reads, or a directive is malformed.
    Parse(String),
    /// The module needs something this driver cannot express with cranelift-module.
    Unsupported(String),
    /// Cranelift returned an error for a function (verifier, limits, unsupported lowering).
    Codegen(String),
}

impl fmt::Display for DriverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DriverError::Parse(m) => write!(f, "parse: {m}"),
            DriverError::Unsupported(m) => write!(f, "unsupported: {m}"),
            DriverError::Codegen(m) => write!(f, "codegen: {m}"),
        }
    }
}

pub fn isa(variant: Variant) -> Result<OwnedTargetIsa, DriverError> {
    let mut b = settings::builder();
    let set = |b: &mut settings::Builder, k: &str, v: &str| {
        b.set(k, v).map_err(|e| DriverError::Unsupported(format!("setting {k}={v}: {e}")))
    };
    set(&mut b, "opt_level", if variant.opt_speed { "speed" } else { "none" })?;
    set(&mut b, "is_pic", if variant.pic { "true" } else { "false" })?;
    set(&mut b, "unwind_info", "true")?;
    let triple = TRIPLE.parse().map_err(|e| DriverError::Unsupported(format!("triple {TRIPLE}: {e}")))?;
    isa::lookup(triple)
        .map_err(|e| DriverError::Unsupported(format!("isa {TRIPLE}: {e}")))?
        .finish(settings::Flags::new(b))
        .map_err(|e| DriverError::Unsupported(format!("isa {TRIPLE}: {e}")))
}

fn testcase(name: &ExternalName) -> Option<String> {
    match name {
        ExternalName::TestCase(t) => Some(String::from_utf8_lossy(t.raw()).into_owned()),
        _ => None,
    }
}

/// Function and data ids by CLIF name.
struct Names {
    funcs: BTreeMap<String, FuncId>,
    data: BTreeMap<String, DataId>,
}

pub fn compile(text: &str, variant: Variant) -> Result<Compiled, DriverError> {
    compile_with(text, variant, true)
}

/// `unwind_sections: false` leaves the object as cranelift-object alone writes it (no `.pdata`/`.xdata`:
/// its `unwind_info` option is a documented no-op for COFF).
pub fn compile_with(text: &str, variant: Variant, unwind_sections: bool) -> Result<Compiled, DriverError> {
    let dirs = directives::parse(text).map_err(DriverError::Parse)?;
    let options = ParseOptions { default_calling_convention: CallConv::WindowsFastcall, ..ParseOptions::default() };
    let file = parse_test(text, options).map_err(|e| DriverError::Parse(e.to_string()))?;
    let isa = isa(variant)?;
    let builder = ObjectBuilder::new(isa, "a64w", default_libcall_names())
        .map_err(|e| DriverError::Unsupported(e.to_string()))?;
    let mut module = ObjectModule::new(builder);
    let mut names = Names { funcs: BTreeMap::new(), data: BTreeMap::new() };
    let me = |e: cranelift_module::ModuleError| DriverError::Codegen(e.to_string());

    let mut funcs = Vec::new();
    for (func, _) in file.functions {
        let name = match &func.name {
            UserFuncName::Testcase(t) => String::from_utf8_lossy(t.raw()).into_owned(),
            other => return Err(DriverError::Parse(format!("function name {other} is not a %name"))),
        };
        let id = module.declare_function(&name, Linkage::Export, &func.signature).map_err(me)?;
        names.funcs.insert(name.clone(), id);
        funcs.push((name, id, func));
    }
    for d in &dirs.data {
        let id = module.declare_data(&d.name, Linkage::Export, !d.read_only, false).map_err(me)?;
        names.data.insert(d.name.clone(), id);
    }

    let mut unwind = Vec::new();
    let mut traps = Vec::new();
    for (name, id, mut func) in funcs {
        bind_names(&mut module, &mut names, &mut func)?;
        func.name = UserFuncName::user(0, id.as_u32());
        let mut ctx = Context::for_function(func);
        module.define_function(id, &mut ctx).map_err(|e| DriverError::Codegen(format!("%{name}: {e:?}")))?;
        let code = ctx.compiled_code().expect("define_function leaves the compiled code in the context");
        for t in code.buffer.traps() {
            traps.push(TrapSite { function: name.clone(), offset: t.offset, code: t.code.to_string() });
        }
        let length = code.buffer.data().len() as u32;
        match code.create_unwind_info(module.isa()).map_err(|e| DriverError::Codegen(format!("%{name}: unwind: {e:?}")))? {
            Some(UnwindInfo::WindowsArm64(info)) => unwind.push((id, length, info)),
            Some(_) => return Err(DriverError::Codegen(format!("%{name}: unwind info is not WindowsArm64"))),
            None => {}
        }
    }

    for d in &dirs.data {
        let desc = describe(&mut module, &names, d)?;
        module.define_data(names.data[&d.name], &desc).map_err(me)?;
    }

    let mut product = module.finish();
    let unwind: Vec<FunctionUnwind> = unwind
        .into_iter()
        .map(|(id, length, info)| FunctionUnwind { symbol: product.function_symbol(id), length, info })
        .collect();
    if unwind_sections {
        winunwind::append(&mut product.object, &unwind).map_err(DriverError::Codegen)?;
    }
    let object = product.emit().map_err(|e| DriverError::Codegen(format!("object: {e}")))?;
    Ok(Compiled { object, traps })
}

/// Rewrites the function's `%name` references to the module's ids (namespace 0 functions,
/// 1 data), declaring imports and externals on first use.
fn bind_names(module: &mut ObjectModule, names: &mut Names, func: &mut ir::Function) -> Result<(), DriverError> {
    let refs: Vec<ir::FuncRef> = func.dfg.ext_funcs.keys().collect();
    for r in refs {
        let Some(n) = testcase(&func.dfg.ext_funcs[r].name) else { continue };
        let id = match names.funcs.get(&n) {
            Some(id) => *id,
            None => {
                let sig = func.dfg.signatures[func.dfg.ext_funcs[r].signature].clone();
                let id = module
                    .declare_function(&n, Linkage::Import, &sig)
                    .map_err(|e| DriverError::Codegen(e.to_string()))?;
                names.funcs.insert(n, id);
                id
            }
        };
        let user = func.declare_imported_user_function(UserExternalName { namespace: 0, index: id.as_u32() });
        func.dfg.ext_funcs[r].name = ExternalName::user(user);
    }
    let gvs: Vec<ir::GlobalValue> = func.global_values.keys().collect();
    for gv in gvs {
        let GlobalValueData::Symbol { name, .. } = &func.global_values[gv] else { continue };
        let Some(n) = testcase(name) else { continue };
        let target = if let Some(d) = names.data.get(&n) {
            UserExternalName { namespace: 1, index: d.as_u32() }
        } else if let Some(f) = names.funcs.get(&n) {
            UserExternalName { namespace: 0, index: f.as_u32() }
        } else {
            return Err(DriverError::Parse(format!("global value {gv} refers to %{n}, which is neither data nor a function")));
        };
        let user = func.declare_imported_user_function(target);
        if let GlobalValueData::Symbol { name, .. } = &mut func.global_values[gv] {
            *name = ExternalName::user(user);
        }
    }
    Ok(())
}

fn describe(module: &mut ObjectModule, names: &Names, d: &directives::Data) -> Result<DataDescription, DriverError> {
    let mut desc = DataDescription::new();
    desc.set_align(d.align);
    let mut bytes = Vec::with_capacity(d.size());
    for item in &d.items {
        let at = bytes.len() as u32;
        match item {
            Item::Bytes(b) => bytes.extend_from_slice(b),
            Item::Zero(n) => bytes.resize(bytes.len() + n, 0),
            Item::Addr { symbol, addend } => {
                bytes.extend_from_slice(&[0; 8]);
                if let Some(id) = names.data.get(symbol) {
                    let gv = module.declare_data_in_data(*id, &mut desc);
                    desc.write_data_addr(at, gv, *addend);
                } else if let Some(id) = names.funcs.get(symbol) {
                    if *addend != 0 {
                        return Err(DriverError::Unsupported(format!(
                            "data %{}: addr=%{symbol}{addend:+}: DataDescription::write_function_addr takes no addend",
                            d.name
                        )));
                    }
                    let fr = module.declare_func_in_data(*id, &mut desc);
                    desc.write_function_addr(at, fr);
                } else {
                    return Err(DriverError::Parse(format!("data %{}: addr=%{symbol}: no such symbol", d.name)));
                }
            }
        }
    }
    if bytes.iter().all(|b| *b == 0) && !d.items.iter().any(|i| matches!(i, Item::Addr { .. })) {
        desc.define_zeroinit(bytes.len());
    } else {
        desc.define(bytes.into_boxed_slice());
    }
    Ok(desc)
}
