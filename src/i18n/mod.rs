//! The reviewer's report in Norwegian Bokmål or English: Project Fluent messages from
//! `locales/*.ftl` (embedded in the binary), and numbers and dates written as each language
//! writes them (`17 635 250,54 kr`, `22.11.2026`; `17 635 250.54 NOK`, `2026-11-22`).

use std::sync::{OnceLock, PoisonError, RwLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::money::Minor;

/// The languages of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Norwegian Bokmål.
    Nb,
    #[default]
    En,
}

impl Lang {
    pub const ALL: [Self; 2] = [Self::Nb, Self::En];

    /// `nb` or `en` (as `--lang` and `language` in `egenregi.kdl` take them); `no` and `nb-NO`
    /// are Bokmål too.
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "nb" | "no" | "nb-no" | "no-nb" => Some(Self::Nb),
            "en" | "en-gb" | "en-us" => Some(Self::En),
            _ => None,
        }
    }

    /// The BCP 47 tag, as the HTML `lang` attribute takes it.
    pub const fn tag(self) -> &'static str {
        match self {
            Self::Nb => "nb",
            Self::En => "en",
        }
    }

    /// The Fluent source of the language.
    pub const fn source(self) -> &'static str {
        match self {
            Self::Nb => include_str!("../../locales/nb.ftl"),
            Self::En => include_str!("../../locales/en.ftl"),
        }
    }
}

/// The messages of one language, and its number and date formats.
pub struct Tr {
    pub lang: Lang,
    /// Each message's entry in the language's file: `(id, start, end)`, sorted by id.
    entries: &'static [(&'static str, u32, u32)],
    /// The messages parsed so far. Each entry is parsed the first time it is asked for: a run
    /// says a few dozen of en.ftl's 557 messages, and parsing all of them was 1.0 million
    /// instructions and 340 KB of the 37 KB example's check (issue 18). No message refers to
    /// another or to a term (`every_entry_renders_as_the_whole_file_does` checks the outcome),
    /// so an entry parses on its own.
    bundle: RwLock<FluentBundle<FluentResource>>,
}

// Used by build.rs to write the index below, and by the tests that compare it with the files.
#[cfg(test)]
mod split;

/// Each shipped file's entries, `(id, start, end)` sorted by id: written by `build.rs` with
/// `split::entries` (`src/i18n/split.rs`), where every run had split its language's file
/// (0.63 M of the 27 M instructions of checking the 37 KB example, issue 18). A later entry of
/// the same id wins, as it would in a map.
mod index {
    include!(concat!(env!("OUT_DIR"), "/ftl_index.rs"));
}

impl std::fmt::Debug for Tr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // the bundle is the language's embedded file: its tag says which
        f.debug_struct("Tr")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

/// A count as a Fluent number (plural forms choose by it).
pub fn num(n: usize) -> FluentValue<'static> {
    FluentValue::from(i64::try_from(n).unwrap_or(i64::MAX))
}

impl Tr {
    /// Finds `lang`'s messages; [`Tr::of`] does it once per process, and is how they are had.
    fn new(lang: Lang) -> Self {
        let id = lang.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Plain text: the renderers escape what they write; Unicode isolation marks would show
        // as escapes in every format that makes hidden characters visible.
        bundle.set_use_isolating(false);
        Self {
            lang,
            entries: match lang {
                Lang::Nb => index::NB,
                Lang::En => index::EN,
            },
            bundle: RwLock::new(bundle),
        }
    }

