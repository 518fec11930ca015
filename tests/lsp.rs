//! `egenregi server` end to end: the binary as a subprocess, a scripted client over stdio
//! (`Content-Length` framing), and Neovim's own client where Neovim is installed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stderr,
    clippy::needless_pass_by_value,
    reason = "a panic in a test is a failed test; a skipped check says so; `json!` values read best passed whole"
)]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long a test waits for one message before it fails (a check takes milliseconds).
const WAIT: Duration = Duration::from_secs(30);

/// A scripted LSP client talking to `egenregi server`.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Messages `wait` passed over, oldest first.
    skipped: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_egenregi"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            loop {
                // Headers up to an empty line, then exactly Content-Length bytes.
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                stdout.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut client = Self {
            child,
            stdin,
            messages,
            skipped: Vec::new(),
            next_id: 0,
        };
        let init = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": {} }),
        );
        assert_eq!(init["result"]["serverInfo"]["name"], "egenregi", "{init}");
        assert_eq!(
            init["result"]["capabilities"]["textDocumentSync"]["change"], 1,
            "full sync: {init}"
        );
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its response (notifications before it are dropped).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(|m| m["id"] == id && m.get("method").is_none())
    }

    /// The next message that `wanted` accepts.
    fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self
                .messages
                .recv_timeout(left)
                .expect("the server answered in time");
            if wanted(&m) {
                return m;
            }
            self.skipped.push(m);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "yaml", "version": 1, "text": text } }),
        );
    }

    /// `shutdown`, `exit`, and the server's exit code.
    fn stop(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null);
        assert!(r["error"].is_null(), "{r}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "the server exits after `exit`");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

fn at(line: u32, character: u32) -> Value {
    json!({ "line": line, "character": character })
}

const KDL: &[u8] = b"as-of \"2026-11-22\"\n";
/// `ks` is defined after a name with `ø` (1 UTF-16 unit, 2 bytes) and `𝄞` (2 units, 4 bytes).
const KS: &[u8] = "apiVersion: egenregi/v1\nkind: Entity\nmetadata: {name: \"Kø 𝄞\", id: ks}\nspec: {type: association, contracting_authority: true}\n".as_bytes();
/// A waiver whose target names `svarut`: line 6, 0-based 5, after `  targets: ["Service/`
/// (21 characters).
const WAIVER: &str = "apiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w-sla}\nspec:\n  rule: service/critical-sla\n  targets: [\"Service/svarut#/spec/criticality\"]\n  reason: \"low criticality\"\n  approved_by: \"Kari Nordmann, platform lead\"\n  expires: 2027-01-01\n";
const SVARUT: &str = "apiVersion: egenregi/v1\nkind: Service\nmetadata: {id: svarut, name: SvarUt}\nspec:\n  provider: kss\n  criticality: low\n  lifecycle: {stage: active}\n";

#[test]
fn diagnostics_hover_definition_and_completion_from_unsaved_buffers() {
    let dir = common::repo(&[
        ("egenregi.kdl", KDL),
        ("ks.yaml", KS),
        ("services/svarut.yaml", SVARUT.as_bytes()),
        ("waivers.yaml", WAIVER.as_bytes()),
    ]);
    let svarut = uri(&dir.path().join("services/svarut.yaml"));
    let waiver = uri(&dir.path().join("waivers.yaml"));
    let ks = uri(&dir.path().join("ks.yaml"));
    let mut client = Client::start();
    client.open(&svarut, SVARUT);

    // `provider: kss` names no entity. By hand: line 5 of the file is line 4 0-based, and
    // `  provider: ` is 12 characters, so `kss` spans characters 12 to 15.
    let d = client.diagnostics(&svarut);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["code"], "ref/unknown");
    assert_eq!(d[0]["source"], "egenregi");
    assert_eq!(d[0]["severity"], 1, "error");
    assert_eq!(d[0]["range"]["start"], at(4, 12));
    assert_eq!(d[0]["range"]["end"], at(4, 15));
    let message = d[0]["message"].as_str().unwrap();
    assert!(message.contains("`kss`"), "{message}");
    assert!(message.contains("\nhelp: "), "the help follows: {message}");
    // The label "`ks` is defined here" is related information in `ks.yaml`, line 2 (0-based):
    // `metadata: {name: "Kø 𝄞", id: ` is 29 characters but 30 UTF-16 units (𝄞 counts 2).
    let related = &d[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], ks.as_str(), "{related}");
    assert_eq!(
        related["location"]["range"]["start"],
        at(2, 30),
        "{related}"
    );
    assert_eq!(related["location"]["range"]["end"], at(2, 32), "{related}");

    // Hover on the diagnostic: the rule's explain text.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": svarut }, "position": at(4, 13) }),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    let registry = egenregi::rules::Registry::new();
    let rule = registry.get("ref/unknown").unwrap();
    assert!(text.contains("ref/unknown"), "{text}");
    assert!(text.contains(rule.summary.as_ref()), "{text}");
    // Explain text is wrapped for the terminal: compare its first words.
    let start: String = rule
        .explain
        .split_whitespace()
        .take(5)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(&start), "`{start}` in {text}");
    // Nowhere near a finding: no hover.
    let none = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": svarut }, "position": at(0, 0) }),
    );
    assert!(none["result"].is_null(), "{none}");

    // Completion after `provider: ` offers the entity ids.
    let completion = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": svarut }, "position": at(4, 12) }),
    );
    let labels: Vec<&str> = completion["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["ks"], "{completion}");

    // The fix, typed but not saved: the diagnostic goes, and the file on disk is untouched.
    let fixed = SVARUT.replace("kss", "ks");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": svarut, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    assert_eq!(client.diagnostics(&svarut), Vec::<Value>::new());
    let on_disk = std::fs::read_to_string(dir.path().join("services/svarut.yaml")).unwrap();
    assert!(on_disk.contains("kss"));

    // Go to the definition of `ks`: its `metadata.id` in `ks.yaml`.
    let definition = client.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": svarut }, "position": at(4, 13) }),
    );
    assert_eq!(definition["result"]["uri"], ks.as_str(), "{definition}");
    assert_eq!(
        definition["result"]["range"]["start"],
        at(2, 30),
        "{definition}"
    );
    // `criticality: low` names no document.
    let none = client.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": svarut }, "position": at(5, 16) }),
    );
    assert!(none["result"].is_null(), "{none}");

    // A waiver target leads to the document it names: `svarut` at `metadata: {id: ` (15).
    client.open(&waiver, WAIVER);
    client.diagnostics(&waiver);
    let definition = client.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": waiver }, "position": at(5, 24) }),
    );
    assert_eq!(definition["result"]["uri"], svarut.as_str(), "{definition}");
    assert_eq!(
        definition["result"]["range"]["start"],
        at(2, 15),
        "{definition}"
    );
    // and completes as `Kind/id` of every document.
    let completion = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": waiver }, "position": at(5, 14) }),
    );
    let labels: Vec<&str> = completion["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["Entity/ks", "Service/svarut", "Waiver/w-sla"],
        "{completion}"
    );

    assert_eq!(client.stop(), 0);
}

