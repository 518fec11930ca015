//! Generates a realistic, deterministic config repo at national scale (or any multiple of it),
//! clean by the standard of `examples/ks-digital`, optionally with known faults sprinkled in.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --scale national /tmp/corpus
//! cargo run --release --example gen-corpus -- --scale 10 --faults 50 --seed 7 /tmp/corpus-x10
//! cargo run --release --example gen-corpus -- --scale 10 --providers many /tmp/corpus-providers
//! ```
//!
//! National scale: 357 municipalities, 15 counties, ~200 state agencies, 60 services, ~15,000
//! subscriptions and 5 years of activity. `--scale N` multiplies every count (fractions too:
//! `--scale 0.05` is a small repo for tests). The same seed gives the same bytes.
//!
//! `--providers N` adds N regional inter-municipal companies (`ikt-…`), each owned in equal
//! shares by a block of up to eight member municipalities through an owners' council, selling
//! three services of its own to its owners in-house, with five years of activity; `--providers
//! many` gives one per eight municipalities, so the number of providers grows with the scale
//! (the shape that makes a per-provider walk over every entity quadratic). Without the flag the
//! bytes are those of earlier versions: the companies draw from a random stream of their own.
//!
//! Clean means what `examples/ks-digital` means: KS is the sole owner of KS Digital AS, whose
//! members' council seats are mandated by `members-of:ks`; every member municipality and county
//! buys in-house from 2024-01-01 on, with an assessment and a DPA signed before `since`; state
//! agencies buy after a tender or below the threshold; the qualifying share of every year (and so
//! of every three-year window) lies between 87.5 % and 90.5 %; every service has a critical-grade
//! SLA where critical, a DPIA, a ROS dated within a year of the pinned as-of 2026-11-22, and an
//! accessibility statement when public-facing; every evidence file exists. The only findings the
//! legal rules should give are the `inhouse/control-via-association` and
//! `inhouse/control-conflict` warnings (KS's structure, as in the bundled example).
//!
//! This file is also included by `tests/corpus.rs` and `benches/check.rs` (`#[path]`), so the
//! generator has one definition.
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line tool: the summary goes to stdout, usage errors to stderr"
)]
#![allow(
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    reason = "counts and amounts here are small, positive and well inside every type's range"
)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use egenregi::date::Date;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Config {
    /// 1.0 is national scale.
    pub scale: f64,
    /// How many known faults to sprinkle in.
    pub faults: usize,
    pub seed: u64,
    /// Regional inter-municipal companies besides KS Digital (see the module docs); 0 for none.
    pub providers: usize,
}

/// `--providers many`: one regional company per this many municipalities.
pub const MUNICIPALITIES_PER_PROVIDER: usize = 8;

impl Config {
    /// `--providers many` at `scale`: one regional company per eight municipalities.
    pub fn many_providers(scale: f64) -> usize {
        scaled(357, scale) / MUNICIPALITIES_PER_PROVIDER
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            scale: 1.0,
            faults: 0,
            seed: 2026,
            providers: 0,
        }
    }
}

/// The kinds of fault `--faults` injects, each with the rule that must report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FaultKind {
    /// `environments` spelt `enviroments` in a subscription.
    MisspeltField,
    /// `basis: inhouse` (not one of the allowed values).
    BadEnum,
    /// `until:` twice in one subscription.
    DuplicateKey,
    /// A subscription to a service id that does not exist.
    DanglingId,
    /// `labels: {country: NO}`: a YAML 1.1 boolean.
    NorwayScalar,
}

impl FaultKind {
    pub const ALL: [Self; 5] = [
        Self::MisspeltField,
        Self::BadEnum,
        Self::DuplicateKey,
        Self::DanglingId,
        Self::NorwayScalar,
    ];

    pub const fn rule(self) -> &'static str {
        match self {
            Self::MisspeltField => "schema/additional-properties",
            Self::BadEnum => "schema/enum",
            Self::DuplicateKey => "yaml/duplicate-key",
            Self::DanglingId => "ref/unknown",
            Self::NorwayScalar => "yaml/ambiguous-scalar",
        }
    }

    pub const fn name(self) -> &'static str {
        match self {
            Self::MisspeltField => "misspelt field",
            Self::BadEnum => "bad enum value",
            Self::DuplicateKey => "duplicate key",
            Self::DanglingId => "dangling id",
            Self::NorwayScalar => "Norway scalar",
        }
    }
}

/// One injected fault: where the finding must start.
#[derive(Debug, Clone)]
pub struct Fault {
    pub kind: FaultKind,
    /// Relative path, forward slashes.
    pub file: String,
    /// 1-based line.
    pub line: usize,
}

/// What was written.
#[derive(Debug, Default)]
pub struct Summary {
    pub files: usize,
    pub bytes: u64,
    pub documents: usize,
    pub municipalities: usize,
    pub counties: usize,
    pub agencies: usize,
    pub services: usize,
    pub subscriptions: usize,
    /// Regional companies written (`--providers`).
    pub providers: usize,
    pub faults: Vec<Fault>,
}

/// xorshift64*: small, fast and stable across platforms and releases (unlike a crate's RNG).
#[derive(Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// The 2024 county numbers and names (Oslo is a municipality with county tasks).
const COUNTIES: [(&str, &str); 15] = [
    ("03", "Oslo"),
    ("11", "Rogaland"),
    ("15", "Møre og Romsdal"),
    ("18", "Nordland"),
    ("31", "Østfold"),
    ("32", "Akershus"),
    ("33", "Buskerud"),
    ("34", "Innlandet"),
    ("39", "Vestfold"),
    ("40", "Telemark"),
    ("42", "Agder"),
    ("46", "Vestland"),
    ("50", "Trøndelag"),
    ("55", "Troms"),
    ("56", "Finnmark"),
];

const NAME_HEADS: &[&str] = &[
    "Bjørk", "Løv", "Sæt", "Ås", "Fjell", "Strand", "Hav", "Berg", "Dal", "Bø", "Frø", "Grå",
    "Sæl", "Lyng", "Myr", "Rød", "Ulv", "Bjørn", "Hval", "Hå", "Tø", "Kvit", "Stor", "Lille",
    "Nær", "Elv", "Furu", "Gran", "Hol", "Kjøl", "Lå", "Mø", "Nes", "Os", "Rå", "Sand", "Skjær",
    "Sol", "Stein", "Trå", "Vå", "Øy", "Ørn", "Ål", "Ask", "Eik", "Gjø", "Hamar", "Lun", "Rein",
];

const NAME_TAILS: &[&str] = &[
    "dal", "vik", "fjord", "nes", "øy", "berg", "stad", "heim", "land", "ås", "haug", "sund", "å",
    "bø", "våg", "eid", "rud", "set", "li", "sjø", "mo", "strand", "bygd", "tun", "øyri", "hamn",
];

const NAME_PREFIXES: &[&str] = &[
    "", "", "", "", "", "Nord-", "Sør-", "Øvre ", "Nedre ", "Vestre ", "Østre ",
];