    /// Formats message `id` with `args`; `None` when the language has no such message.
    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        let entry = self.entry(id)?;
        let read = || self.bundle.read().unwrap_or_else(PoisonError::into_inner);
        if !read().has_message(id) {
            // The shipped files parse (a test says so); a syntax error would drop only its entry.
            let resource = FluentResource::try_new((*entry).to_owned()).unwrap_or_else(|(r, _)| r);
            let mut bundle = self.bundle.write().unwrap_or_else(PoisonError::into_inner);
            if !bundle.has_message(id) {
                let _ = bundle.add_resource(resource);
            }
        }
        let bundle = read();
        let pattern = bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        Some(
            bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned(),
        )
    }

    /// The messages of `lang`, parsed once per process and shared by every thread: parsing
    /// en.ftl was 1.4 million instructions, paid again by each thread that rendered a message
    /// (3 % of checking the 37 KB example, issue 18).
    pub fn of(lang: Lang) -> &'static Self {
        static NB: OnceLock<Tr> = OnceLock::new();
        static EN: OnceLock<Tr> = OnceLock::new();
        let cell = match lang {
            Lang::Nb => &NB,
            Lang::En => &EN,
        };
        cell.get_or_init(|| Self::new(lang))
    }

    /// The message `id`; `⟦id⟧` when it does not exist (a test renders every report in both
    /// languages and looks for that mark).
    pub fn t(&self, id: &str) -> String {
        self.args(id, &[])
    }

    /// The message `id` with arguments.
    pub fn args(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fargs = FluentArgs::with_capacity(args.len());
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        self.formatted(id, &fargs)
    }

    /// The message `id` with `args` made for it (moved in, where [`Tr::args`] copies each
    /// value); `⟦id⟧` when it does not exist.
    fn formatted(&self, id: &str, args: &FluentArgs<'_>) -> String {
        self.format(id, Some(args))
            .unwrap_or_else(|| format!("⟦{id}⟧"))
    }

    /// The message `id` with one string argument.
    pub fn arg(&self, id: &str, name: &str, value: &str) -> String {
        self.args(id, &[(name, FluentValue::from(value))])
    }

    /// A rule's one-line summary in this language: `rule-summary-<id>` (the id's `/` as `-`)
    /// where the language has it and en.ftl's copy is the catalogue's summary (so a policy rule
    /// whose id reads the same, or a summary changed in one place only, stays as written); else
    /// the catalogue's English.
    pub fn rule_summary(&self, rule: &crate::rule::Rule) -> String {
        let id = summary_id(&rule.id);
        let en = Self::of(Lang::En);
        let same = en.has(&id) && en.t(&id) == rule.summary;
        if self.lang == Lang::En || !same {
            return rule.summary.to_string();
        }
        self.t(&id)
    }

    /// Whether the language has message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.entry(id).is_some()
    }

    /// The text of message `id`'s entry in the language's file.
    fn entry(&self, id: &str) -> Option<&'static str> {
        let i = self.entries.binary_search_by(|(k, ..)| (*k).cmp(id)).ok()?;
        let &(_, start, end) = self.entries.get(i)?;
        self.lang
            .source()
            .get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)
    }

    const fn decimal_mark(&self) -> char {
        match self.lang {
            Lang::Nb => ',',
            Lang::En => '.',
        }
    }

    /// `17 635 250,54` (nb) or `17 635 250.54` (en): exact, grouped by threes with a space.
    pub fn amount(&self, m: Minor) -> String {
        grouped(m, self.decimal_mark())
    }

    /// An amount with its currency: `17 635 250,54 kr` (nb, NOK) or `17 635 250.54 NOK`.
    pub fn money(&self, m: Minor, currency: &str) -> String {
        let unit = match (self.lang, currency) {
            (Lang::Nb, "NOK") => "kr",
            _ => currency,
        };
        format!("{} {unit}", self.amount(m))
    }

    /// A decimal as the analyses write it (`89.0`, `-3.2`) in this language (`89,0`, `−3,2`
    /// stays `-3,2`).
    pub fn decimal(&self, s: &str) -> String {
        s.replace('.', &self.decimal_mark().to_string())
    }

    /// `89,0 %`; `–` for no share.
    pub fn percent(&self, s: Option<&str>) -> String {
        s.map_or_else(|| "–".to_owned(), |s| format!("{} %", self.decimal(s)))
    }

    /// An ISO date (`2026-11-22`) as the language writes it: `22.11.2026` in Bokmål. Anything
    /// that is not an ISO date is returned as it is.
    pub fn date(&self, iso: &str) -> String {
        let parts: Vec<&str> = iso.split('-').collect();
        match (self.lang, parts.as_slice()) {
            (Lang::Nb, [y, m, d])
                if y.len() == 4
                    && m.len() == 2
                    && d.len() == 2
                    && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) =>
            {
                format!("{d}.{m}.{y}")
            }
            _ => iso.to_owned(),
        }
    }
}