#[test]
fn a_legal_finding_hovers_with_its_figures() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/broken"),
        dir.path(),
    );
    let path = dir.path().join("inhouse/activity.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let activity = uri(&path);
    let mut client = Client::start();
    client.open(&activity, &text);
    let d = client.diagnostics(&activity);
    // `check --format json` puts the activity-share finding at line 29, column 57 (1-based).
    let share = d
        .iter()
        .find(|d| d["code"] == "inhouse/activity-share")
        .unwrap_or_else(|| panic!("{d:?}"));
    assert_eq!(share["range"]["start"], at(28, 56));
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": activity }, "position": share["range"]["start"] }),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.contains("inhouse/activity-share"), "{text}");
    assert!(text.contains("Figures:\n- `share`: "), "{text}");
    assert!(text.contains("Legal basis"), "{text}");
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_file_under_no_egenregi_kdl_gets_no_diagnostics_and_closing_clears_them() {
    let dir = common::repo(&[("egenregi.kdl", KDL), ("ks.yaml", KS)]);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("other.yaml"), "a: [1\n").unwrap();
    let other = uri(&outside.path().join("other.yaml"));
    let ks = uri(&dir.path().join("ks.yaml"));
    let mut client = Client::start();
    client.open(&other, "a: [1\n");
    // A broken buffer of our repository: a `yaml/syntax` error.
    client.open(&ks, "apiVersion: egenregi/v1\nkind: [\n");
    let d = client.diagnostics(&ks);
    assert!(d.iter().any(|d| d["code"] == "yaml/syntax"), "{d:?}");
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": ks } }),
    );
    assert_eq!(client.diagnostics(&ks), Vec::<Value>::new());
    let r = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": other }, "position": at(0, 0) }),
    );
    assert!(r["result"].is_null(), "{r}");
    // Nothing was ever published for the file outside any repository.
    assert!(
        !client
            .skipped
            .iter()
            .any(|m| m["params"]["uri"] == other.as_str()),
        "{:?}",
        client.skipped
    );
    assert_eq!(client.stop(), 0);
}

