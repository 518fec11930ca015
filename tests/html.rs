//! The reviewer's HTML report: escaping, self-containment, a reviewed snapshot, and a headless
//! browser that renders it (skipped, with a message, where no Chromium is installed).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    reason = "a panic in a test is a failed test; a skipped browser test says so"
)]

#[path = "data/figures.rs"]
mod figures;
mod legal;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use egenregi::date::Date;
use egenregi::report::{self, Format, HumanStyle};
use egenregi::{Options, Outcome};

const NO_COUNTRY: &str = "apiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: ks\n  labels: {country: NO}\nspec: {type: association, contracting_authority: true}\n";

/// A waiver that matches nothing, with markup in its reason and approver.
const STALE_WAIVER: &str = "apiVersion: egenregi/v1\nkind: Waiver\nmetadata: {id: w-stale}\nspec:\n  rule: entity/orgnr\n  targets: [Entity/ks]\n  reason: \"Kept from <i>an earlier</i> review\"\n  approved_by: \"Kari & <b>Ola</b>\"\n  expires: 2027-01-31\n";

/// A repository of one entity and one stale waiver with a pinned date, the sample figures and a hostile message.
fn sample() -> (tempfile::TempDir, Outcome) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ks.yaml"), NO_COUNTRY).unwrap();
    std::fs::write(dir.path().join("waivers.yaml"), STALE_WAIVER).unwrap();
    let options = Options {
        as_of: Date::parse("2026-11-22"),
        ..Options::default()
    };
    let mut outcome = egenregi::check(dir.path(), &options).unwrap();
    outcome.figures = figures::sample();
    let f = &mut outcome.findings[0];
    f.message.push_str(" <script>alert('finding')</script>");
    f.legal_basis = vec!["anskaffelsesforskriften § 3-1 første ledd".into()];
    let waived = f.clone();
    outcome.waived.push((waived, "w-<b>x</b>".into()));
    (dir, outcome)
}

fn html(outcome: &Outcome) -> String {
    report::render(outcome, Format::Html, HumanStyle::default())
}

