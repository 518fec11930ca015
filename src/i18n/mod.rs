//! The reviewer's report in Norwegian Bokmål or English: Project Fluent messages from
//! `locales/*.ftl` (embedded in the binary), and numbers and dates written as each language
//! writes them (`17 635 250,54 kr`, `22.11.2026`; `17 635 250.54 NOK`, `2026-11-22`).

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

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
    bundle: FluentBundle<FluentResource>,
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
    pub fn new(lang: Lang) -> Self {
        // The shipped files parse (a test says so); a syntax error would drop only its entry.
        let resource = FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(r, _)| r);
        let id = lang.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![id]);
        // Plain text: the renderers escape what they write; Unicode isolation marks would show
        // as escapes in every format that makes hidden characters visible.
        bundle.set_use_isolating(false);
        let _ = bundle.add_resource(resource);
        Self { lang, bundle }
    }

    /// The message `id`; `⟦id⟧` when it does not exist (a test renders every report in both
    /// languages and looks for that mark).
    pub fn t(&self, id: &str) -> String {
        self.args(id, &[])
    }

    /// The message `id` with arguments.
    pub fn args(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return format!("⟦{id}⟧");
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fargs), &mut errors)
            .into_owned()
    }

    /// The message `id` with one string argument.
    pub fn arg(&self, id: &str, name: &str, value: &str) -> String {
        self.args(id, &[(name, FluentValue::from(value))])
    }

    /// Whether the language has message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
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

/// The analyses' fixed English texts and phrasings that have a message: (template, message id).
/// A `{}` in a template matches one backtick-quoted name or a number, handed to the message as
/// `$a`, `$b`, ... in order. Text that matches none is shown as the analyses wrote it.
const PHRASES: &[(&str, &str)] = &[
    (
        "how control is exercised in practice (minutes, instructions to the board)",
        "nc-control-practice",
    ),
    (
        "whether the written assessment named in `assessment` supports the award (only that one is named)",
        "nc-assessment",
    ),
    (
        "that the activity reports agree with the audited accounts",
        "nc-accounts",
    ),
    (
        "whether the competition itself was lawful",
        "nc-competition",
    ),
    (
        "every condition of § 3-3: parties, agreement, the 20 % market test",
        "nc-cooperation",
    ),
    (
        "the articles state a non-commercial purpose and prohibit profit distribution",
        "because-non-commercial",
    ),
    ("no procurement reference is named", "because-no-reference"),
    (
        "horizontal cooperation (§ 3-3) is not checked by this version of egenregi",
        "because-cooperation-unchecked",
    ),
    (
        "every owner of `{}` is a contracting authority",
        "because-owners-public",
    ),
    ("`{}` lists no owners", "because-no-owners"),
    ("awarded after a competition, notice `{}`", "because-tender"),
    (
        "`{}` is a contracting authority, as its document states (not verified)",
        "assume-stated-ca",
    ),
    (
        "`{}` holds the majority of `{}`'s votes and of its body `{}`, which decides strategy and significant decisions",
        "because-sole",
    ),
    (
        "`{}` is a member of `{}`, whose members mandate seats in `{}` of `{}`; together with the other authorities they hold its majority; it rests on seats in `{}` mandated by the members of `{}`, and whether that is joint control under § 3-2 is legally untested",
        "because-joint-association",
    ),
    (
        "`{}` is a member of `{}`, whose members mandate seats in `{}` of `{}`; together with the other authorities they hold its majority",
        "because-joint-member",
    ),
    // legal findings: messages, help and labels
    (
        "`{}` holds {} % of the votes of `{}` and decides its articles in `{}`, while other authorities claim joint control through seats in `{}` that those articles create",
        "f-control-conflict",
    ),
    (
        "have the legal opinion address it, bind the seats beyond the owner's reach (a shareholders' agreement), or give the members direct shares with an owners' council",
        "h-control-conflict",
    ),
    ("joint control claimed through `{}`", "l-joint-claimed"),
    (
        "{} in-house subscriptions rely on seats in `{}` mandated by the members of `{}`; whether that is joint control under § 3-2 is legally untested",
        "f-via-association",
    ),
    (
        "1 in-house subscription relies on seats in `{}` mandated by the members of `{}`; whether that is joint control under § 3-2 is legally untested",
        "f-via-association-one",
    ),
    (
        "a legal opinion is on record ({}); keep it current, and consider direct shares with an owners' council or back-to-back purchases through `{}`",
        "h-via-association-opinion",
    ),
    (
        "no legal opinion on this structure is on record: add one under `legal_opinions` (topic `control-via-association`), or give each municipality direct shares with an owners' council, or buy back-to-back through `{}`",
        "h-via-association-none",
    ),
    (
        "`{}`'s qualifying activity in the window before the award ({}) is {} %, not above {} %",
        "f-activity-share-award",
    ),
    (
        "`{}`'s qualifying activity in the window before {} is {} %, not above {} %",
        "f-activity-share",
    ),
    (
        "`{}`'s window before {} passes at {} %, less than {} points above {} %",
        "f-activity-margin",
    ),
    (
        "the window before {} passes at {} %, but {} alone is {} %",
        "f-activity-trend",
    ),
    (
        "qualifying {} of {} NOK over {}; the window could carry {} NOK per year more non-qualifying activity before failing",
        "h-activity-left",
    ),
    (
        "qualifying {} of {} NOK over {}; the window already fails: {} NOK per year of non-qualifying activity too much",
        "h-activity-over",
    ),
    (
        "`{}` (foundation, {} % of the capital) is private capital in `{}`",
        "f-private-capital-foundation",
    ),
    (
        "any private holding excludes in-house, however small, unless required by law and neither controlling nor blocking (`mandated_by_law: true`)",
        "h-private-capital",
    ),
    (
        "`{}` may pursue interests contrary to the authorities': its articles allow profit distribution to owners",
        "f-contrary-interests",
    ),
    (
        "the articles must state a non-commercial purpose and prohibit profit distribution (`non_commercial: true`, `profit_distribution: prohibited`)",
        "h-contrary-interests",
    ),
    (
        "the articles of `{}` allow private owners",
        "f-private-opening",
    ),
    (
        "one share sold to a private party would end the in-house basis for every subscription; close it in the articles",
        "h-private-opening",
    ),
    (
        "`{}` awards in-house but is not a contracting authority",
        "f-not-ca",
    ),
    (
        "`{}` subscribes to `{}` in-house without a written assessment",
        "f-no-assessment",
    ),
    (
        "name the written in-house assessment in `assessment` (the buyer carries the burden of proof)",
        "h-no-assessment",
    ),
    (
        "`{}` subscribes to `{}` by tender, but names no procurement reference",
        "f-no-reference",
    ),
    (
        "the board `{}` of `{}` decides `strategy` and `significant-decisions`",
        "f-board-autonomy",
    ),
    (
        "leave strategy and significant decisions to a body of the owners or members; the board decides operations",
        "h-board-autonomy",
    ),
];