pub use crate::money::grouped;

/// The message id of a rule's one-line summary: `rule-summary-inhouse-control`.
pub fn summary_id(rule: &str) -> String {
    format!("rule-summary-{}", rule.replace('/', "-"))
}

/// A text of the analyses (a finding's message or help, a label, a decision's reason or
/// assumption): a message of `locales/*.ftl` and its arguments, so that every output renders it
/// in its language. The English rendering ([`Text::en`]) is what the terminal, JSON and SARIF
/// show.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// An argument of a [`Text`], kept typed so that each language writes it its own way.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    /// An id of the input: `` `x` `` in plain text, its name in the report.
    Name(String),
    /// A decimal as the analyses write it (`89.0`): `89,0` in Bokmål.
    Number(String),
    /// A count (plural forms choose by it).
    Count(usize),
    /// An ISO date: `22.11.2026` in Bokmål.
    Date(String),
    /// Text shown as it is in every language (a year range, a file path, a value of the input);
    /// backtick-quoted parts are code.
    Plain(String),
    /// Another text, in the same language.
    Text(Box<Text>),
    /// Texts joined with `; `.
    Texts(Vec<Text>),
    /// Texts joined with `, `.
    Joined(Vec<Text>),
    /// Ids of the input as a list: `` `a`, `b` and `c` ``.
    Names(Vec<String>),
    /// Plain words as a list: `2021, 2022 and 2023`.
    List(Vec<String>),
    /// Texts as a list: `a, b and c`.
    TextList(Vec<Text>),
    /// Ids of the input as alternatives: `` `a`, `b` or `c` `` (`eller` in Bokmål).
    NamesOr(Vec<String>),
    /// Texts as alternatives: `a, b or c`.
    TextListOr(Vec<Text>),
    /// An amount: `1 250 000.50` (`1 250 000,50` in Bokmål).
    Money(Minor),
    /// An amount the terminal, JSON and SARIF write plain, as the analyses always did
    /// (`1250000.50`); grouped by thousands with a decimal comma in Bokmål (`1 250 000,50`).
    Amount(Minor),
    /// A whole number of currency units the terminal, JSON and SARIF write plain (`1300000`):
    /// grouped by thousands in Bokmål (`1 300 000`).
    Whole(i64),
}

impl Text {
    pub fn new(id: &'static str) -> Self {
        Self {
            id,
            args: Vec::new(),
        }
    }

    /// The message id (`window-projection-unsupported`).
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// Whether this text is the message `id`, or holds it among its arguments (a list of
    /// reasons, a reason within a reason).
    pub fn mentions(&self, id: &str) -> bool {
        self.id == id
            || self.args.iter().any(|(_, arg)| match arg {
                Arg::Text(t) => t.mentions(id),
                Arg::Texts(ts) | Arg::Joined(ts) | Arg::TextList(ts) | Arg::TextListOr(ts) => {
                    ts.iter().any(|t| t.mentions(id))
                }
                _ => false,
            })
    }

    #[must_use]
    pub fn arg(mut self, name: &'static str, value: Arg) -> Self {
        self.args.push((name, value));
        self
    }

    /// An id of the input, quoted as a name.
    #[must_use]
    pub fn name(self, name: &'static str, id: impl Into<String>) -> Self {
        self.arg(name, Arg::Name(id.into()))
    }

    #[must_use]
    pub fn number(self, name: &'static str, n: impl Into<String>) -> Self {
        self.arg(name, Arg::Number(n.into()))
    }

    #[must_use]
    pub fn count(self, name: &'static str, n: usize) -> Self {
        self.arg(name, Arg::Count(n))
    }