#[test]
fn everything_from_the_input_is_escaped() {
    let (_dir, outcome) = sample();
    let page = html(&outcome);
    assert!(!page.contains("<script"), "a script tag got through");
    assert!(!page.contains("<b>"), "markup got through");
    assert!(page.contains("&lt;script&gt;alert(&#39;finding&#39;)&lt;/script&gt;"));
    assert!(page.contains("evil|&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("w-&lt;b&gt;x&lt;/b&gt;"));
    assert!(page.contains("Kept from &lt;i&gt;an earlier&lt;/i&gt; review"));
    assert!(page.contains("Kari &amp; &lt;b&gt;Ola&lt;/b&gt;"));
}

#[test]
fn waivers_show_reason_approver_expiry_and_status() {
    let (_dir, outcome) = sample();
    let page = html(&outcome);
    let row = page
        .lines()
        .find(|l| l.starts_with("<tr><td><code>w-stale</code>"))
        .expect("a row for the waiver");
    for cell in [
        "<code>entity/orgnr</code>",
        "<code>Entity/<wbr>ks</code>",
        "<td>2027-01-31</td>",
        "<td class=\"warning\">unused</td>",
        "waivers.yaml:3",
    ] {
        assert!(row.contains(cell), "`{cell}` missing from {row}");
    }
}

#[test]
fn the_page_needs_nothing_from_outside() {
    let (_dir, outcome) = sample();
    let page = html(&outcome);
    for needle in ["<link", "<script", "src=", "url(", "@import", "href=\"http"] {
        assert!(
            !page.contains(needle),
            "`{needle}` in a self-contained page"
        );
    }
    // the only absolute URI is the SVG namespace, which is a name, not a fetch
    let uris = page.matches("http://").count() + page.matches("https://").count();
    assert_eq!(
        uris,
        page.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
    );
}

#[test]
fn header_names_date_digest_and_version() {
    let (_dir, outcome) = sample();
    let page = html(&outcome);
    let digest = egenregi::report::input_digest(&outcome);
    assert_eq!(digest.len(), 64);
    assert!(page.contains(&format!("sha256:{digest}")));
    assert!(page.contains("<dt>As of</dt><dd>2026-11-22</dd>"));
    assert!(page.contains(concat!("egenregi ", env!("CARGO_PKG_VERSION"))));
    // findings sit under their legal condition
    let integrity = page.find("id=\"integrity-findings\"").unwrap();
    assert!(page[integrity..].contains("yaml/ambiguous-scalar"));
    // with how far it is verified (a citation the pack does not know says so)
    assert!(page.contains(
        "<li>anskaffelsesforskriften § 3-1 første ledd <span class=\"muted\">(section checked)</span></li>"
    ));
}

#[test]
fn snapshot_html() {
    let (_dir, outcome) = sample();
    insta::assert_snapshot!("figures", html(&outcome));
}

fn browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// Runs the browser headless on `page` with `extra` arguments; (stdout, stderr). Output goes to
/// files, not pipes: a DOM larger than a pipe's buffer would block the browser while we wait.
fn run_browser(browser: &Path, profile: &Path, page: &Path, extra: &[&str]) -> (String, String) {
    std::fs::create_dir_all(profile).unwrap();
    let out_path = profile.join("stdout.txt");
    let err_path = profile.join("stderr.txt");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_mins(2);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the browser took longer than two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stdout = String::from_utf8_lossy(&std::fs::read(&out_path).unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&std::fs::read(&err_path).unwrap()).into_owned();
    assert!(status.success(), "browser failed: {status:?}\n{stderr}");
    (stdout, stderr)
}

fn no_console_errors(log: &str) {
    for bad in ["Uncaught", "ERROR:CONSOLE", "CONSOLE("] {
        assert!(!log.contains(bad), "`{bad}` in the browser log:\n{log}");
    }
}

/// Saves a screenshot of `page` under `target/NAME` for a person to look at.
fn screenshot(browser: &Path, profile: &Path, page: &Path, name: &str, height: u32) {
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join(name);
    let (_, log) = run_browser(
        browser,
        profile,
        page,
        &[
            &format!("--screenshot={}", shot.display()),
            &format!("--window-size=1280,{height}"),
        ],
    );
    assert!(!log.contains("Uncaught"), "{log}");
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a real screenshot"
    );
}

#[test]
fn a_headless_browser_renders_charts_and_tables_without_errors() {
    let Some(browser) = browser() else {
        eprintln!(
            "SKIPPED a_headless_browser_renders_charts_and_tables_without_errors: no chromium on PATH \
             (Debian: apt-get install chromium)"
        );
        return;
    };
    let (_dir, outcome) = sample();
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("report.html");
    std::fs::write(&page, html(&outcome)).unwrap();
    let profile = tmp.path().join("profile");

    let (dom, log) = run_browser(&browser, &profile, &page, &["--dump-dom"]);
    // one chart and one year table per provider, across all its windows
    let providers: std::collections::BTreeSet<&str> = outcome
        .figures
        .windows
        .iter()
        .map(|w| w.provider.as_str())
        .collect();
    assert_eq!(
        dom.matches("<svg class=\"activity-chart\"").count(),
        providers.len(),
        "{dom}"
    );
    assert_eq!(
        dom.matches("<table class=\"activity\"").count(),
        providers.len()
    );
    assert_eq!(dom.matches("class=\"threshold\"").count(), providers.len());
    assert_eq!(
        dom.matches("<g class=\"window\"").count(),
        outcome.figures.windows.len(),
        "a bracket per window"
    );
    assert!(dom.contains("<table class=\"windows\""));
    assert!(dom.contains("<table class=\"findings\""));
    assert!(dom.contains("<table class=\"waived\""));
    assert!(dom.contains("<table class=\"waivers\""));
    // the escaped script is text in the DOM, not an element
    assert!(!dom.contains("<script"), "a script element in the DOM");
    no_console_errors(&log);
    screenshot(&browser, &profile, &page, "report.png", 2000);
}

/// The report of the bundled example, as a reviewer opens it: one chart and table per
/// activity window, the control paths, no console errors; a screenshot for review.
#[test]
fn the_ks_digital_report_opens_in_a_headless_browser() {
    let Some(browser) = browser() else {
        eprintln!(
            "SKIPPED the_ks_digital_report_opens_in_a_headless_browser: no chromium on PATH \
             (Debian: apt-get install chromium)"
        );
        return;
    };
    let outcome = egenregi::check(Path::new("examples/ks-digital"), &Options::default()).unwrap();
    let windows = outcome.figures.windows.len();
    assert_eq!(
        windows, 4,
        "the example has four windows (Viken's 2022 award, the 2024 and 2025 awards, as-of)"
    );
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("ks-digital.html");
    std::fs::write(&page, html(&outcome)).unwrap();
    let profile = tmp.path().join("profile");
    let (dom, log) = run_browser(&browser, &profile, &page, &["--dump-dom"]);
    // one provider: one chart over all its years, with a bracket per window
    assert_eq!(dom.matches("<svg class=\"activity-chart\"").count(), 1);
    assert_eq!(dom.matches("<g class=\"window\"").count(), windows);
    // one per buyer: 15 in-house buyers, Viken (in-house until 2023) and two on other bases
    assert_eq!(dom.matches("<table class=\"conditions\"").count(), 18);
    assert!(
        dom.contains("inhouse/<wbr>control-via-association")
            && dom.contains("inhouse/<wbr>control-conflict"),
        "both warnings are listed"
    );
    no_console_errors(&log);
    screenshot(&browser, &profile, &page, "report-ks-digital.png", 2400);
}

#[test]
fn report_writes_html_or_markdown_and_exits_0() {
    let tmp = tempfile::tempdir().unwrap();
    for (format, start) in [("html", "<!DOCTYPE html>"), ("markdown", "# ")] {
        let file = tmp.path().join(format!("report.{format}"));
        let out = assert_cmd::Command::cargo_bin("egenregi")
            .unwrap()
            .args(["report", "examples/broken", "--format", format, "-o"])
            .arg(&file)
            .assert()
            .code(0);
        assert!(out.get_output().stdout.is_empty());
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.starts_with(start), "{format}: {}", &text[..40]);
        assert!(
            text.contains("service.yaml:9:3"),
            "{format}: the findings are in"
        );
    }
    assert_cmd::Command::cargo_bin("egenregi")
        .unwrap()
        .args(["report", "no/such/dir"])
        .assert()
        .code(2);
}

