//! A field of `/proc/self/status` in bytes, for the bench's and the tests' memory figures
//! (Linux; `None` elsewhere).

/// A `kB` field of `/proc/self/status` (`VmHWM:`, `RssAnon:`, ...), in bytes.
pub fn status_bytes(field: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}
