//! What a KDL parse makes, written one way for the fixture and for the test that reads it
//! (`src/main.rs` here, and `tests/kdl_parser.rs`, which includes this file by path).

/// The document's `Debug` (every span) and `Display`, or each diagnostic's span, message,
/// label, help and severity; `$kdl` names the crate that parses.
macro_rules! outcome {
    ($kdl:ident, $text:expr) => {
        match $kdl::KdlDocument::parse_v2($text) {
            Ok(d) => format!("ok {d:?}\n{d}"),
            Err(e) => e.diagnostics.iter().fold("err".to_owned(), |s, d| {
                format!(
                    "{s}\n{:?} {:?} {:?} {:?} {:?}",
                    d.span, d.message, d.label, d.help, d.severity
                )
            }),
        }
    };
}

/// The fixture's digest of an outcome: the first 8 bytes of its SHA-256, in hex.
pub fn digest(outcome: &str) -> String {
    use sha2::Digest as _;
    use std::fmt::Write as _;
    sha2::Sha256::digest(outcome.as_bytes())[..8]
        .iter()
        .fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