    #[must_use]
    pub fn date(self, name: &'static str, iso: impl Into<String>) -> Self {
        self.arg(name, Arg::Date(iso.into()))
    }

    #[must_use]
    pub fn plain(self, name: &'static str, s: impl Into<String>) -> Self {
        self.arg(name, Arg::Plain(s.into()))
    }

    #[must_use]
    pub fn text(self, name: &'static str, t: Self) -> Self {
        self.arg(name, Arg::Text(Box::new(t)))
    }

    #[must_use]
    pub fn texts(self, name: &'static str, t: Vec<Self>) -> Self {
        self.arg(name, Arg::Texts(t))
    }

    /// The text in English as the terminal, JSON and SARIF show it (names in backticks).
    ///
    /// The analyses write the same texts over and over (the same reason for every subscription
    /// of a buyer), and a Fluent rendering costs far more than hashing the text: at national
    /// scale rendering every one took 15 % of the whole check. So each thread keeps the texts
    /// it rendered last, up to [`EN_CACHED`].
    pub fn en(&self) -> String {
        if let Some(hit) = EN_CACHE.with(|c| c.borrow().get(self).cloned()) {
            return hit;
        }
        let en = Tr::of(Lang::En).plain(self);
        EN_CACHE.with(|c| {
            let mut cache = c.borrow_mut();
            if cache.len() >= EN_CACHED {
                cache.clear();
            }
            cache.insert(self.clone(), en.clone());
        });
        en
    }

    /// The text in English, as [`Text::en`], without asking or filling the cache: for a caller
    /// that renders each text once and knows the texts differ. The JSON writes each distinct
    /// condition's reason once ([`crate::analysis::decision::Because`]); through the cache each
    /// of those was hashed, copied in whole and dropped again without a hit: at ×50 of the
    /// national corpus (29,014 reasons, every one different) that was 0.17 s of the 0.45 s
    /// spent writing them (issue 18).
    pub fn en_once(&self) -> String {
        Tr::of(Lang::En).plain(self)
    }
}

/// A name written as it is (words already made, for [`Tr::list`]).
fn as_is(word: &str, out: &mut String) {
    out.push_str(word);
}

/// English renderings kept per thread; the cache is emptied when full.
const EN_CACHED: usize = 4096;

thread_local! {
    /// The English renderings of the texts met last ([`Text::en`]).
    /// Keyed by aHash: a text's arguments nest, and `SipHash` over them was 3.6 % of the
    /// instructions of checking the 37 KB example.
    static EN_CACHE: std::cell::RefCell<crate::hash::Map<Text, String>> =
        std::cell::RefCell::new(crate::hash::Map::default());
}

impl Tr {
    /// `text` in this language as plain text, names in backticks.
    pub fn plain(&self, text: &Text) -> String {
        self.render(text, &|id, out| {
            out.push('`');
            out.push_str(id);
            out.push('`');
        })
    }

