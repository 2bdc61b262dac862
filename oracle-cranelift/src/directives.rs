//! a64w's comment directives (DESIGN.md "The IR"): `; import:`, `; data:` and `; rodata:`.
//! Cranelift's reader skips comments, so the driver reads these itself, with the same grammar as
//! the Java parser (dev.a64w.ir.text.Directives).

/// One item of a data object, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Bytes(Vec<u8>),
    Zero(usize),
    /// A 64-bit pointer to `symbol` + `addend` (an ADDR64 relocation).
    Addr { symbol: String, addend: i64 },
}

impl Item {
    pub fn size(&self) -> usize {
        match self {
            Item::Bytes(b) => b.len(),
            Item::Zero(n) => *n,
            Item::Addr { .. } => 8,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Data {
    pub name: String,
    pub read_only: bool,
    pub align: u64,
    pub items: Vec<Item>,
}

impl Data {
    pub fn size(&self) -> usize {
        self.items.iter().map(Item::size).sum()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    pub name: String,
    pub dll: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Directives {
    pub imports: Vec<Import>,
    pub data: Vec<Data>,
}

/// Reads every directive of `text`; an error names the line.
pub fn parse(text: &str) -> Result<Directives, String> {
    let mut out = Directives::default();
    for (n, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if !t.starts_with(';') {
            continue;
        }
        let body = t.trim_start_matches(|c| c == ';' || c == ' ' || c == '\t').trim();
        let at = |m: String| format!("line {}: {}", n + 1, m);
        if let Some(rest) = body.strip_prefix("import:") {
            out.imports.push(import(rest.trim()).map_err(at)?);
        } else if let Some(rest) = body.strip_prefix("rodata:") {
            out.data.push(data(rest, true).map_err(at)?);
        } else if let Some(rest) = body.strip_prefix("data:") {
            out.data.push(data(rest, false).map_err(at)?);
        }
    }
    Ok(out)
}

fn name(word: &str) -> Option<&str> {
    let n = word.strip_prefix('%')?;
    (!n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(n)
}

fn import(rest: &str) -> Result<Import, String> {
    let bad = || "malformed import directive, expected '; import: %name from \"lib.dll\"'".to_string();
    let mut words = rest.splitn(3, char::is_whitespace);
    let n = words.next().and_then(name).ok_or_else(bad)?;
    if words.next() != Some("from") {
        return Err(bad());
    }
    let dll = words.next().map(str::trim).ok_or_else(bad)?;
    let dll = dll.strip_prefix('"').and_then(|d| d.strip_suffix('"')).ok_or_else(bad)?;
    Ok(Import { name: n.to_string(), dll: dll.to_string() })
}

fn number(text: &str, what: &str) -> Result<u64, String> {
    let t = text.replace('_', "");
    let r = match t.strip_prefix("0x") {
        Some(h) => u64::from_str_radix(h, 16),
        None => t.parse::<u64>(),
    };
    r.map_err(|_| format!("data: malformed {what} '{text}'"))
}

fn is_byte(w: &str) -> bool {
    w.len() == 2 && w.chars().all(|c| c.is_ascii_hexdigit())
}

fn data(rest: &str, read_only: bool) -> Result<Data, String> {
    let words: Vec<&str> = rest.split_whitespace().collect();
    let first = words.first().ok_or("data directive needs a %name")?;
    let n = name(first).ok_or_else(|| format!("data directive: expected %name, found '{first}'"))?;
    let mut d = Data { name: n.to_string(), read_only, align: 1, items: vec![] };
    let mut raw: Option<Vec<u8>> = None;
    for w in &words[1..] {
        if let Some(r) = raw.as_mut() {
            if is_byte(w) {
                r.push(u8::from_str_radix(w, 16).unwrap());
                continue;
            }
        }
        if let Some(r) = raw.take() {
            d.items.push(Item::Bytes(r));
        }
        if let Some(a) = w.strip_prefix("align=") {
            let a = number(a, "align")?;
            if !(1..=4096).contains(&a) || !a.is_power_of_two() {
                return Err(format!("data %{n}: align {a} is not a power of two in 1..4096"));
            }
            d.align = a;
        } else if let Some(z) = w.strip_prefix("zero=") {
            d.items.push(Item::Zero(number(z, "zero size")? as usize));
        } else if let Some(b) = w.strip_prefix("bytes=") {
            let mut r = vec![];
            if !b.is_empty() {
                if !is_byte(b) {
                    return Err(format!("data: expected two hex digits, found '{b}'"));
                }
                r.push(u8::from_str_radix(b, 16).unwrap());
            }
            raw = Some(r);
        } else if let Some(a) = w.strip_prefix("addr=") {
            d.items.push(addr(a).ok_or_else(|| format!("data: malformed addr item '{w}', expected addr=%sym+N"))?);
        } else {
            return Err(format!("data: unexpected '{w}' (expected align=, bytes=, zero= or addr=)"));
        }
    }
    if let Some(r) = raw {
        d.items.push(Item::Bytes(r));
    }
    Ok(d)
}

fn addr(a: &str) -> Option<Item> {
    let split = a.find(['+', '-']);
    let (sym, addend) = match split {
        Some(i) => {
            let magnitude = number(&a[i + 1..], "addend").ok()? as i64;
            (&a[..i], if &a[i..i + 1] == "-" { -magnitude } else { magnitude })
        }
        None => (a, 0),
    };
    Some(Item::Addr { symbol: name(sym)?.to_string(), addend })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form() {
        let d = parse(concat!(
            "; import: %host_mix from \"host.dll\"\n",
            ";; data: %tab align=8 bytes=00 01 addr=%fn+16 zero=3 addr=%other\n",
            "; rodata: %ro align=0x10 bytes=ff\n",
            "; just a comment\n",
            "function %f() {\n"
        ))
        .unwrap();
        assert_eq!(d.imports, vec![Import { name: "host_mix".into(), dll: "host.dll".into() }]);
        assert_eq!(d.data.len(), 2);
        let tab = &d.data[0];
        assert_eq!((tab.name.as_str(), tab.read_only, tab.align), ("tab", false, 8));
        assert_eq!(
            tab.items,
            vec![
                Item::Bytes(vec![0, 1]),
                Item::Addr { symbol: "fn".into(), addend: 16 },
                Item::Zero(3),
                Item::Addr { symbol: "other".into(), addend: 0 },
            ]
        );
        assert_eq!(tab.size(), 2 + 8 + 3 + 8);
        assert!(d.data[1].read_only);
        assert_eq!(d.data[1].align, 16);
    }

    #[test]
    fn rejects_bad_alignment_and_names_the_line() {
        let e = parse("\n; data: %d align=3 zero=4\n").unwrap_err();
        assert_eq!(e, "line 2: data %d: align 3 is not a power of two in 1..4096");
        assert!(parse("; import: %f frm \"x.dll\"").is_err());
    }

    #[test]
    fn negative_addend() {
        let d = parse("; data: %p addr=%q-0x8").unwrap();
        assert_eq!(d.data[0].items, vec![Item::Addr { symbol: "q".into(), addend: -8 }]);
    }
}