const AGENCY_TOPICS: &[&str] = &[
    "byggkvalitet",
    "kulturminne",
    "havbruk",
    "fiskeri",
    "arbeid",
    "helse",
    "utdanning",
    "miljø",
    "samferdsel",
    "jernbane",
    "luftfart",
    "sjøfart",
    "energi",
    "vassdrag",
    "landbruk",
    "mat",
    "legemiddel",
    "strålevern",
    "beredskap",
    "brann",
    "politi",
    "toll",
    "skatt",
    "innkreving",
    "pensjon",
    "lånekasse",
    "husbank",
    "kartverk",
    "statistikk",
    "arkiv",
    "bibliotek",
    "kultur",
    "idrett",
    "forbruker",
    "konkurranse",
    "likestilling",
    "integrering",
    "barn",
    "familie",
    "ungdom",
    "eldre",
    "sjukehus",
    "veg",
    "havn",
    "klima",
    "natur",
    "forskning",
    "digitalisering",
    "personvern",
    "sikkerhet",
];

const AGENCY_FORMS: &[(&str, &str)] = &[
    ("Direktoratet for ", ""),
    ("Statens ", "senter"),
    ("", "tilsynet"),
    ("", "etaten"),
    ("Norsk ", "råd"),
    ("Statens ", "verk"),
    ("", "direktoratet"),
];

const SERVICE_AREAS: &[&str] = &[
    "Arkiv",
    "Byggesak",
    "Folkeregister",
    "Matrikkel",
    "Helse",
    "Skole",
    "Barnehage",
    "Politisk saksbehandling",
    "Innsyn",
    "Kart",
    "Eiendom",
    "Planregister",
    "Valg",
    "Barnevern",
    "Sosialtjeneste",
    "Skatt",
    "Faktura",
    "Innkreving",
    "Tilskudd",
    "Søknad",
    "Melding",
    "Signering",
    "Varsling",
    "Kalender",
    "Timebestilling",
    "Avfall",
    "Vann og avløp",
    "Parkering",
    "Bibliotek",
    "Kulturskole",
    "SFO",
    "Helsestasjon",
    "Hjemmetjeneste",
    "Omsorgslønn",
    "Startlån",
    "Bostøtte",
    "Flyktning",
    "Introduksjonsprogram",
    "Legevakt",
    "Smittevern",
    "Beredskap",
    "Brannvesen",
    "Feiing",
    "Landbruk",
    "Vilt",
    "Fiske",
    "Havn",
    "Samferdsel",
    "Skoleskyss",
    "Tannhelse",
    "Folkehelse",
    "Idrett",
    "Frivillighet",
    "Næringsregister",
    "Statistikk",
    "Rapportering",
];

/// The five core services, as in `examples/ks-digital`.
const CORE_SERVICES: [(&str, &str, &str); 5] = [
    ("fiks-plattform", "FIKS-plattformen", "fiks-plattform"),
    ("svarut", "SvarUt", "fiks-arkiv"),
    ("fiks-io", "FIKS IO", "fiks-integrasjon"),
    ("digisos", "Digisos", "fiks-digisos"),
    ("fiks-protokoll", "FIKS protokoll", "fiks-integrasjon"),
];

const CRITICALITIES: [&str; 4] = ["critical", "high", "medium", "low"];

/// A new municipality name, unique by its slug in `used`. About 9,000 names can be drawn: above
/// ×25 they run out, so after many misses in a row (never at ×10 and below, so those bytes are
/// unchanged) a number makes one unique instead of drawing forever.
pub(crate) fn municipality_name(rng: &mut Rng, used: &mut HashSet<String>) -> String {
    let mut misses = 0usize;
    loop {
        let n = format!(
            "{}{}{}",
            rng.pick(NAME_PREFIXES),
            rng.pick(NAME_HEADS),
            rng.pick(NAME_TAILS)
        );
        if used.insert(slug(&n)) {
            return n;
        }
        misses += 1;
        if misses >= 64 {
            let mut k = 2usize;
            while !used.insert(slug(&format!("{n} {k}"))) {
                k += 1;
            }
            return format!("{n} {k}");
        }
    }
}

/// `æøå` and spaces to an id: `Møre og Romsdal` → `more-og-romsdal`.
fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.to_lowercase().chars() {
        match c {
            'æ' => s.push_str("ae"),
            'ø' => s.push('o'),
            'å' => s.push('a'),
            'a'..='z' | '0'..='9' => s.push(c),
            _ if !s.ends_with('-') && !s.is_empty() => s.push('-'),
            _ => {}
        }
    }
    let s = s.trim_end_matches('-');
    s[..s.len().min(50)].trim_end_matches('-').to_owned()
}

/// A valid MOD11 organisation number (weights 3,2,7,6,5,4,3,2), unique within `used`.
fn orgnr(rng: &mut Rng, used: &mut HashSet<String>) -> String {
    const WEIGHTS: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];
    loop {
        let mut digits = [0u32; 8];
        digits[0] = if rng.chance(0.5) { 8 } else { 9 };
        for d in &mut digits[1..] {
            *d = rng.below(10) as u32;
        }
        let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
        let check = match 11 - sum % 11 {
            11 => 0,
            10 => continue, // no valid check digit: draw another number
            c => c,
        };
        let mut s: String = digits.iter().map(|d| char::from(b'0' + *d as u8)).collect();
        s.push(char::from(b'0' + check as u8));
        if used.insert(s.clone()) {
            return s;
        }
    }
}

fn date(s: &str) -> Date {
    Date::parse(s).unwrap_or(Date {
        year: 2024,
        month: 1,
        day: 1,
    })
}

fn add_days(d: Date, days: i64) -> Date {
    Date::from_days(d.days() + days)
}

/// An amount in øre as `1234567.89`.
fn money(ore: u64) -> String {
    format!("{}.{:02}", ore / 100, ore % 100)
}

fn scaled(n: usize, scale: f64) -> usize {
    ((n as f64 * scale).round() as usize).max(1)
}

#[derive(Debug)]
struct Member {
    entity: String,
    tenant: String,
    name: String,
    /// Municipality or county number, unique per member: names files and DPA references.
    number: String,
    /// The number written as `municipality_number`/`county_number`: a real one, still in use,
    /// from the register egenregi checks against; `None` once the county's real numbers are
    /// used up (at scales above ×1), since no two entities may share one.
    registered: Option<&'static str>,
    county: bool,
    /// Established 2024-01-01 (a 2024 split); a member from then on.
    new_2024: bool,
    /// Relative size, for activity amounts.
    weight: f64,
}

#[derive(Debug)]
struct Agency {
    id: String,
    name: String,
    subscriptions: Vec<AgencySub>,
}

#[derive(Debug)]
struct AgencySub {
    service: usize,
    since: Date,
    /// `Some(annual value in NOK)` for below-threshold, `None` for a tender.
    below: Option<u64>,
}

#[derive(Debug)]
struct Service {
    id: String,
    name: String,
    team: String,
    criticality: &'static str,
    personal: bool,
    special: bool,
    public: bool,
    depends_on: Vec<usize>,
    /// The entity that runs it: `ks-digital`, or a regional company.
    provider: String,
}