    /// `text` in this language, each name written by `name` (onto the end of the string it is
    /// given).
    ///
    /// The values are moved into Fluent's arguments as they are made: collected into a list
    /// first and then copied over (as [`Tr::args`] does), each name and nested text was made
    /// twice, and rendering the JSON's reasons was a fifth of all allocations of a check with
    /// many providers (issue 18).
    pub fn render(&self, text: &Text, name: &dyn Fn(&str, &mut String)) -> String {
        // The names are written side by side into one string and lent to Fluent from there:
        // a string of its own for each was a quarter of the allocations left in writing the
        // JSON's reasons (issue 18).
        let mut names = String::new();
        let mut spans: smallvec::SmallVec<[(usize, usize); 8]> = smallvec::SmallVec::new();
        for (_, a) in &text.args {
            if let Arg::Name(id) = a {
                let start = names.len();
                name(id, &mut names);
                spans.push((start, names.len()));
            }
        }
        let mut spans = spans.into_iter();
        let mut args = FluentArgs::with_capacity(text.args.len());
        for (k, a) in &text.args {
            let v = match a {
                Arg::Name(_) => {
                    let (start, end) = spans.next().unwrap_or_default();
                    FluentValue::from(names.get(start..end).unwrap_or_default())
                }
                Arg::Number(n) => FluentValue::from(self.decimal(n)),
                Arg::Count(n) => num(*n),
                Arg::Date(d) => FluentValue::from(self.date(d)),
                Arg::Plain(s) => FluentValue::from(s.as_str()),
                Arg::Text(t) => FluentValue::from(self.render(t, name)),
                Arg::Texts(ts) => FluentValue::from(self.join(ts, "; ", name)),
                Arg::Joined(ts) => FluentValue::from(self.join(ts, ", ", name)),
                Arg::Names(ids) => FluentValue::from(self.list(ids, name, "list-and")),
                Arg::NamesOr(ids) => FluentValue::from(self.list(ids, name, "list-or")),
                Arg::List(words) => FluentValue::from(self.list(words, &as_is, "list-and")),
                Arg::TextList(ts) => FluentValue::from(self.text_list(ts, name, "list-and")),
                Arg::TextListOr(ts) => FluentValue::from(self.text_list(ts, name, "list-or")),
                Arg::Money(m) => FluentValue::from(self.amount(*m)),
                Arg::Amount(m) => FluentValue::from(match self.lang {
                    Lang::En => m.to_string(),
                    Lang::Nb => self.amount(*m),
                }),
                Arg::Whole(n) => FluentValue::from(match self.lang {
                    Lang::En => n.to_string(),
                    Lang::Nb => {
                        let grouped = self.amount(Minor(n.saturating_mul(100)));
                        grouped.strip_suffix(",00").unwrap_or(&grouped).to_owned()
                    }
                }),
            };
            args.set(*k, v);
        }
        self.formatted(text.id, &args)
    }

    /// `a`, `a and b`, `a, b and c` (`og` in Bokmål), the last joined by the message `last`
    /// (`list-and`, `list-or`).
    fn list(&self, items: &[String], name: &dyn Fn(&str, &mut String), last_id: &str) -> String {
        let named = |item: &str| {
            let mut out = String::new();
            name(item, &mut out);
            out
        };
        match items {
            [] => String::new(),
            [one] => named(one),
            [init @ .., last] => {
                let mut first = String::new();
                for (i, item) in init.iter().enumerate() {
                    if i > 0 {
                        first.push_str(", ");
                    }
                    name(item, &mut first);
                }
                let mut args = FluentArgs::with_capacity(2);
                args.set("init", first);
                args.set("last", named(last));
                self.formatted(last_id, &args)
            }
        }
    }

    /// Texts rendered, then listed as [`Tr::list`] lists words.
    fn text_list(&self, texts: &[Text], name: &dyn Fn(&str, &mut String), last_id: &str) -> String {
        let words: Vec<String> = texts.iter().map(|t| self.render(t, name)).collect();
        self.list(&words, &as_is, last_id)
    }

