//! `--format json` version 2 (issue 18): what decisions share is written once and referred to
//! by index (`figures.answers`, `figures.conditions`, `figures.not_checked`). Resolving the
//! indices gives back exactly the version-1 figures (the `Figures` value serialised as it is),
//! and on a generated corpus the document is a fraction of its version-1 size.
#![allow(
    clippy::unwrap_used,
    clippy::cast_precision_loss,
    reason = "a panic in a test is a failed test; sizes are small"
)]

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