/// A regional inter-municipal company (`--providers`): owned in equal shares by a block of
/// member municipalities, which buy its services in-house.
#[derive(Debug)]
struct Regional {
    id: String,
    name: String,
    /// Indices into the members: its owners and only customers in-house.
    owners: Vec<usize>,
    /// Indices into the regional services.
    services: Vec<usize>,
}

/// Files of the repo being built, with the faults injected so far.
struct Repo {
    root: PathBuf,
    summary: Summary,
}

impl Repo {
    fn write(&mut self, rel: &str, text: &str) -> std::io::Result<()> {
        let path = self.root.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, text)?;
        self.summary.files += 1;
        self.summary.bytes += text.len() as u64;
        self.summary.documents +=
            text.matches("\napiVersion: ").count() + usize::from(text.starts_with("apiVersion: "));
        Ok(())
    }
}

/// Which faults go where: (tenant index, subscription index) → kind, and tenants with labels.
struct FaultPlan {
    subs: std::collections::HashMap<(usize, usize), FaultKind>,
    norway: HashSet<usize>,
}

/// Generates the repo into `out` (created if missing; existing files are overwritten).
pub fn generate(out: &Path, config: &Config) -> std::io::Result<Summary> {
    let mut rng = Rng::new(config.seed);
    let scale = config.scale;
    let mut repo = Repo {
        root: out.to_path_buf(),
        summary: Summary::default(),
    };
    let mut orgnrs = HashSet::new();
    let mut entity_ids: HashSet<String> = ["ks".to_owned(), "ks-digital".to_owned()].into();
    let mut tenant_ids: HashSet<String> = HashSet::new();

    // ---- services ----
    let n_services = scaled(60, scale).max(CORE_SERVICES.len());
    let mut services = Vec::with_capacity(n_services);
    let mut service_ids = HashSet::new();
    for i in 0..n_services {
        let (id, name, team) = if let Some((id, name, team)) = CORE_SERVICES.get(i) {
            ((*id).to_owned(), (*name).to_owned(), (*team).to_owned())
        } else {
            let k = i - CORE_SERVICES.len();
            let area = SERVICE_AREAS[k % SERVICE_AREAS.len()];
            let round = k / SERVICE_AREAS.len();
            let name = if round == 0 {
                format!("FIKS {area}")
            } else {
                format!("FIKS {area} {}", round + 1)
            };
            let team = format!("fiks-{}", slug(area));
            (slug(&name), name, team)
        };
        service_ids.insert(id.clone());
        // The platform and the first core services are critical; the rest a realistic spread.
        let criticality = if i < 3 {
            "critical"
        } else {
            CRITICALITIES[[0, 1, 1, 1, 2, 2, 2, 3][rng.below(8)]]
        };
        // A service depends only on earlier ones at least as critical: no cycles, and no
        // critical service leaning on a medium or low one.
        let rank = |c: &str| CRITICALITIES.iter().position(|x| *x == c).unwrap_or(3);
        let mut depends_on = Vec::new();
        if i > 0 {
            depends_on.push(0);
            for _ in 0..rng.below(3) {
                let j = rng.below(i);
                if j != 0
                    && rank(services_crit(&services, j)) <= rank(criticality)
                    && !depends_on.contains(&j)
                {
                    depends_on.push(j);
                }
            }
        }
        services.push(Service {
            id,
            name,
            team,
            criticality,
            personal: i < 5 || rng.chance(0.8),
            special: i == 3 || rng.chance(0.1),
            public: i == 1 || i == 3 || rng.chance(0.3),
            depends_on,
            provider: "ks-digital".to_owned(),
        });
    }
    repo.summary.services = services.len();

    // ---- members: municipalities and counties ----
    let n_municipalities = scaled(357, scale);
    let n_counties = scaled(15, scale);
    let mut members = Vec::new();
    let mut names_used = HashSet::new();
    let mut numbers_used: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let municipality_numbers = egenregi::model::register::municipalities().rows();
    for i in 0..n_municipalities {
        let (county, _) = COUNTIES[i % COUNTIES.len()];
        let name = municipality_name(&mut rng, &mut names_used);
        let seq = numbers_used.entry(county).or_insert(0);
        *seq += 1;
        // 01..99 per county; past that (scales above ×4) numbers repeat, which no rule forbids.
        let number = format!("{county}{:02}", (*seq - 1) % 99 + 1);
        let registered = municipality_numbers
            .iter()
            .filter(|r| r.is_open() && r.number.starts_with(county))
            .nth(*seq - 1)
            .map(|r| r.number);
        let tenant = unique(&mut tenant_ids, slug(&name));
        let entity = unique(&mut entity_ids, format!("{tenant}-kommune"));
        members.push(Member {
            entity,
            tenant,
            name: format!("{name} kommune"),
            number,
            registered,
            county: false,
            new_2024: rng.chance(0.03),
            weight: 0.3 + rng.unit().powi(3) * 20.0,
        });
    }
    for i in 0..n_counties {
        let (number, base) = COUNTIES[i % COUNTIES.len()];
        let round = i / COUNTIES.len();
        let name = if round == 0 {
            format!("{base} fylkeskommune")
        } else {
            format!("{base} fylkeskommune {}", round + 1)
        };
        let tenant = unique(
            &mut tenant_ids,
            slug(&name.replace(" fylkeskommune", "")) + "-fylke",
        );
        let entity = unique(&mut entity_ids, slug(&name));
        members.push(Member {
            entity,
            tenant,
            name,
            number: number.to_owned(),
            registered: (round == 0).then_some(number),
            county: true,
            new_2024: matches!(number, "31" | "32" | "33" | "39" | "40" | "55" | "56")
                && round == 0,
            weight: 2.0 + rng.unit() * 6.0,
        });
    }
    repo.summary.municipalities = n_municipalities;
    repo.summary.counties = n_counties;

    // ---- state agencies ----
    let n_agencies = scaled(200, scale);
    let mut agencies = Vec::with_capacity(n_agencies);
    let mut k = 0usize;
    while agencies.len() < n_agencies {
        let topic = AGENCY_TOPICS[k % AGENCY_TOPICS.len()];
        let (pre, post) = AGENCY_FORMS[(k / AGENCY_TOPICS.len()) % AGENCY_FORMS.len()];
        let round = k / (AGENCY_TOPICS.len() * AGENCY_FORMS.len());
        k += 1;
        let mut name = if pre.is_empty() {
            let mut c = topic.chars();
            c.next().map_or_else(String::new, |f| {
                f.to_uppercase().collect::<String>() + c.as_str()
            }) + post
        } else {
            format!("{pre}{topic}{post}")
        };
        if round > 0 {
            name = format!("{name} region {}", round + 1);
        }
        let id = slug(&name);
        if entity_ids.contains(&id) || tenant_ids.contains(&id) {
            continue;
        }
        entity_ids.insert(id.clone());
        tenant_ids.insert(id.clone());
        let mut subscriptions = Vec::new();
        for _ in 0..=rng.below(2) {
            let service = rng.below(services.len());
            if subscriptions
                .iter()
                .any(|s: &AgencySub| s.service == service)
            {
                continue;
            }
            let since = add_days(date("2021-01-01"), rng.range(0, 5 * 365));
            // An open-ended contract counts as 48 months (DESIGN §3.5): at most 24 000 a year
            // keeps the whole contract under the 100 000 floor.
            let below = rng.chance(0.3).then(|| rng.range(5, 24) as u64 * 1000);
            subscriptions.push(AgencySub {
                service,
                since,
                below,
            });
        }
        agencies.push(Agency {
            id,
            name,
            subscriptions,
        });
    }
    repo.summary.agencies = agencies.len();

    // ---- member subscriptions: which services, from when ----
    let mut member_subs: Vec<Vec<(usize, Date)>> = Vec::with_capacity(members.len());
    for m in &members {
        let count = (25 + rng.below(29)).min(services.len());
        // The platform always, then a random subset in service order.
        let mut chosen: Vec<usize> = (1..services.len()).collect();
        for i in (1..chosen.len()).rev() {
            let j = rng.below(i + 1);
            chosen.swap(i, j);
        }
        chosen.truncate(count.saturating_sub(1));
        chosen.push(0);
        chosen.sort_unstable();
        let first = if m.new_2024 {
            date("2024-02-01")
        } else {
            date("2024-01-01")
        };
        let subs = chosen
            .into_iter()
            .map(|s| {
                let since = if rng.chance(0.6) {
                    first
                } else {
                    add_days(first, rng.range(0, 1000))
                };
                (s, since)
            })
            .collect();
        member_subs.push(subs);
    }
    repo.summary.subscriptions = member_subs.iter().map(Vec::len).sum::<usize>()
        + agencies
            .iter()
            .map(|a| a.subscriptions.len())
            .sum::<usize>();

    // ---- regional companies (`--providers`), from a random stream of their own ----
    let mut regional_rng = Rng::new(config.seed ^ 0x1C7_5E1A);
    let (regionals, regional_services, extra) = plan_regionals(
        config.providers,
        &members,
        &mut entity_ids,
        &mut service_ids,
        &mut regional_rng,
    );
    repo.summary.providers = regionals.len();
    repo.summary.services += regional_services.len();
    repo.summary.subscriptions += regionals
        .iter()
        .map(|r| r.owners.len() * r.services.len())
        .sum::<usize>();

    // ---- the fault plan ----
    // At most one fault per tenant document: a document that fails its schema is not checked
    // further, so a second fault in it could hide behind the first.
    let mut plan = FaultPlan {
        subs: std::collections::HashMap::new(),
        norway: HashSet::new(),
    };
    let mut tenants: Vec<usize> = (0..members.len()).collect();
    for i in (1..tenants.len()).rev() {
        let j = rng.below(i + 1);
        tenants.swap(i, j);
    }
    for (i, &t) in tenants.iter().take(config.faults).enumerate() {
        let kind = FaultKind::ALL[i % FaultKind::ALL.len()];
        if kind == FaultKind::NorwayScalar {
            plan.norway.insert(t);
        } else {
            plan.subs.insert((t, rng.below(member_subs[t].len())), kind);
        }
    }
    if config.faults > members.len() {
        eprintln!(
            "gen-corpus: {} faults asked, {} placed (one per member tenant)",
            config.faults,
            members.len()
        );
    }

    // ---- write ----
    repo.write(
        "egenregi.kdl",
        "// egenregi repository config of a generated national-scale corpus (KDL v2).\n\
         // Evaluation date, pinned so that every run gives the same findings.\n\
         as-of \"2026-11-22\"\n\
         // Citation and threshold pack: Norwegian procurement law.\n\
         jurisdiction \"no\"\n",
    )?;
    write_docs(&mut repo)?;
    write_owners(&mut repo, &mut rng, &mut orgnrs)?;
    write_members(&mut repo, &members, &mut rng, &mut orgnrs)?;
    write_agencies(&mut repo, &agencies, &mut rng, &mut orgnrs)?;
    for (i, s) in services.iter().enumerate() {
        write_service(&mut repo, &services, i, s, &mut rng)?;
    }
    write_regionals(
        &mut repo,
        &regionals,
        &members,
        &mut regional_rng,
        &mut orgnrs,
    )?;
    for (i, s) in regional_services.iter().enumerate() {
        write_service(&mut repo, &regional_services, i, s, &mut regional_rng)?;
    }
    for (t, m) in members.iter().enumerate() {
        write_member_tenant(
            &mut repo,
            t,
            m,
            &member_subs[t],
            &services,
            &service_ids,
            &plan,
            &mut rng,
        )?;
        if let Some(text) = extra.get(t).filter(|x| !x.is_empty()) {
            append(&mut repo, &format!("tenants/{}.yaml", m.tenant), text)?;
        }
    }
    for a in &agencies {
        write_agency_tenant(&mut repo, a, &services, &mut rng)?;
    }
    write_activity(&mut repo, &members, &agencies, &mut rng)?;
    write_regional_activity(&mut repo, &regionals, &members, &mut regional_rng)?;
    repo.summary
        .faults
        .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    Ok(repo.summary)
}