/// The analyses write a link through a body with its own arrow (`→ general-meeting`); the
/// renderers once joined the links with another, so every direct-ownership path read
/// `m-e2 → → general-meeting → e-margin`. Neither the HTML report nor the Markdown summary may
/// show two arrows in a row.
#[test]
fn a_control_path_never_shows_a_doubled_arrow() {
    let outcome = egenregi::check(Path::new("examples/broken"), &Options::default()).unwrap();
    let page = html(&outcome);
    let md = report::render(&outcome, Format::Markdown, HumanStyle::default());
    for (name, text) in [("html", &page), ("markdown", &md)] {
        for doubled in ["→ →", "→ <code>→", "→</code> →", "→ \\→"] {
            assert!(!text.contains(doubled), "{name}: `{doubled}`");
        }
    }
    assert!(
        page.contains("<code>m-e2</code> → <code>general-meeting</code> → <code>e-margin</code>"),
        "the direct path of examples/broken"
    );
    assert!(md.contains("m-e2 → general-meeting → e-margin"), "{md}");
}

fn ks_digital() -> Outcome {
    egenregi::check(Path::new("examples/ks-digital"), &Options::default()).unwrap()
}

fn view(lang: egenregi::i18n::Lang, buyer: Option<&str>) -> report::html::View {
    report::html::View {
        lang: Some(lang),
        buyer: buyer.map(str::to_owned),
    }
}