/// What the headless Neovim runs once the file is open: wait for diagnostics, write them as
/// JSON to `$EGENREGI_NVIM_OUT`, quit.
const NVIM_WAIT: &str = r"
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(out, { code = d.code or lsp.code, lnum = d.lnum, col = d.col, source = d.source })
end
vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv('EGENREGI_NVIM_OUT'))
vim.cmd('qa!')
";

/// Issue 17's "done when": Neovim's built-in client, configured by `editors/nvim/egenregi.lua`,
/// receives egenregi's diagnostics for a broken file of `examples/broken`, each on the line
/// its `# expect:` comment marks.
#[test]
fn neovim_shows_the_diagnostics_of_a_broken_file() {
    if Command::new("nvim").arg("--version").output().is_err() {
        eprintln!(
            "SKIPPED neovim_shows_the_diagnostics_of_a_broken_file: no `nvim` on PATH (Debian: apt-get install neovim)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&repo).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    common::copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/broken"),
        &repo,
    );
    std::fs::write(dir.path().join("wait.lua"), NVIM_WAIT).unwrap();
    let out = dir.path().join("out.json");
    let file = repo.join("model/references.yaml");
    let status = Command::new("nvim")
        .args(["--headless", "-n", "-i", "NONE", "-u"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/nvim/egenregi.lua"))
        .arg("--cmd")
        .arg(format!(
            "let g:egenregi_cmd = ['{}', 'server']",
            env!("CARGO_BIN_EXE_egenregi")
        ))
        .arg(&file)
        .arg("-c")
        .arg(format!("luafile {}", dir.path().join("wait.lua").display()))
        // No user config, plugins or state: only the file under test.
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env("EGENREGI_NVIM_OUT", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "nvim exited with {status}");
    let got: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let expected: Vec<(u64, String)> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let (_, rule) = l.split_once("# expect: ")?;
            Some((i as u64, rule.trim().to_owned()))
        })
        .collect();
    assert!(expected.len() >= 3, "the fixture marks its findings");
    for (line, rule) in &expected {
        assert!(
            got.iter().any(|d| d["lnum"] == *line
                && d["code"] == rule.as_str()
                && d["source"] == "egenregi"),
            "`{rule}` on line {} (0-based {line}) in {got:?}",
            line + 1
        );
    }
    assert_eq!(got.len(), expected.len(), "{got:?}");
}