fn services_crit(services: &[Service], i: usize) -> &'static str {
    services[i].criticality
}

/// `base`, or `base-2`, `base-3`, ... whichever is free; records it as used.
fn unique(used: &mut HashSet<String>, base: String) -> String {
    if used.insert(base.clone()) {
        return base;
    }
    let mut n = 2usize;
    loop {
        let candidate = format!("{base}-{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

fn write_docs(repo: &mut Repo) -> std::io::Result<()> {
    let placeholder = |what: &str| {
        format!(
            "Placeholder for {what}.\nNot a real document: the generated corpus only needs the path to exist so that `evidence/missing` stays quiet.\n"
        )
    };
    repo.write(
        "docs/vedtekter.pdf",
        &placeholder("the articles of association of KS Digital AS"),
    )?;
    repo.write(
        "docs/ks-vedtekter.pdf",
        &placeholder("the articles of association of KS"),
    )?;
    repo.write(
        "docs/legal-opinion-control.pdf",
        &placeholder("the legal opinion on joint control through KS's members' council"),
    )?;
    for year in 2021..=2025 {
        repo.write(
            &format!("reports/arsregnskap-{year}.pdf"),
            &placeholder(&format!("the annual accounts of KS Digital AS for {year}")),
        )?;
    }
    Ok(())
}

fn write_owners(
    repo: &mut Repo,
    rng: &mut Rng,
    orgnrs: &mut HashSet<String>,
) -> std::io::Result<()> {
    let ks = format!(
        "# Entity: KS, the association of Norway's municipalities and counties, sole owner of KS Digital AS.\n\
apiVersion: egenregi/v1\n\
kind: Entity\n\
metadata:\n\
\x20 id: ks\n\
\x20 name: KS (Kommunesektorens organisasjon)\n\
spec:\n\
\x20 type: association\n\
\x20 orgnr: \"{}\"\n\
\x20 contracting_authority: true\n\
\x20 governance:\n\
\x20   - id: landsting\n\
\x20     type: assembly\n\
\x20     composition: members\n\
\x20     decides: [strategy, significant-decisions, articles, board]\n\
\x20   - id: hovedstyret\n\
\x20     type: board\n\
\x20     decides: [operations]\n\
\x20 articles:\n\
\x20   non_commercial: true\n\
\x20   profit_distribution: prohibited\n\
\x20   private_owners_allowed: false\n\
\x20   purpose: \"Interest organisation and employer organisation for the municipal sector\"\n\
\x20   evidence: docs/ks-vedtekter.pdf\n",
        orgnr(rng, orgnrs)
    );
    repo.write("entities/ks.yaml", &ks)?;
    let provider = format!(
        "# Entity: KS Digital AS, the non-commercial company that runs the FIKS services, owned 100 % by KS.\n\
apiVersion: egenregi/v1\n\
kind: Entity\n\
metadata:\n\
\x20 id: ks-digital\n\
\x20 name: KS Digital AS\n\
\x20 labels:\n\
\x20   role: provider\n\
spec:\n\
\x20 type: company\n\
\x20 orgnr: \"{}\"\n\
\x20 contracting_authority: true\n\
\x20 established: 2021-01-01\n\
\x20 owners:\n\
\x20   - entity: ks\n\
\x20     share: 100\n\
\x20     votes: 100\n\
\x20     mandated_by_law: false\n\
\x20 governance:\n\
\x20   - id: general-meeting\n\
\x20     type: general-meeting\n\
\x20     composition: owners\n\
\x20     decides: [articles, board]\n\
\x20   - id: members-council\n\
\x20     type: council\n\
\x20     decides: [strategy, significant-decisions]\n\
\x20     seats:\n\
\x20       - mandated_by: [members-of:ks]\n\
\x20         count: 9\n\
\x20   - id: board\n\
\x20     type: board\n\
\x20     decides: [operations]\n\
\x20 articles:\n\
\x20   non_commercial: true\n\
\x20   profit_distribution: prohibited\n\
\x20   private_owners_allowed: false\n\
\x20   purpose: \"Deliver shared digital services to the municipal sector at cost, without a commercial purpose\"\n\
\x20   evidence: docs/vedtekter.pdf\n\
\x20 legal_opinions:\n\
\x20   - topic: control-via-association\n\
\x20     reference: \"Opinion on joint control through KS's members' council, 2023-05-02\"\n\
\x20     evidence: docs/legal-opinion-control.pdf\n",
        orgnr(rng, orgnrs)
    );
    repo.write("entities/ks-digital.yaml", &provider)
}

/// Entities files hold at most this many documents (the loader's limit is 1,000).
const DOCS_PER_FILE: usize = 200;

fn write_members(
    repo: &mut Repo,
    members: &[Member],
    rng: &mut Rng,
    orgnrs: &mut HashSet<String>,
) -> std::io::Result<()> {
    for (county_number, county_name) in COUNTIES {
        let mut in_county: Vec<&Member> = members
            .iter()
            .filter(|m| !m.county && m.number.starts_with(county_number))
            .collect();
        in_county.sort_by(|a, b| a.number.cmp(&b.number));
        for (part, chunk) in in_county.chunks(DOCS_PER_FILE).enumerate() {
            let mut text = format!(
                "# Entities: the member municipalities (kommuner) in {county_name}; one document each.\n"
            );
            for m in chunk {
                write_member_entity(&mut text, m, rng, orgnrs);
            }
            let file = part_file(&format!("entities/kommuner/{}", slug(county_name)), part);
            repo.write(&file, &text)?;
        }
    }
    let counties: Vec<&Member> = members.iter().filter(|m| m.county).collect();
    for (part, chunk) in counties.chunks(DOCS_PER_FILE).enumerate() {
        let mut text = String::from(
            "# Entities: the member counties (fylkeskommuner) that buy from KS Digital; one document each.\n",
        );
        for m in chunk {
            write_member_entity(&mut text, m, rng, orgnrs);
        }
        let file = part_file("entities/fylkeskommuner", part);
        repo.write(&file, &text)?;
    }
    Ok(())
}

/// The file for chunk `part` of a list: `base.yaml`, then `base-2.yaml`, `base-3.yaml`, ...
fn part_file(base: &str, part: usize) -> String {
    if part == 0 {
        format!("{base}.yaml")
    } else {
        format!("{base}-{}.yaml", part + 1)
    }
}

fn write_member_entity(text: &mut String, m: &Member, rng: &mut Rng, orgnrs: &mut HashSet<String>) {
    let (kind, number_key) = if m.county {
        ("county", "county_number")
    } else {
        ("municipality", "municipality_number")
    };
    let _ = write!(
        text,
        "---\napiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: {}\n  name: {}\nspec:\n  type: {kind}\n  orgnr: \"{}\"\n",
        m.entity,
        m.name,
        orgnr(rng, orgnrs),
    );
    if let Some(n) = m.registered {
        let _ = writeln!(text, "  {number_key}: \"{n}\"");
    }
    if m.new_2024 {
        text.push_str(
            "  established: 2024-01-01   # created by the 2024 regional reform\n  member_of:\n    - association: ks\n      from: 2024-01-01\n      to: null\n",
        );
    } else {
        text.push_str("  member_of: [ks]\n");
    }
}

fn write_agencies(
    repo: &mut Repo,
    agencies: &[Agency],
    rng: &mut Rng,
    orgnrs: &mut HashSet<String>,
) -> std::io::Result<()> {
    for (part, chunk) in agencies.chunks(DOCS_PER_FILE).enumerate() {
        let mut text = String::from(
            "# Entities: state agencies that buy from KS Digital outside the in-house exemption (tender, below threshold).\n",
        );
        for a in chunk {
            let _ = write!(
                text,
                "---\napiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: {}\n  name: {}\nspec:\n  type: state-agency\n  orgnr: \"{}\"\n",
                a.id,
                a.name,
                orgnr(rng, orgnrs)
            );
        }
        let file = part_file("entities/statlige-virksomheter", part);
        repo.write(&file, &text)?;
    }
    Ok(())
}

fn write_service(
    repo: &mut Repo,
    services: &[Service],
    i: usize,
    s: &Service,
    rng: &mut Rng,
) -> std::io::Result<()> {
    let launched = add_days(date("2012-01-01"), rng.range(0, 8 * 365));
    let sla = match s.criticality {
        "critical" => format!(
            "{{ availability: {}, support: \"24/7\", rto: {}h, rpo: {}m }}",
            rng.pick(&["99.5", "99.7", "99.8", "99.9"]),
            rng.range(1, 4),
            rng.pick(&[5, 15, 30, 60])
        ),
        "high" => format!(
            "{{ availability: {}, support: \"24/7\", rto: {}h, rpo: 1h }}",
            rng.pick(&["99.5", "99.7"]),
            rng.range(4, 8)
        ),
        _ => format!(
            "{{ availability: {}, support: \"08-16\", rto: 1d, rpo: 4h }}",
            rng.pick(&["99.0", "99.5"])
        ),
    };
    let dpia = add_days(date("2023-01-01"), rng.range(0, 900));
    // Within a year of the pinned as-of date 2026-11-22.
    let ros = add_days(date("2025-12-01"), rng.range(0, 330));
    let classification = if s.special {
        "confidential"
    } else {
        rng.pick(&["internal", "confidential", "internal", "open"])
    };
    let mut text = format!(
        "# Service: {}, a shared digital service run by KS Digital for the municipal sector.\n\
apiVersion: egenregi/v1\n\
kind: Service\n\
metadata:\n\
\x20 id: {}\n\
\x20 name: {}\n\
spec:\n\
\x20 provider: {}\n\
\x20 owner: {{ team: {}, email: {}@{}.example.no }}\n\
\x20 lifecycle: {{ stage: active, launched: {launched}, sunset: null }}\n\
\x20 criticality: {}\n\
\x20 sla: {sla}\n\
\x20 data:\n\
\x20   personal_data: {}\n\
\x20   special_categories: {}\n\
\x20   classification: {classification}\n\
\x20   dpia: {{ reference: DPIA-{}-{:02}, date: {dpia} }}\n\
\x20   archive: {{ noark5: {} }}\n\
\x20 hosting:\n\
\x20   operator: \"KS Digital, own operations\"\n\
\x20   regions: [no-east, no-west]\n\
\x20   jurisdiction: eea\n\
\x20   transfer_mechanism: null\n\
\x20   tia: null\n\
\x20 security:\n\
\x20   ros: {{ reference: ROS-{}-{:02}, date: {ros} }}\n",
        s.name,
        s.id,
        s.name,
        s.provider,
        s.team,
        s.team,
        s.provider,
        s.criticality,
        s.personal,
        s.special,
        dpia.year,
        i % 100,
        rng.chance(0.4),
        ros.year,
        i % 100,
    );
    if s.public {
        let _ = writeln!(
            text,
            "  accessibility:\n    public_facing: true\n    wcag: \"2.1-AA\"\n    statement_url: \"https://ks-digital.example.no/tilgjengelighet/{}\"",
            s.id
        );
    } else {
        text.push_str("  accessibility: { public_facing: false }\n");
    }
    let deps: Vec<&str> = s
        .depends_on
        .iter()
        .map(|&d| services[d].id.as_str())
        .collect();
    let _ = writeln!(text, "  depends_on: [{}]", deps.join(", "));
    let _ = writeln!(
        text,
        "  tenancy: {{ model: {} }}",
        if rng.chance(0.9) {
            "shared"
        } else {
            "dedicated"
        }
    );
    repo.write(&format!("services/{}.yaml", s.id), &text)
}

#[allow(
    clippy::too_many_arguments,
    reason = "one call site; a struct would only rename them"
)]
fn write_member_tenant(
    repo: &mut Repo,
    t: usize,
    m: &Member,
    subs: &[(usize, Date)],
    services: &[Service],
    service_ids: &HashSet<String>,
    plan: &FaultPlan,
    rng: &mut Rng,
) -> std::io::Result<()> {
    let file = format!("tenants/{}.yaml", m.tenant);
    let mut faults = Vec::new();
    let mut text = format!(
        "# Tenant: {}, buying FIKS services from KS Digital in-house (utvidet egenregi) through its KS membership.\n\
apiVersion: egenregi/v1\n\
kind: Tenant\n\
metadata:\n\
\x20 id: {}\n\
\x20 name: {}\n",
        m.name, m.tenant, m.name
    );
    if plan.norway.contains(&t) {
        faults.push((
            FaultKind::NorwayScalar,
            text.len() + "  labels: {country: ".len(),
        ));
        text.push_str("  labels: {country: NO}\n");
    }
    let _ = write!(text, "spec:\n  entity: {}\n  subscriptions:\n", m.entity);
    let case = rng.range(1, 9999);
    for (k, (s, since)) in subs.iter().enumerate() {
        let service = &services[*s];
        let fault = plan.subs.get(&(t, k)).copied();
        let assessed = add_days(*since, -rng.range(20, 60));
        let signed = add_days(*since, -rng.range(3, 45));
        let id = if fault == Some(FaultKind::DanglingId) {
            let mut id = format!("{}-gammel", service.id);
            while service_ids.contains(&id) {
                id.push('x');
            }
            faults.push((FaultKind::DanglingId, text.len() + "    - service: ".len()));
            id
        } else {
            service.id.clone()
        };
        let _ = writeln!(text, "    - service: {id}");
        let _ = writeln!(text, "      since: {since}");
        text.push_str("      until: null\n");
        if fault == Some(FaultKind::DuplicateKey) {
            faults.push((FaultKind::DuplicateKey, text.len() + "      ".len()));
            text.push_str("      until: null\n");
        }
        if fault == Some(FaultKind::BadEnum) {
            faults.push((FaultKind::BadEnum, text.len() + "      basis: ".len()));
            text.push_str("      basis: inhouse\n");
        } else {
            text.push_str("      basis: in-house\n");
        }
        let _ = writeln!(
            text,
            "      assessment: \"Egenregivurdering {}-{:02}, {} sak {}/{case:04}\"",
            assessed.year,
            assessed.month,
            m.name,
            assessed.year % 100
        );
        let _ = writeln!(
            text,
            "      dpa: {{ signed: {signed}, reference: DBA-{}-{} }}",
            m.number, service.id
        );
        let envs = if rng.chance(0.5) {
            "[production, test]"
        } else {
            "[production]"
        };
        if fault == Some(FaultKind::MisspeltField) {
            faults.push((FaultKind::MisspeltField, text.len() + "      ".len()));
            let _ = writeln!(text, "      enviroments: {envs}");
        } else {
            let _ = writeln!(text, "      environments: {envs}");
        }
    }
    for (kind, offset) in faults {
        repo.summary.faults.push(Fault {
            kind,
            file: file.clone(),
            line: text[..offset].matches('\n').count() + 1,
        });
    }
    repo.write(&file, &text)
}

fn write_agency_tenant(
    repo: &mut Repo,
    a: &Agency,
    services: &[Service],
    rng: &mut Rng,
) -> std::io::Result<()> {
    let mut text = format!(
        "# Tenant: {}, a state agency: it never controls KS Digital, so it buys after a tender or below the threshold.\n\
apiVersion: egenregi/v1\n\
kind: Tenant\n\
metadata:\n\
\x20 id: {}\n\
\x20 name: {}\n\
spec:\n\
\x20 entity: {}\n\
\x20 subscriptions:\n",
        a.name, a.id, a.name, a.id
    );
    for s in &a.subscriptions {
        let service = &services[s.service];
        let signed = add_days(s.since, -rng.range(3, 30));
        let _ = write!(
            text,
            "    - service: {}\n      since: {}\n      until: null\n",
            service.id, s.since
        );
        if let Some(value) = s.below {
            let _ = writeln!(
                text,
                "      basis: below-threshold\n      annual_value: {value}       # NOK excl. VAT; × 4 (open-ended: 48 months) under the 100 000 floor"
            );
        } else {
            let awarded = add_days(s.since, -rng.range(20, 60));
            let _ = writeln!(
                text,
                "      basis: tender\n      procurement: {{ reference: \"{}-{:06}\", awarded: {awarded} }}",
                awarded.year,
                rng.range(100_000, 999_999)
            );
        }
        let _ = writeln!(
            text,
            "      dpa: {{ signed: {signed}, reference: DBA-{}-{} }}\n      environments: [production]",
            a.id, service.id
        );
    }
    repo.write(&format!("tenants/{}.yaml", a.id), &text)
}

/// Five years of actual turnover. Each year's qualifying share is drawn in 87.5–90.5 %, so every
/// three-year window lies in that band too (a window's share is a weighted mean of its years').
fn write_activity(
    repo: &mut Repo,
    members: &[Member],
    agencies: &[Agency],
    rng: &mut Rng,
) -> std::io::Result<()> {
    for (y, year) in (2021..=2025).enumerate() {
        let growth = 1.0 + 0.07 * y as f64;
        let mut lines = String::new();
        let mut qualifying: u64 = 0;
        for m in members {
            if m.new_2024 && year < 2024 {
                continue;
            }
            let ore = (m.weight * growth * 150_000.0 * (0.9 + 0.2 * rng.unit())) as u64 * 100
                + rng.below(2) as u64 * 50;
            qualifying += ore;
            let _ = writeln!(
                lines,
                "    - customer: {}\n      amount: {}",
                m.entity,
                money(ore)
            );
        }
        let group = qualifying / 2 / 100 * 100;
        qualifying += group;
        let _ = writeln!(
            lines,
            "    - group: members-of:ks        # small orders from members, lumped\n      amount: {}",
            money(group)
        );
        // Non-qualifying N = Q (100 − s) / s, with s in 87.5..90.5 (in basis points).
        let share_bp = rng.range(8750, 9050) as u64;
        let non_qualifying = qualifying * (10_000 - share_bp) / share_bp;
        let mut left = non_qualifying;
        let mut below_total = 0;
        let buying: Vec<(&Agency, &AgencySub)> = agencies
            .iter()
            .flat_map(|a| a.subscriptions.iter().map(move |s| (a, s)))
            .filter(|(_, s)| s.since.year <= year)
            .collect();
        for (a, s) in &buying {
            if let Some(value) = s.below {
                let ore = value * 100 * 9 / 10;
                below_total += ore;
                let _ = writeln!(
                    lines,
                    "    - customer: {}   # below threshold\n      amount: {}",
                    a.id,
                    money(ore)
                );
            }
        }
        left = left.saturating_sub(below_total);
        let mut tenders: Vec<&Agency> = buying
            .iter()
            .filter(|(_, s)| s.below.is_none())
            .map(|(a, _)| *a)
            .collect();
        tenders.dedup_by(|a, b| a.id == b.id);
        let open_market = left / 6;
        left -= open_market;
        let per = if tenders.is_empty() {
            0
        } else {
            left / tenders.len() as u64
        };
        for (i, a) in tenders.iter().enumerate() {
            let ore = if i + 1 == tenders.len() {
                left - per * (tenders.len() as u64 - 1)
            } else {
                per
            };
            let _ = writeln!(
                lines,
                "    - customer: {}   # tender\n      amount: {}",
                a.id,
                money(ore)
            );
        }
        let open_market = if tenders.is_empty() {
            open_market + left
        } else {
            open_market
        };
        let _ = writeln!(
            lines,
            "    - other: open-market   # never qualifying\n      amount: {}",
            money(open_market)
        );
        let grant = (5_000_000 + rng.below(3_000_000) as u64) * 100;
        let _ = writeln!(
            lines,
            "    - customer: ks                 # DigiFin funding passed through KS: a grant, not turnover\n      amount: {}\n      type: grant",
            money(grant)
        );
        let text = format!(
            "# ActivityReport: KS Digital's actual turnover for {year}, from the annual accounts, by customer.\n\
# Qualifying share drawn for {year}: {}.{:02} % (qualifying {} NOK, non-qualifying {} NOK).\n\
apiVersion: egenregi/v1\n\
kind: ActivityReport\n\
metadata:\n\
\x20 id: ks-digital-{year}\n\
\x20 name: KS Digital AS, activity {year}\n\
spec:\n\
\x20 provider: ks-digital\n\
\x20 year: {year}\n\
\x20 basis: actual\n\
\x20 measure: turnover\n\
\x20 currency: NOK\n\
\x20 evidence: reports/arsregnskap-{year}.pdf\n\
\x20 projection: null\n\
\x20 lines:\n{lines}",
            share_bp / 100,
            share_bp % 100,
            money(qualifying),
            money(non_qualifying),
        );
        repo.write(&format!("activity/ks-digital-{year}.yaml"), &text)?;
    }
    Ok(())
}

/// The regional companies: one per block of [`MUNICIPALITIES_PER_PROVIDER`] municipalities (at
/// most `count`), three services each, and per member the YAML of its extra subscriptions.
fn plan_regionals(
    count: usize,
    members: &[Member],
    entity_ids: &mut HashSet<String>,
    service_ids: &mut HashSet<String>,
    rng: &mut Rng,
) -> (Vec<Regional>, Vec<Service>, Vec<String>) {
    let mut regionals = Vec::new();
    let mut services = Vec::new();
    let mut extra = vec![String::new(); members.len()];
    let municipalities: Vec<usize> = (0..members.len()).filter(|&i| !members[i].county).collect();
    for block in municipalities
        .chunks(MUNICIPALITIES_PER_PROVIDER)
        .take(count)
    {
        let first = &members[block[0]];
        let id = unique(entity_ids, format!("ikt-{}", first.tenant));
        let name = format!("IKT {} IKS", first.name.trim_end_matches(" kommune"));
        let mut own = Vec::new();
        for k in 0..3 {
            let area =
                SERVICE_AREAS[(rng.below(SERVICE_AREAS.len()) + k * 7) % SERVICE_AREAS.len()];
            let sid = unique(service_ids, format!("{id}-{}", slug(area)));
            own.push(services.len());
            services.push(Service {
                id: sid,
                name: format!("{name} {area}"),
                team: format!("{id}-drift"),
                criticality: CRITICALITIES[1 + rng.below(3)],
                personal: rng.chance(0.5),
                special: false,
                public: false,
                depends_on: Vec::new(),
                provider: id.clone(),
            });
        }
        for &m in block {
            let member = &members[m];
            let case = rng.range(1, 9999);
            for &s in &own {
                let service = &services[s];
                let since = add_days(date("2024-03-01"), rng.range(0, 600));
                let assessed = add_days(since, -rng.range(20, 60));
                let signed = add_days(since, -rng.range(3, 45));
                let _ = write!(
                    extra[m],
                    "    - service: {}\n      since: {since}\n      until: null\n      basis: in-house\n      assessment: \"Egenregivurdering {}-{:02}, {} sak {}/{case:04}\"\n      dpa: {{ signed: {signed}, reference: DBA-{}-{} }}\n      environments: [production]\n",
                    service.id,
                    assessed.year,
                    assessed.month,
                    member.name,
                    assessed.year % 100,
                    member.number,
                    service.id
                );
            }
        }
        regionals.push(Regional {
            id,
            name,
            owners: block.to_vec(),
            services: own,
        });
    }
    (regionals, services, extra)
}

/// Appends `text` to a file already written (a tenant's extra subscriptions).
fn append(repo: &mut Repo, rel: &str, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(repo.root.join(rel))?;
    f.write_all(text.as_bytes())?;
    repo.summary.bytes += text.len() as u64;
    Ok(())
}

/// The regional companies' entities, [`DOCS_PER_FILE`] to a file.
fn write_regionals(
    repo: &mut Repo,
    regionals: &[Regional],
    members: &[Member],
    rng: &mut Rng,
    orgnrs: &mut HashSet<String>,
) -> std::io::Result<()> {
    for (part, chunk) in regionals.chunks(DOCS_PER_FILE).enumerate() {
        let mut text = String::from(
            "# Entities: regional inter-municipal IT companies, each owned in equal shares by the municipalities it serves.\n",
        );
        for r in chunk {
            let _ = write!(
                text,
                "---\napiVersion: egenregi/v1\nkind: Entity\nmetadata:\n  id: {}\n  name: {}\nspec:\n  type: company\n  orgnr: \"{}\"\n  contracting_authority: true\n  established: 2015-01-01\n  owners:\n",
                r.id,
                r.name,
                orgnr(rng, orgnrs)
            );
            // Whole percentages that add up to 100: the first owners take the remainder.
            let n = r.owners.len();
            for (k, &m) in r.owners.iter().enumerate() {
                let share = 100 / n + usize::from(k < 100 % n);
                let _ = write!(
                    text,
                    "    - entity: {}\n      share: {share}\n      votes: {share}\n",
                    members[m].entity
                );
            }
            text.push_str(
                "  governance:\n    - id: representantskap\n      type: general-meeting\n      composition: owners\n      decides: [strategy, significant-decisions, articles, board]\n    - id: styret\n      type: board\n      decides: [operations]\n  articles:\n    non_commercial: true\n    profit_distribution: prohibited\n    private_owners_allowed: false\n    purpose: \"Shared IT services for the owner municipalities, at cost\"\n    evidence: docs/vedtekter.pdf\n",
            );
        }
        repo.write(&part_file("entities/ikt-selskaper", part), &text)?;
    }
    Ok(())
}

/// Five years of each regional company's turnover in one file: its owners' purchases and an
/// open-market share that keeps every year's qualifying share in 87.5–90.5 %.
fn write_regional_activity(
    repo: &mut Repo,
    regionals: &[Regional],
    members: &[Member],
    rng: &mut Rng,
) -> std::io::Result<()> {
    for r in regionals {
        let mut text = format!("# ActivityReports: {}'s actual turnover by year.\n", r.name);
        for year in 2021..=2025 {
            let mut qualifying: u64 = 0;
            let mut lines = String::new();
            for &m in &r.owners {
                let ore = (members[m].weight * 40_000.0 * (0.9 + 0.2 * rng.unit())) as u64 * 100;
                // A municipality created in 2024 bought nothing before it existed (egenregi
                // cannot classify such a line); the draw is kept so the rest stays as it was.
                if members[m].new_2024 && year < 2024 {
                    continue;
                }
                qualifying += ore;
                let _ = writeln!(
                    lines,
                    "    - customer: {}\n      amount: {}",
                    members[m].entity,
                    money(ore)
                );
            }
            let share_bp = rng.range(8750, 9050) as u64;
            let other = qualifying * (10_000 - share_bp) / share_bp;
            let _ = write!(
                text,
                "---\napiVersion: egenregi/v1\nkind: ActivityReport\nmetadata:\n  id: {id}-{year}\n  name: {name}, activity {year}\nspec:\n  provider: {id}\n  year: {year}\n  basis: actual\n  measure: turnover\n  currency: NOK\n  evidence: reports/arsregnskap-{year}.pdf\n  projection: null\n  lines:\n{lines}    - other: open-market\n      amount: {}\n",
                money(other),
                id = r.id,
                name = r.name,
            );
        }
        repo.write(&format!("activity/{}.yaml", r.id), &text)?;
    }
    Ok(())
}

fn usage() -> ! {
    eprintln!(
        "usage: gen-corpus [--scale national|N] [--providers N|many] [--faults N] [--seed N] OUT\n\
         \x20 --scale   national (the default) or a multiplier of it, e.g. 10 or 0.05\n\
         \x20 --providers  add N regional companies owned by blocks of municipalities (many: one per 8)\n\
         \x20 --faults  sprinkle N known faults (at most one per member tenant) and print how many of each kind\n\
         \x20 --seed    the seed (default 2026); the same seed gives the same bytes"
    );
    std::process::exit(2)
}

#[allow(
    dead_code,
    reason = "the entry point when built as the example; unused where #[path]-included"
)]
fn main() {
    let mut config = Config::default();
    let mut out = None;
    let mut providers: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match arg.as_str() {
            "--scale" => {
                let v = value();
                config.scale = if v == "national" {
                    1.0
                } else {
                    v.parse()
                        .ok()
                        .filter(|s: &f64| *s > 0.0)
                        .unwrap_or_else(|| usage())
                };
            }
            "--providers" => {
                let v = value();
                providers = Some(v);
            }
            "--faults" => config.faults = value().parse().unwrap_or_else(|_| usage()),
            "--seed" => config.seed = value().parse().unwrap_or_else(|_| usage()),
            "-h" | "--help" => usage(),
            _ if arg.starts_with('-') || out.is_some() => usage(),
            _ => out = Some(PathBuf::from(arg)),
        }
    }
    let Some(out) = out else { usage() };
    if let Some(v) = providers {
        config.providers = if v == "many" {
            Config::many_providers(config.scale)
        } else {
            v.parse().unwrap_or_else(|_| usage())
        };
    }
    match generate(&out, &config) {
        Ok(s) => {
            println!(
                "wrote {} files ({:.1} MB, {} documents) to {}",
                s.files,
                s.bytes as f64 / 1e6,
                s.documents,
                out.display()
            );
            println!(
                "{} municipalities, {} counties, {} state agencies, {} services, {} subscriptions, 5 years of activity",
                s.municipalities, s.counties, s.agencies, s.services, s.subscriptions
            );
            if s.providers > 0 {
                println!("{} regional companies besides KS Digital", s.providers);
            }
            if config.faults > 0 {
                let mut manifest = String::new();
                for f in &s.faults {
                    let _ = writeln!(manifest, "{}:{} {}", f.file, f.line, f.kind.rule());
                }
                if let Err(e) = std::fs::write(out.join("FAULTS.txt"), manifest) {
                    eprintln!("gen-corpus: cannot write the fault list: {e}");
                    std::process::exit(1);
                }
                println!(
                    "{} faults (each listed in FAULTS.txt as file:line rule):",
                    s.faults.len()
                );
                for kind in FaultKind::ALL {
                    let n = s.faults.iter().filter(|f| f.kind == kind).count();
                    println!("  {n:5} {} ({})", kind.name(), kind.rule());
                }
            }
        }
        Err(e) => {
            eprintln!("gen-corpus: cannot write {}: {e}", out.display());
            std::process::exit(1);
        }
    }
}