/// Every word of the report comes from the language's messages: no message is missing (`⟦id⟧`)
/// in either language, for a passing and a failing repository; numbers and dates follow the
/// language, one format each.
#[test]
fn the_report_is_written_in_norwegian_or_english() {
    use egenregi::i18n::Lang;
    let ks = ks_digital();
    let broken = egenregi::check(Path::new("examples/broken"), &Options::default()).unwrap();
    for outcome in [&ks, &broken] {
        // every text of the analyses has its message, so none is shown in English
        legal::assert_every_text_has_a_message(outcome);
        for lang in Lang::ALL {
            let page = report::html::render_view(outcome, &view(lang, None));
            assert!(!page.contains('⟦'), "{lang:?}: a missing message");
            assert!(page.contains(&format!("<html lang=\"{}\">", lang.tag())));
        }
    }
    let nb = report::html::render_view(&ks, &view(Lang::Nb, None));
    let en = report::html::render_view(&ks, &view(Lang::En, None));
    // the headroom of the 2021-2023 window, in each language's one format
    assert!(nb.contains("<td class=\"num\">+17 635 250,54 kr</td>"));
    assert!(en.contains("<td class=\"num\">+17 635 250.54 NOK</td>"));
    assert!(!nb.contains("17635250") && !en.contains("17635250"));
    assert!(nb.contains("<dt>Vurdert per</dt><dd>22.11.2026</dd>"));
    assert!(nb.contains("89,0 %") && !nb.contains("89.0 %"));
    // the decision records' reasons, in Norwegian
    assert!(nb.contains("vedtektene fastsetter et ikke-kommersielt formål og forbyr utbytte"));
    assert!(nb.contains("alle eierne av KS Digital AS er offentlige oppdragsgivere"));
    assert!(nb.contains("om det er felles kontroll etter § 3-2, er ikke rettslig avklart"));
    // and the legal findings' messages and help
    assert!(nb.contains(
        "45 egenregiabonnementer bygger på seter i <code>members-council</code> utpekt av medlemmene i KS"
    ));
    assert!(nb.contains("en juridisk betenkning foreligger ("));
    let broken_nb = report::html::render_view(&broken, &view(Lang::Nb, None));
    assert!(
        broken_nb.contains("i perioden før tildelingen (01.03.2024) er 80,0 %, ikke over 80 %")
    );
    assert!(broken_nb.contains("kvalifiserende 2 400,00 av 3 000,00 kr over 2021, 2022, 2023; perioden faller allerede: 0,01 kr"));
    // the words of a control path, in Bokmål (English would be `owners in gm`, `sole control of`)
    assert!(broken_nb.contains(
        "eierne i <code>gm</code> → <code>i-holding</code> → enekontroll over <code>i-drift</code>"
    ));
    // amounts in the value reasons, grouped with a decimal comma; English keeps its plain form
    assert!(nb.contains(
        "anslått kontraktsverdi 80 000,00 kr (årlig verdi 80 000,00 × 12 måneder / 12, for den faste løpetiden 01.01.2025 til 31.12.2025 regnet fullt ut, måned for måned), mot en beløpsgrense på 100 000,00 kr"
    ));
    assert!(
        en.contains(
            "estimated contract value 80000.00 NOK (annual value 80000.00 × 12 months / 12"
        )
    );
    assert!(broken_nb.contains("ikke under 100 000 kr"));
    // an invalid document's reason: a Bokmål sentence quoting the schema's error, in Bokmål
    // too (it quoted the English `must be one of` until the schema's messages were texts)
    let said = broken_nb
        .split("<code>Entity/m-n1</code> er ugyldig (skjemakontrollen melder: ")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .unwrap_or_else(|| panic!("{broken_nb}"));
    assert!(
        said.starts_with("<code>type</code> må være <code>"),
        "{said}"
    );
    assert!(said.contains(" eller <code>"), "{said}");
    assert!(!said.contains("must be"), "{said}");
    assert!(!broken_nb.contains("is invalid ("));
    // names, not ids, in the control path; review is not shown as a pass
    assert!(en.contains(
        "<strong>joint control</strong>: Oslo kommune → the members of KS (Kommunesektorens organisasjon) → <code>members-council</code> → KS Digital AS"
    ), "{en}");
    assert!(en.contains("<span class=\"v v-review\">⚠ review</span>"));
}