    fn join(&self, texts: &[Text], sep: &str, name: &dyn Fn(&str, &mut String)) -> String {
        let mut joined = String::new();
        for (i, t) in texts.iter().enumerate() {
            if i > 0 {
                joined.push_str(sep);
            }
            joined.push_str(&self.render(t, name));
        }
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message ids of a language's file: every line that starts a message (`id =`).
    fn ids(lang: Lang) -> std::collections::BTreeSet<&'static str> {
        let all: Vec<&str> = lang
            .source()
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once(" ="))
            .map(|(id, _)| id.trim())
            .collect();
        let unique: std::collections::BTreeSet<&str> = all.iter().copied().collect();
        // a second message with the same id would silently replace the first
        assert_eq!(
            unique.len(),
            all.len(),
            "locales/{}.ftl repeats an id",
            lang.tag()
        );
        unique
    }

    #[test]
    fn every_entry_renders_as_the_whole_file_does() {
        // Each message is parsed from its own entry when first asked for; the file parsed as a
        // whole is what the entries must add up to: the same ids, each formatted the same, with
        // arguments of each kind (a missing one renders as its name in both).
        for lang in Lang::ALL {
            let whole = FluentResource::try_new(lang.source().to_owned())
                .unwrap_or_else(|(_, e)| panic!("locales/{}.ftl: {e:?}", lang.tag()));
            let mut bundle = FluentBundle::new_concurrent(vec![lang.tag().parse().unwrap()]);
            bundle.set_use_isolating(false);
            bundle.add_resource(whole).unwrap();
            let tr = Tr::new(lang);
            let found: std::collections::BTreeSet<&str> =
                tr.entries.iter().map(|(id, ..)| *id).collect();
            assert_eq!(found, ids(lang), "{lang:?}");
            // nothing is parsed before it is asked for
            let parsed = |id: &str| tr.bundle.read().unwrap().has_message(id);
            assert!(!found.iter().any(|id| parsed(id)), "{lang:?}");
            tr.t("severity-error");
            assert!(parsed("severity-error") && !parsed("severity-warning"));
            for count in [0, 1, 2, 7] {
                let mut args = FluentArgs::new();
                for name in [
                    "count", "n", "years", "share", "provider", "year", "what", "why",
                ] {
                    args.set(name, num(count));
                }
                for id in &found {
                    let whole = bundle.get_message(id).and_then(|m| m.value()).map(|p| {
                        bundle
                            .format_pattern(p, Some(&args), &mut Vec::new())
                            .into_owned()
                    });
                    assert_eq!(tr.format(id, Some(&args)), whole, "{lang:?} `{id}`");
                }
            }
        }
        // A value over several lines, an attribute and a select expression whose closing brace
        // begins a line: all of it belongs to the entry; a comment ends it.
        let source = "# c\na = one\n    two\n\n    three\n    .title = t\nb-c = { $n ->\n    [one] x\n   *[other] y\n}\n# d\n-term = z\n";
        let entries: std::collections::HashMap<&str, &str> = split::entries(source)
            .into_iter()
            .map(|(id, start, end)| (id, &source[start..end]))
            .collect();
        assert_eq!(
            entries["a"],
            "a = one\n    two\n\n    three\n    .title = t\n"
        );
        assert_eq!(
            entries["b-c"],
            "b-c = { $n ->\n    [one] x\n   *[other] y\n}\n"
        );
        assert_eq!(entries["-term"], "-term = z\n");
        assert_eq!(entries.len(), 3);
    }

    #[test]
    fn both_languages_parse_and_have_every_message() {
        for lang in Lang::ALL {
            if let Err((_, errors)) = FluentResource::try_new(lang.source().to_owned()) {
                panic!("locales/{}.ftl: {errors:?}", lang.tag());
            }
        }
        let (nb, en) = (ids(Lang::Nb), ids(Lang::En));
        assert!(nb.len() > 50, "{nb:?}");
        let only_nb: Vec<_> = nb.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&nb).collect();
        assert!(only_nb.is_empty(), "only in nb.ftl: {only_nb:?}");
        assert!(only_en.is_empty(), "only in en.ftl: {only_en:?}");
        for lang in Lang::ALL {
            let tr = Tr::of(lang);
            for id in &nb {
                assert!(tr.has(id), "{lang:?} lacks `{id}`");
                assert!(!tr.t(id).contains('⟦'), "{lang:?} `{id}`");
            }
        }
    }

    /// The message ids the analyses write: `Text::new("id")`, and each `{ "id" }` branch of a
    /// `Text::new(if ... )`.
    fn ids_in_analyses() -> Vec<&'static str> {
        const SOURCES: [&str; 5] = [
            include_str!("../analysis/activity.rs"),
            include_str!("../analysis/control.rs"),
            include_str!("../analysis/cooperation.rs"),
            include_str!("../analysis/inhouse.rs"),
            include_str!("../analysis/procurement.rs"),
        ];
        let mut out = Vec::new();
        for src in SOURCES {
            for (at, _) in src.match_indices("Text::new(") {
                let rest = &src[at + "Text::new(".len()..];
                if let Some(lit) = rest.strip_prefix('"') {
                    out.push(&lit[..lit.find('"').unwrap()]);
                } else if rest.starts_with("if ") {
                    let block = &rest[..rest.find("})").unwrap()];
                    for (i, _) in block.match_indices('"').step_by(2) {
                        let before = block[..i].trim_end();
                        let lit = &block[i + 1..];
                        if before.ends_with('{') {
                            out.push(&lit[..lit.find('"').unwrap()]);
                        }
                    }
                }
            }
        }
        out
    }

    /// Each language's messages are parsed once per process: every thread, and every report,
    /// gets the same bundle (a bundle per thread parsed en.ftl again in each).
    #[test]
    fn a_language_s_messages_are_parsed_once_for_all_threads() {
        for lang in Lang::ALL {
            let here: &'static Tr = Tr::of(lang);
            let there: &'static Tr = std::thread::spawn(move || Tr::of(lang)).join().unwrap();
            assert!(std::ptr::eq(here, there), "{lang:?}");
            assert_eq!(here.lang, lang);
        }
        assert!(!std::ptr::eq(Tr::of(Lang::En), Tr::of(Lang::Nb)));
    }

    /// Every message the analyses write exists in both languages, and renders without a
    /// missing message; the fixed texts of the decisions are en.ftl's words.
    #[test]
    fn every_text_of_the_analyses_has_both_languages() {
        let ids = ids_in_analyses();
        assert!(ids.len() > 150, "{}", ids.len());
        for lang in Lang::ALL {
            let tr = Tr::of(lang);
            for id in &ids {
                assert!(tr.has(id), "locales/{}.ftl lacks `{id}`", lang.tag());
            }
        }
        for f in crate::analysis::decision::FIXED {
            assert_eq!(Text::new(f.id).en(), f.en);
            assert!(Tr::of(Lang::Nb).has(f.id), "{}", f.id);
        }
    }

    /// English is rendered with names in backticks, exactly as the analyses wrote it before
    /// there were messages; Bokmål writes names, numbers, dates, lists and plural forms its way.
    #[test]
    fn texts_render_in_both_languages() {
        let t = Text::new("f-via-association")
            .count("count", 45)
            .name("body", "members-council")
            .name("x", "ks");
        assert_eq!(
            t.en(),
            "45 in-house subscriptions rely on seats in `members-council` mandated by the members of `ks`; whether that is joint control under § 3-2 is legally untested"
        );
        let one = Text::new("f-via-association")
            .count("count", 1)
            .name("body", "b")
            .name("x", "ks");
        assert!(one.en().starts_with("1 in-house subscription relies on"));
        let nb = Tr::of(Lang::Nb);
        assert_eq!(
            nb.render(&t, &|id, out| out.push_str(&id.to_uppercase())),
            "45 egenregiabonnementer bygger på seter i MEMBERS-COUNCIL utpekt av medlemmene i KS; om det er felles kontroll etter § 3-2, er ikke rettslig avklart"
        );
        let share = Text::new("f-activity-share-award")
            .name("provider", "p")
            .date("date", "2024-03-01")
            .number("share", "80.0")
            .number("threshold", "80");
        assert_eq!(
            share.en(),
            "`p`'s qualifying activity in the window before the award (2024-03-01) is 80.0 %, not above 80 %"
        );
        assert!(
            nb.plain(&share)
                .contains("før tildelingen (01.03.2024) er 80,0 %")
        );
        let names = Text::new("missing-no-seat")
            .name("a", "a")
            .name("body", "b")
            .name("c", "c")
            .arg("by", Arg::Names(vec!["x".into(), "y".into(), "z".into()]));
        assert!(
            names.en().contains("mandated by `x`, `y` and `z`)"),
            "{}",
            names.en()
        );
        assert!(nb.plain(&names).contains("utpekes av `x`, `y` og `z`)"));
        let money = Text::new("headroom-fails")
            .arg("amount", Arg::Money(Minor(1)))
            .plain("currency", "NOK");
        assert!(money.en().contains("0.01 NOK per year"));
        assert!(nb.plain(&money).contains("0,01 kr for mye"));
    }

    #[test]
    fn names_keep_their_places_beside_nested_texts_and_lists() {
        // The names of a text are written side by side and lent to Fluent by place: each must
        // land where its own argument is, whatever the order of the arguments, with the
        // nested text's names and a list's names written apart.
        let inner = Text::new("because-joint-seat")
            .name("c", "ks-digital")
            .name("body", "board")
            .name("a", "oslo");
        let private = Text::new("because-via-association-private")
            .name("x", "ks")
            .arg("members", Arg::Names(vec!["acme".into(), "bolt".into()]))
            .arg("first", Arg::Text(Box::new(inner)))
            .name("body", "council");
        assert_eq!(
            private.en(),
            "`oslo` mandates a seat in `board` of `ks-digital`; with the other authorities it \
             holds the majority; it rests on seats in `council` mandated by the members of \
             `ks`, and whether that is joint control under § 3-2 is legally untested; moreover \
             `ks` has members that are not contracting authorities (`acme` and `bolt`), so \
             whether those seats count as mandated by contracting authorities is unsettled \
             (private members of the controller are not direct private capital: recital 32)"
        );
        let marked = Tr::of(Lang::En).render(&private, &|id, out| {
            out.push('<');
            out.push_str(id);
            out.push('>');
        });
        assert!(marked.starts_with("<oslo> mandates a seat in <board> of <ks-digital>;"));
        assert!(marked.contains("(<acme> and <bolt>)"), "{marked}");
    }

    /// Every built-in rule (those of the legal conditions first among them) has its summary in
    /// Bokmål, and en.ftl's copy is the catalogue's word for word (else the report would
    /// silently fall back to English). The shipped policies' rules: `tests/html.rs`.
    #[test]
    fn rules_have_their_summary_in_both_languages() {
        let nb = Tr::of(Lang::Nb);
        let en = Tr::of(Lang::En);
        let builtin = crate::rules::builtin();
        let legal = builtin.iter().filter(|r| r.condition.is_legal()).count();
        assert!(legal >= 25, "{legal}");
        for r in builtin {
            let id = summary_id(&r.id);
            assert_eq!(en.t(&id), r.summary, "en.ftl `{id}`");
            assert_eq!(en.rule_summary(r), r.summary);
            let said = nb.rule_summary(r);
            assert!(nb.has(&id) && said != r.summary, "{}: {said}", r.id);
        }
        // a rule of the same id but another summary (a drifted copy) keeps its own words
        let mut other = (*crate::analysis::inhouse::RULES[0]).clone();
        other.summary = "something else".into();
        assert_eq!(nb.rule_summary(&other), "something else");
    }

    #[test]
    fn numbers_and_dates_per_language() {
        let nb = Tr::of(Lang::Nb);
        let en = Tr::of(Lang::En);
        assert_eq!(nb.money(Minor(1_763_525_054), "NOK"), "17 635 250,54 kr");
        assert_eq!(en.money(Minor(1_763_525_054), "NOK"), "17 635 250.54 NOK");
        assert_eq!(nb.amount(Minor(-305)), "-3,05");
        assert_eq!(en.amount(Minor(100_000)), "1 000.00");
        assert_eq!(nb.percent(Some("89.0")), "89,0 %");
        assert_eq!(en.percent(Some("89.0")), "89.0 %");
        assert_eq!(nb.date("2026-11-22"), "22.11.2026");
        assert_eq!(en.date("2026-11-22"), "2026-11-22");
        assert_eq!(nb.date("not a date"), "not a date");
        assert_eq!(Lang::parse("NB"), Some(Lang::Nb));
        assert_eq!(Lang::parse("de"), None);
        // a missing message is marked, not silently empty
        assert_eq!(en.t("no-such-message"), "⟦no-such-message⟧");
    }
}
