//! The worker protocol, served over stdin/stdout for the harness (dev.a64w.cranelift.CraneliftClient).
//! Big-endian, as Java's DataInput/DataOutput:
//!
//! - hello, once: `i32 MAGIC, u8 0, i64 pid`;
//! - request: `u8 op`; `OP_PING` has no payload; `OP_COMPILE`: `i32 n, n bytes of CLIF (UTF-8),
//!   u8 opt (0 none, 1 speed), u8 pic (0/1)`;
//! - response: `i32 MAGIC, u8 status` and then: `OK`: `blob object, i32 count, count x (string
//!   function, i32 offset, string trap code)` (ping: `i64 pid`); `ERROR`: `u8 kind (0 parse,
//!   1 unsupported, 2 codegen), string message`; `PANIC`: `string message` (Cranelift panicked;
//!   the worker lives on). Strings and blobs are `i32 length` + bytes.
//!
//! A panic is caught per request; anything worse (abort, stack overflow) ends the process and
//! the client reports it from the exit status.

use std::io::{self, BufReader, BufWriter, Read, Write};

use crate::driver::{self, DriverError, Variant};
use crate::panics;

pub const MAGIC: i32 = 0x6136_3463; // "a64c"
pub const OP_PING: u8 = 1;
pub const OP_COMPILE: u8 = 2;
pub const OK: u8 = 0;
pub const ERROR: u8 = 1;
pub const PANIC: u8 = 2;
const MAX: usize = 256 << 20;

fn read_u8(r: &mut impl Read) -> io::Result<u8> {
    let mut b = [0u8; 1];
    r.read_exact(&mut b)?;
    Ok(b[0])
}

fn read_blob(r: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    let n = i32::from_be_bytes(b);
    if n < 0 || n as usize > MAX {
        return Err(io::Error::new(io::ErrorKind::InvalidData, format!("length {n} out of range")));
    }
    let mut v = vec![0u8; n as usize];
    r.read_exact(&mut v)?;
    Ok(v)
}

fn write_blob(w: &mut impl Write, b: &[u8]) -> io::Result<()> {
    w.write_all(&(b.len() as i32).to_be_bytes())?;
    w.write_all(b)
}

/// One compile request's answer, written after the MAGIC.
pub fn answer(w: &mut impl Write, clif: &str, variant: Variant) -> io::Result<()> {
    match panics::catching(|| driver::compile(clif, variant)) {
        Ok(Ok(c)) => {
            w.write_all(&[OK])?;
            write_blob(w, &c.object)?;
            w.write_all(&(c.traps.len() as i32).to_be_bytes())?;
            for t in &c.traps {
                write_blob(w, t.function.as_bytes())?;
                w.write_all(&(t.offset as i32).to_be_bytes())?;
                write_blob(w, t.code.as_bytes())?;
            }
        }
        Ok(Err(e)) => {
            let (kind, m) = match e {
                DriverError::Parse(m) => (0u8, m),
                DriverError::Unsupported(m) => (1, m),
                DriverError::Codegen(m) => (2, m),
            };
            w.write_all(&[ERROR, kind])?;
            write_blob(w, m.as_bytes())?;
        }
        Err(panic) => {
            w.write_all(&[PANIC])?;
            write_blob(w, panic.as_bytes())?;
        }
    }
    Ok(())
}

pub fn serve() -> io::Result<()> {
    let mut input = BufReader::new(io::stdin().lock());
    let mut out = BufWriter::new(io::stdout().lock());
    out.write_all(&MAGIC.to_be_bytes())?;
    out.write_all(&[OK])?;
    out.write_all(&(std::process::id() as i64).to_be_bytes())?;
    out.flush()?;
    loop {
        let op = match read_u8(&mut input) {
            Ok(op) => op,
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e),
        };
        match op {
            OP_PING => {
                out.write_all(&MAGIC.to_be_bytes())?;
                out.write_all(&[OK])?;
                out.write_all(&(std::process::id() as i64).to_be_bytes())?;
            }
            OP_COMPILE => {
                let clif = String::from_utf8(read_blob(&mut input)?)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
                let opt = read_u8(&mut input)?;
                let pic = read_u8(&mut input)?;
                out.write_all(&MAGIC.to_be_bytes())?;
                answer(&mut out, &clif, Variant { opt_speed: opt != 0, pic: pic != 0 })?;
            }
            other => {
                return Err(io::Error::new(io::ErrorKind::InvalidData, format!("unknown op 0x{other:x}")));
            }
        }
        out.flush()?;
    }
}
