//! a64w-cranelift: Cranelift as a compiler under test for a64w.
//!
//! ```text
//! a64w-cranelift compile FILE.clif [--opt none|speed] [--pic] [--no-unwind] [-o OUT.obj] [--traps OUT.txt]
//! a64w-cranelift worker            (the harness's worker protocol on stdin/stdout)
//! ```
//! `compile` prints the trap table (`%function +0xOFFSET code`, one line per site) to stdout
//! unless `--traps` names a file. Exit status: 0 compiled, 1 Cranelift or the driver refused the
//! module, 2 bad usage, 101 Cranelift panicked (the message on stderr). `--no-unwind` writes the
//! object as cranelift-object alone does, without the `.pdata`/`.xdata` the driver adds.

mod directives;
mod driver;
mod panics;
mod winunwind;
mod worker;

#[cfg(test)]
mod tests;

use std::process::ExitCode;

use driver::Variant;

fn usage() -> ExitCode {
    eprintln!("usage: a64w-cranelift compile FILE.clif [--opt none|speed] [--pic] [--no-unwind] [-o OUT.obj] [--traps OUT.txt]");
    eprintln!("       a64w-cranelift worker");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    panics::install();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("worker") => match worker::serve() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("a64w-cranelift worker: {e}");
                ExitCode::from(3)
            }
        },
        Some("compile") => compile(&args[1..]),
        _ => usage(),
    }
}

fn compile(args: &[String]) -> ExitCode {
    let mut file = None;
    let mut out = None;
    let mut traps = None;
    let mut unwind = true;
    let mut variant = Variant { opt_speed: false, pic: false };
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--opt" if i + 1 < args.len() => {
                i += 1;
                variant.opt_speed = match args[i].as_str() {
                    "speed" => true,
                    "none" => false,
                    _ => return usage(),
                };
            }
            "--pic" => variant.pic = true,
            "--no-unwind" => unwind = false,
            "-o" if i + 1 < args.len() => {
                i += 1;
                out = Some(args[i].clone());
            }
            "--traps" if i + 1 < args.len() => {
                i += 1;
                traps = Some(args[i].clone());
            }
            a if !a.starts_with('-') && file.is_none() => file = Some(a.to_string()),
            _ => return usage(),
        }
        i += 1;
    }
    let Some(file) = file else { return usage() };
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(2);
        }
    };
    match panics::catching(|| driver::compile_with(&text, variant, unwind)) {
        Err(panic) => {
            eprintln!("{file} [{variant}]: cranelift panicked: {panic}");
            ExitCode::from(101)
        }
        Ok(Err(e)) => {
            eprintln!("{file} [{variant}]: {e}");
            ExitCode::from(1)
        }
        Ok(Ok(c)) => {
            let table: String = c.traps.iter().map(|t| format!("%{} +0x{:x} {}\n", t.function, t.offset, t.code)).collect();
            let written = out.map_or(Ok(()), |o| std::fs::write(o, &c.object))
                .and_then(|_| match &traps {
                    Some(t) => std::fs::write(t, &table),
                    None => {
                        print!("{table}");
                        Ok(())
                    }
                });
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("writing output: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}