/// A seat an authority mandates itself is a word of the control path: `seat` in JSON and
/// English, `sete` in the Bokmål report and Markdown. Here oslo and bergen each mandate one of
/// the two seats of the council of `drift` that decides its strategy and significant decisions.
#[test]
fn a_seat_on_the_control_path_is_said_in_norwegian() {
    use egenregi::i18n::Lang;
    let drift = "{type: company, contracting_authority: true, established: 2015-01-01, owners: [{entity: oslo, share: 50}, {entity: bergen, share: 50}], governance: [{id: council, type: council, decides: [strategy, significant-decisions], seats: [{mandated_by: [oslo], count: 1}, {mandated_by: [bergen], count: 1}]}], articles: {non_commercial: true, profit_distribution: prohibited, private_owners_allowed: false}}";
    let yaml = [
        legal::entity("oslo", "{type: municipality}"),
        legal::entity("bergen", "{type: municipality}"),
        legal::entity("drift", drift),
        legal::service("arkiv", "drift"),
        "---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {id: t-oslo}\nspec: {entity: oslo, subscriptions: [{service: arkiv, since: 2024-03-01, basis: in-house, assessment: \"Vurdering\"}]}\n".to_owned(),
    ]
    .concat();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("egenregi.kdl"), "as-of \"2026-11-22\"\n").unwrap();
    std::fs::write(dir.path().join("repo.yaml"), yaml).unwrap();
    let outcome = egenregi::check(dir.path(), &Options::default()).unwrap();
    let path = &outcome.figures.control[0].answer.path;
    assert_eq!(path[..], ["oslo", "seat → council", "drift"]);
    legal::assert_every_text_has_a_message(&outcome);
    let md = report::markdown::render_view(&outcome, &view(Lang::Nb, None));
    assert!(md.contains("| oslo → sete → council → drift |"), "{md}");
    let page = report::html::render_view(&outcome, &view(Lang::Nb, None));
    assert!(
        page.contains("<code>oslo</code> → sete → <code>council</code> → <code>drift</code>"),
        "{page}"
    );
    let en = report::markdown::render_view(&outcome, &view(Lang::En, None));
    assert!(en.contains("| oslo → seat → council → drift |"));
}