/// The message id and arguments for a text of the analyses, when it has one.
pub fn phrase(text: &str) -> Option<(&'static str, Vec<String>)> {
    PHRASES
        .iter()
        .find_map(|(template, id)| fill(template, text).map(|args| (*id, args)))
}

/// The message id of a fixed text of the analyses (one without names in it).
pub fn static_message(text: &str) -> Option<&'static str> {
    phrase(text).filter(|(_, a)| a.is_empty()).map(|(id, _)| id)
}

/// The values of `template`'s `{}` holes when `text` is `template` filled in; a hole never
/// spans a backtick, so a name cannot swallow the rest of the sentence.
fn fill(template: &str, text: &str) -> Option<Vec<String>> {
    let mut parts = template.split("{}");
    let first = parts.next()?;
    let mut rest = text.strip_prefix(first)?;
    let mut args = Vec::new();
    for literal in parts {
        let end = if literal.is_empty() {
            rest.find('`').unwrap_or(rest.len())
        } else {
            rest.find(literal)?
        };
        let value = &rest[..end];
        if value.contains('`') {
            return None;
        }
        args.push(value.to_owned());
        rest = &rest[end + literal.len()..];
    }
    rest.is_empty().then_some(args)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message ids of a language's file: every line that starts a message (`id =`).
    fn ids(lang: Lang) -> std::collections::BTreeSet<&'static str> {
        lang.source()
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once(" ="))
            .map(|(id, _)| id.trim())
            .collect()
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
            let tr = Tr::new(lang);
            for id in &nb {
                assert!(tr.has(id), "{lang:?} lacks `{id}`");
                assert!(!tr.t(id).contains('⟦'), "{lang:?} `{id}`");
            }
        }
    }

    #[test]
    fn phrases_of_the_analyses_find_their_messages() {
        assert_eq!(
            phrase("every owner of `ks-digital` is a contracting authority"),
            Some(("because-owners-public", vec!["ks-digital".to_owned()]))
        );
        assert_eq!(
            static_message("that the activity reports agree with the audited accounts"),
            Some("nc-accounts")
        );
        assert_eq!(
            phrase("every owner of `a` and `b` is a contracting authority"),
            None
        );
        assert_eq!(phrase("something else entirely"), None);
        for (_, id) in PHRASES {
            for lang in Lang::ALL {
                assert!(Tr::new(lang).has(id), "{lang:?} lacks `{id}`");
            }
        }
    }

    #[test]
    fn numbers_and_dates_per_language() {
        let nb = Tr::new(Lang::Nb);
        let en = Tr::new(Lang::En);
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
