//! `--format json` version 2 (issue 18): what decisions share is written once and referred to
//! by index (`figures.answers`, `figures.conditions`, `figures.not_checked`). Resolving the
//! indices gives back exactly the version-1 figures (the `Figures` value serialised as it is),
//! and on a generated corpus the document is a fraction of its version-1 size.
#![allow(
    clippy::unwrap_used,
    clippy::cast_precision_loss,
    reason = "a panic in a test is a failed test; sizes are small"
)]

mod common;

#[path = "../examples/gen-corpus.rs"]
#[allow(dead_code, reason = "the generator's command line is not used here")]
mod gen_corpus;

use serde_json::Value;

/// Version 2's figures with every index resolved: the version-1 form.
fn expand(figures: &Value) -> Value {
    let mut f = figures.clone();
    let answers = f["answers"].as_array().unwrap().clone();
    let conditions = f["conditions"].as_array().unwrap().clone();
    let not_checked = f["not_checked"].as_array().unwrap().clone();
    let map = f.as_object_mut().unwrap();
    for key in ["answers", "conditions", "not_checked"] {
        map.remove(key);
    }
    for c in map["control"].as_array_mut().unwrap() {
        let c = c.as_object_mut().unwrap();
        let a = &answers[c.remove("answer").unwrap().as_u64().unwrap() as usize];
        c.insert("kind".into(), a["kind"].clone());
        c.insert("path".into(), a["path"].clone());
        c.insert("explanation".into(), a["explanation"].clone());
    }
    for d in map["decisions"].as_array_mut().unwrap() {
        let resolved: Vec<Value> = d["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let mut c = conditions[i.as_u64().unwrap() as usize].clone();
                let c_map = c.as_object_mut().unwrap();
                if let Some(i) = c_map.remove("answer") {
                    let a = &answers[i.as_u64().unwrap() as usize];
                    c_map.insert("how".into(), a["kind"].clone());
                    c_map.insert("path".into(), a["path"].clone());
                    c_map
                        .entry("because")
                        .or_insert_with(|| a["explanation"].clone());
                }
                c
            })
            .collect();
        d["conditions"] = Value::Array(resolved);
        d["not_checked"] = not_checked[d["not_checked"].as_u64().unwrap() as usize].clone();
    }
    f
}

#[test]
fn version_2_resolves_to_the_version_1_figures_and_is_smaller() {
    let dir = tempfile::tempdir().unwrap();
    let config = gen_corpus::Config {
        scale: 0.1,
        providers: gen_corpus::Config::many_providers(0.1),
        ..gen_corpus::Config::default()
    };
    gen_corpus::generate(dir.path(), &config).unwrap();
    let outcome = egenregi::check(dir.path(), &egenregi::Options::default()).unwrap();
    let v2_text = egenregi::report::json::render(&outcome);
    let v2: Value = serde_json::from_str(&v2_text).unwrap();
    assert_eq!(v2["version"], 2);
    let figures = &v2["figures"];
    let (answers, control) = (
        figures["answers"].as_array().unwrap().len(),
        figures["control"].as_array().unwrap().len(),
    );
    assert!(
        answers > 0 && answers * 4 < control,
        "{answers} answers, {control} paths"
    );
    // Lossless: the indices resolve to exactly what version 1 wrote.
    let v1_figures = serde_json::to_value(&outcome.figures).unwrap();
    assert!(
        expand(figures) == v1_figures,
        "version 2 lost or changed figures"
    );
    // Smaller: the figures as version 1 pretty-printed them, against the whole version 2.
    let v1_len = serde_json::to_string_pretty(&v1_figures).unwrap().len();
    assert!(
        (v2_text.len() as f64) < 0.5 * v1_len as f64,
        "version 2 is {} bytes, version 1's figures alone {v1_len}",
        v2_text.len()
    );
}

/// The document as `serde_json`'s pretty printer lays it out, with the final newline.
fn reprinted(text: &str) -> String {
    let parsed: Value = serde_json::from_str(text).unwrap();
    serde_json::to_string_pretty(&parsed).unwrap() + "\n"
}

/// The rows of `control` and `decisions` are written by hand, not by serde (issue 18: through
/// serde they cost 11 % of a national check). Parsing the document and printing it again with
/// `serde_json` gives back the same bytes, so the layout is serde's (the pretty layout of
/// version 1 and of every earlier report): on the bundled example, on the broken example (whose
/// invalid tenants give decisions without a buyer or provider) and on a generated corpus.
#[test]
fn the_rows_written_by_hand_are_laid_out_as_serde_lays_them_out() {
    let corpus = tempfile::tempdir().unwrap();
    let config = gen_corpus::Config {
        scale: 0.05,
        ..gen_corpus::Config::default()
    };
    gen_corpus::generate(corpus.path(), &config).unwrap();
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for root in [
        example.join("ks-digital"),
        example.join("broken"),
        corpus.path().to_path_buf(),
    ] {
        let outcome = egenregi::check(&root, &egenregi::Options::default()).unwrap();
        let text = egenregi::report::json::render(&outcome);
        let rows = text.matches("\"subscription\": ").count();
        assert!(rows > 10, "{}: {rows} rows", root.display());
        assert!(
            text == reprinted(&text),
            "{}: not serde's layout",
            root.display()
        );
    }
}

/// Strings in the rows that JSON must escape are escaped as serde escapes them, wherever the
/// character is: a tenant that fails its schema still gets a decision per subscription, naming
/// the buyer and service exactly as written (quotes, a backslash, control characters, a tab,
/// non-ASCII), each at the start, the middle and the end of a string longer and shorter than
/// the sixteen bytes the writer looks at at once.
#[test]
fn the_rows_escape_what_json_escapes() {
    let dir = common::example("ks-digital");
    let odd = [
        "\\\"q",
        "q\\\"",
        "a-long-name-of-seventeen-\\\"-bytes-and-more",
        "back\\\\slash",
        "tab\\there",
        "nul\\u0000",
        "bell\\u0007-and-more-than-sixteen-bytes",
        "\\u001f",
        "sixteen-bytes-ok",
        "sixteen-bytes-o\\\"",
        "blåbær-æøå-\\u007f",
    ];
    let mut yaml = String::from(
        "apiVersion: egenregi/v1\nkind: Tenant\nmetadata:\n  id: odd\n  name: Odd\nspec:\n  entity: \"\\\"odd\\tbuyer\\\\\"\n  subscriptions:\n",
    );
    for name in odd {
        yaml.push_str(&format!(
            "    - service: \"{name}\"\n      since: 2024-01-01\n      basis: in-house\n      unknown_field: 1\n"
        ));
    }
    std::fs::write(dir.path().join("tenants/odd.yaml"), yaml).unwrap();
    let outcome = egenregi::check(dir.path(), &egenregi::Options::default()).unwrap();
    let text = egenregi::report::json::render(&outcome);
    assert!(text == reprinted(&text), "not serde's layout");
    let doc: Value = serde_json::from_str(&text).unwrap();
    let mut services: Vec<&str> = doc["figures"]["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["tenant"] == "odd")
        .map(|d| {
            assert_eq!(d["buyer"], "\"odd\tbuyer\\");
            d["service"].as_str().unwrap()
        })
        .collect();
    // The YAML escapes above are JSON's too.
    let mut expected: Vec<String> = odd
        .iter()
        .map(|n| serde_json::from_str::<String>(&format!("\"{n}\"")).unwrap())
        .collect();
    services.sort_unstable();
    expected.sort_unstable();
    assert_eq!(services, expected);
}