/// The Markdown summary (`check --format markdown`, `report --format markdown`) is written in
/// the language asked (`--lang`, else `language` in egenregi.kdl); English is the snapshot's.
#[test]
fn the_markdown_summary_is_written_in_norwegian_or_english() {
    use egenregi::i18n::Lang;
    let mut broken = egenregi::check(Path::new("examples/broken"), &Options::default()).unwrap();
    let ks = ks_digital();
    for outcome in [&ks, &broken] {
        for lang in Lang::ALL {
            let md = report::markdown::render_view(outcome, &view(lang, None));
            assert!(!md.contains('⟦'), "{lang:?}: a missing message");
        }
    }
    let en = report::render(&broken, Format::Markdown, HumanStyle::default());
    assert!(
        en.contains("## Per buyer") && en.contains("72 errors"),
        "{en}"
    );
    // `language "nb"` in egenregi.kdl: `check --format markdown` writes Bokmål
    broken.language = Some(Lang::Nb);
    let nb = report::render(&broken, Format::Markdown, HumanStyle::default());
    assert!(
        nb.starts_with("# ❌ egenregi: 72 feil, 18 advarsler, 0 merknader"),
        "{nb}"
    );
    assert!(nb.contains("Vurdert per **22.11.2026**"));
    assert!(nb.contains("## Per oppdragsgiver") && nb.contains("## Kontrollveier"));
    assert!(nb.contains("| ✅ oppfylt |") && nb.contains("⚠️ **til vurdering**"));
    // the analyses' texts: findings, help and control paths, names as code spans
    assert!(nb.contains("`stiftelsen-z` tildeler i egenregi, men er ikke offentlig oppdragsgiver"));
    assert!(
        nb.contains("  - råd: bare en offentlig oppdragsgiver kan tildele kontrakt i egenregi")
    );
    assert!(nb.contains("(01.03.2024) er 80,0 %, ikke over 80 %"));
    assert!(nb.contains("| 01.03.2024 (tildeling) | ✅ enekontroll |"));
    assert!(nb.contains("Handlingsrom: 3,74 kr mer ikke-kvalifiserende aktivitet per år"));
    // the control path's words and the legal rules' one-line summaries, in Bokmål
    let ks_nb = report::markdown::render_view(&ks, &view(Lang::Nb, None));
    assert!(
        ks_nb.contains(
            "| akershus-fylkeskommune → medlemmene i `ks` → members-council → ks-digital |"
        )
    );
    assert!(nb.contains("m-i1 → eierne i `gm` → i-holding → enekontroll over `i-drift` → i-drift"));
    assert!(nb.contains(
        "| `procurement/assessment` | advarsel | 1 | Et egenregiabonnement har ingen skriftlig vurdering |"
    ));
    assert!(!nb.contains("An in-house subscription has no written assessment"));
    // every rule's summary, the shipped policies' too, has its Bokmål
    let tr = egenregi::i18n::Tr::of(Lang::Nb);
    for r in &broken.registry.rules {
        assert_ne!(tr.rule_summary(r), r.summary, "{}: no Bokmål summary", r.id);
    }
    assert!(nb.contains("| `tenant/dpa` | feil | 1 | Et abonnement på en tjeneste med personopplysninger har en databehandleravtale signert senest"));
    assert!(!nb.contains("without a written assessment") && !nb.contains("has no control path on"));
    // `--lang` wins over the config
    let en_again = report::markdown::render_view(&broken, &view(Lang::En, None));
    assert_eq!(en_again, en);
}

/// `report --buyer ID`: one buyer's section and summary row; an unknown id is an error with a
/// suggestion, exit 2.
#[test]
fn report_buyer_gives_one_buyers_extract() {
    let out = assert_cmd::Command::cargo_bin("egenregi")
        .unwrap()
        .args([
            "report",
            "examples/ks-digital",
            "--buyer",
            "oslo-kommune",
            "--lang",
            "nb",
        ])
        .assert()
        .code(0);
    let page = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(page.contains("Utdrag for Oslo kommune"));
    assert_eq!(page.matches("<section class=\"buyer").count(), 1);
    assert!(page.contains("id=\"buyer-oslo-kommune\""));
    // the legal findings on its provider's structure are part of its extract
    assert!(page.contains("inhouse/<wbr>control-via-association"));
    assert!(page.contains("inhouse/<wbr>control-conflict"));
    assert!(
        !page.contains("id=\"buyer-bergen-kommune\"")
            && !page.contains("href=\"#buyer-bergen-kommune\""),
        "another buyer leaked in"
    );
    let err = assert_cmd::Command::cargo_bin("egenregi")
        .unwrap()
        .args(["report", "examples/ks-digital", "--buyer", "oslo-komune"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&err.get_output().stderr).into_owned();
    assert!(stderr.contains("did you mean `oslo-kommune`?"), "{stderr}");
}

/// `language "nb"` in egenregi.kdl sets the report's language; `--lang` overrides it; an
/// unknown language is a setup error that points at the line.
#[test]
fn the_language_comes_from_the_config_unless_the_flag_says() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ks.yaml"), NO_COUNTRY).unwrap();
    std::fs::write(dir.path().join("egenregi.kdl"), "language \"nb\"\n").unwrap();
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("egenregi")
            .unwrap()
            .arg("report")
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    let nb = String::from_utf8_lossy(&run(&[]).stdout).into_owned();
    assert!(nb.contains("<html lang=\"nb\">"), "{nb}");
    let en = String::from_utf8_lossy(&run(&["--lang", "en"]).stdout).into_owned();
    assert!(en.contains("<html lang=\"en\">"));
    std::fs::write(dir.path().join("egenregi.kdl"), "language \"de\"\n").unwrap();
    let bad = run(&[]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown language `de`"));
}

fn pdftotext() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("pdftotext"))
        .find(|p| p.is_file())
}

