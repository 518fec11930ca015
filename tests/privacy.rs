//! No network, no telemetry: the data is legal data from pull requests, and the tool must never
//! fetch or send anything (peers.md §4.12). Proven two ways: no crate in the lock file can talk
//! to a network, and the binary imports no socket function at all.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stderr,
    reason = "a panic in a test is a failed test; a skipped check says so"
)]

use std::process::Command;

/// Crates whose purpose is network I/O (HTTP clients and servers, TLS, async sockets).
const NETWORK_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "isahc",
    "attohttpc",
    "h2",
    "tokio",
    "async-std",
    "mio",
    "socket2",
    "native-tls",
    "openssl",
    "rustls",
    "surf",
];

#[test]
fn no_dependency_can_reach_a_network() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|l| l.trim_end_matches('"'))
        .collect();
    assert!(names.len() > 50, "the lock file was read");
    let found: Vec<&&str> = names
        .iter()
        .filter(|n| NETWORK_CRATES.contains(n))
        .collect();
    assert!(found.is_empty(), "network crates in Cargo.lock: {found:?}");
}

#[test]
fn the_binary_imports_no_socket_function() {
    // `nm` comes with binutils, which the Rust toolchain needs to link on Linux.
    let Ok(out) = Command::new("nm")
        .args(["-D", "--undefined-only", env!("CARGO_BIN_EXE_egenregi")])
        .output()
    else {
        eprintln!("SKIPPED the_binary_imports_no_socket_function: no `nm` on PATH");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let symbols = String::from_utf8(out.stdout).unwrap();
    assert!(
        symbols.contains("malloc"),
        "nm listed the imports:\n{symbols}"
    );
    for f in ["socket", "connect", "getaddrinfo", "sendto", "sendmsg"] {
        assert!(
            !symbols
                .split_whitespace()
                .any(|s| s.split('@').next() == Some(f)),
            "the binary imports `{f}`"
        );
    }
}
