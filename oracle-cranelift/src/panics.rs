//! Turns a Cranelift panic into a message: the panic hook records the payload and location
//! (source paths shortened to the part from `cranelift/`, so messages do not depend on where the
//! peers folder lies), and [`catching`] returns it instead of unwinding further.

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};

thread_local! {
    /// The last panic on this thread (the hook runs on the panicking thread).
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn shorten(file: &str) -> &str {
    match file.rfind("wasmtime/") {
        Some(i) => &file[i + "wasmtime/".len()..],
        None => file.rsplit_once("/vendor/").map_or(file, |(_, rest)| rest),
    }
}

/// Installs the recording hook (once, at start-up). Nothing is printed to stderr.
pub fn install() {
    panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(non-string panic payload)".to_string());
        let at = info.location().map(|l| format!(" (at {}:{})", shorten(l.file()), l.line())).unwrap_or_default();
        LAST.with(|l| *l.borrow_mut() = Some(format!("{message}{at}")));
    }));
}

/// Runs `f`; a panic comes back as `Err(message with location)`.
pub fn catching<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    LAST.with(|l| *l.borrow_mut() = None);
    panic::catch_unwind(AssertUnwindSafe(f))
        .map_err(|_| LAST.with(|l| l.borrow_mut().take()).unwrap_or_else(|| "panic (no message recorded)".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_paths() {
        assert_eq!(shorten("/x/peers/cranelift/wasmtime/cranelift/object/src/backend.rs"), "cranelift/object/src/backend.rs");
        assert_eq!(shorten("/x/vendor/regalloc2-0.15.2/src/lib.rs"), "regalloc2-0.15.2/src/lib.rs");
    }

    #[test]
    fn catches_with_message() {
        install();
        let r: Result<(), String> = catching(|| panic!("boom {}", 7));
        let m = r.unwrap_err();
        assert!(m.starts_with("boom 7 (at "), "{m}");
        assert_eq!(catching(|| 3), Ok(3));
    }
}