/// Printed on A4, the ks-digital report takes at most 3 pages plus one per buyer with in-house
/// subscriptions, and each such buyer's section starts on a page of its own (its heading is the
/// first line of a page, read back from the PDF with poppler's `pdftotext`).
#[test]
fn the_ks_digital_report_prints_one_page_per_buyer() {
    let (Some(browser), Some(pdftotext)) = (browser(), pdftotext()) else {
        eprintln!(
            "SKIPPED the_ks_digital_report_prints_one_page_per_buyer: needs chromium and pdftotext \
             on PATH (Debian: apt-get install chromium poppler-utils)"
        );
        return;
    };
    let outcome = ks_digital();
    let inhouse: std::collections::BTreeSet<&str> = outcome
        .figures
        .decisions
        .iter()
        .filter(|d| &*d.subject.basis == "in-house")
        .filter_map(|d| d.subject.buyer.as_deref())
        .collect();
    // 15 municipalities and counties, and Viken until its dissolution
    assert_eq!(inhouse.len(), 16, "the example's buyers in-house");
    for lang in egenregi::i18n::Lang::ALL {
        let tmp = tempfile::tempdir().unwrap();
        let page = tmp.path().join("ks-digital.html");
        std::fs::write(
            &page,
            report::html::render_view(&outcome, &view(lang, None)),
        )
        .unwrap();
        let pdf = tmp.path().join("ks-digital.pdf");
        run_browser(
            &browser,
            &tmp.path().join("profile"),
            &page,
            &[
                "--no-pdf-header-footer",
                &format!("--print-to-pdf={}", pdf.display()),
            ],
        );
        let bytes = std::fs::read(&pdf).unwrap();
        let count = |needle: &[u8]| bytes.windows(needle.len()).filter(|w| *w == needle).count();
        let pages = count(b"/Type /Page") - count(b"/Type /Pages");
        eprintln!(
            "{lang:?}: {pages} A4 pages for {} in-house buyers",
            inhouse.len()
        );
        assert!(
            pages <= 3 + inhouse.len(),
            "{lang:?}: {pages} pages for {} buyers",
            inhouse.len()
        );
        let mut first_lines = Vec::new();
        for n in 1..=pages {
            let out = Command::new(&pdftotext)
                .args(["-f", &n.to_string(), "-l", &n.to_string()])
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            first_lines.push(
                text.lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
        for id in &inhouse {
            let name = &outcome.names[*id];
            let starts = first_lines
                .iter()
                .filter(|l| l.starts_with(&format!("{name} {id}")))
                .count();
            assert_eq!(
                starts, 1,
                "{lang:?}: `{id}` does not open a page: {first_lines:#?}"
            );
        }
    }
}
