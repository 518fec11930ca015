//! What a value that was never filled in looks like: the words, ids and numbers `egenregi new`
//! writes, and the empty answers people type. The loader finds them in each document as it
//! parses it ([`super::yaml::placeholders_in`]); `data/placeholder`
//! (`model::consistency`) reports them.

/// Ids `egenregi new` writes for references the user did not give.
pub const PLACEHOLDER_PROVIDER: &str = "todo-provider";
pub const PLACEHOLDER_ENTITY: &str = "todo-entity";
pub const PLACEHOLDER_SERVICE: &str = "todo-service";
pub const PLACEHOLDER_OWNER: &str = "todo-owner";
pub const PLACEHOLDER_IDS: &[&str] = &[
    PLACEHOLDER_PROVIDER,
    PLACEHOLDER_ENTITY,
    PLACEHOLDER_SERVICE,
    PLACEHOLDER_OWNER,
];
/// The rule and target of a waiver written without `--rule`/`--target`.
pub const PLACEHOLDER_RULE: &str = "todo/rule";
pub const PLACEHOLDER_TARGET: &str = "Entity/todo-entity";
/// Numbers that fit their schema pattern (so the document loads) but exist nowhere.
pub const PLACEHOLDER_ORGNR: &str = "000000000";
pub const PLACEHOLDER_MUNICIPALITY_NUMBER: &str = "0000";
pub const PLACEHOLDER_COUNTY_NUMBER: &str = "00";

/// Words that mark a text as not written yet, when one of them (in any case) starts the
/// trimmed text as a word of its own: `TODO: who`, `todo`, `FIXME later`, `TBD`, `xxx`. The one
/// list the check reads; `Todorov` and `todo-app` are names.
pub const PLACEHOLDER_MARKERS: &[&str] = &["todo", "tbd", "fixme", "xxx"];

/// Whole answers (in any case, trimmed) that say nothing in a field that must say something:
/// a reason, an approver, a reference, an agreement, an objective.
pub const PLACEHOLDER_ANSWERS: &[&str] = &["n/a", "na", "none", "ingen", "ukjent"];

/// Fields whose value is a person's answer (a reason, an approver), where a text with no letter
/// at all (`-`, `?`, `...`) says nothing either.
pub const PLACEHOLDER_ANSWER_FIELDS: &[&str] = &["reason", "approved_by"];

/// Fields a legal condition reads as a fact, where an answer from [`PLACEHOLDER_ANSWERS`] is a
/// placeholder too (a reference, an agreement, its objectives).
pub const PLACEHOLDER_FACT_FIELDS: &[&str] =
    &["reference", "agreement", "objectives", "assessment"];

/// How a template marks a blank to fill in, in an answer or a fact field: `<approver>`,
/// `<reason goes here>`.
pub const PLACEHOLDER_TEMPLATE: (char, char) = ('<', '>');

/// A letter typed over and over in an answer or a fact field (`xxxxxxxx`) at least this often.
pub const PLACEHOLDER_FILLER: (char, usize) = ('x', 3);

/// Whether a text value is a scaffolding placeholder: a marker word at its start
/// ([`PLACEHOLDER_MARKERS`]), or a placeholder id, rule or target.
pub fn is_placeholder(text: &str) -> bool {
    let trimmed = text.trim();
    // Every marker and id below starts with one of a few letters: most of the 100,000s of
    // values of a large repository are told apart by their first byte alone.
    let Some(first) = trimmed.bytes().next() else {
        return false;
    };
    let starts = |w: &str| {
        w.bytes()
            .next()
            .is_some_and(|b| b.eq_ignore_ascii_case(&first))
    };
    if !(PLACEHOLDER_MARKERS.iter().any(|w| starts(w))
        || PLACEHOLDER_IDS.iter().any(|w| starts(w))
        || [PLACEHOLDER_RULE, PLACEHOLDER_TARGET, "Kind/id"]
            .iter()
            .any(|w| starts(w)))
    {
        return false;
    }
    // What `egenregi new` writes: `TODO...` in capitals, joined to anything.
    trimmed.starts_with("TODO")
        || PLACEHOLDER_MARKERS.iter().any(|m| starts_with_word(trimmed, m))
        || PLACEHOLDER_IDS.contains(&trimmed)
        || trimmed == PLACEHOLDER_RULE
        || trimmed == PLACEHOLDER_TARGET
        // what `egenregi new waiver` wrote before its target fitted the schema
        || trimmed == "Kind/id"
}

/// Whether `text` starts with `word` (ASCII, any case) followed by its end or by a character
/// that cannot continue a word or an id (so not a letter, digit, `-` or `_`).
fn starts_with_word(text: &str, word: &str) -> bool {
    let Some(head) = text.get(..word.len()) else {
        return false;
    };
    head.eq_ignore_ascii_case(word)
        && text[word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_'))
}

/// Whether the value of field `key` is a placeholder: [`is_placeholder`]; numbers only in the
/// number fields; an empty answer ([`PLACEHOLDER_ANSWERS`]) in a field that states a fact or an
/// answer; no letter at all in an answer ([`PLACEHOLDER_ANSWER_FIELDS`]).
pub fn is_placeholder_in(key: &str, text: &str) -> bool {
    let trimmed = text.trim();
    let answer = PLACEHOLDER_ANSWER_FIELDS.contains(&key);
    is_placeholder(text)
        || match key {
            "orgnr" => text == PLACEHOLDER_ORGNR,
            "municipality_number" => text == PLACEHOLDER_MUNICIPALITY_NUMBER,
            "county_number" => text == PLACEHOLDER_COUNTY_NUMBER,
            _ => false,
        }
        || ((answer || PLACEHOLDER_FACT_FIELDS.contains(&key)) && says_nothing(trimmed))
        || (answer && !trimmed.chars().any(char::is_alphabetic))
}

/// Whether a trimmed answer or fact says nothing: an empty answer ([`PLACEHOLDER_ANSWERS`]), a
/// template's blank ([`PLACEHOLDER_TEMPLATE`]) or a filler ([`PLACEHOLDER_FILLER`]).
fn says_nothing(trimmed: &str) -> bool {
    let (open, close) = PLACEHOLDER_TEMPLATE;
    let (filler, times) = PLACEHOLDER_FILLER;
    PLACEHOLDER_ANSWERS
        .iter()
        .any(|a| trimmed.eq_ignore_ascii_case(a))
        || (trimmed.starts_with(open) && trimmed.ends_with(close))
        || (trimmed.chars().count() >= times
            && trimmed.chars().all(|c| c.eq_ignore_ascii_case(&filler)))
}

/// A string in a document that is still a placeholder ([`is_placeholder_in`]): where it is,
/// under which key, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub pointer: String,
    pub key: String,
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_scaffolding_text_only() {
        for p in [
            "TODO",
            "TODO: who",
            "todo-owner",
            "todo/rule",
            "Entity/todo-entity",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for p in [
            " TODO: who",
            "todo",
            "todo: fill in later",
            "FIXME before the audit",
            "TBD",
            " tbd ",
            "xxx",
            "Fixme.",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for p in [
            "Todorov",
            "todo-app",
            "tbd_x",
            "Kari Nordmann (CTO)",
            "Xxxtra",
            "2024-123456",
        ] {
            assert!(!is_placeholder(p), "{p}");
        }
        for (key, p) in [
            ("approved_by", "-"),
            ("approved_by", "?"),
            ("reason", "..."),
            ("reason", "N/A"),
            ("approved_by", " na "),
            ("approved_by", "None"),
            ("reason", "ingen"),
            ("approved_by", "Ukjent"),
            ("reference", "N/A"),
            ("objectives", "none"),
            ("reason", "xxxxxxxxxxxx"),
            ("approved_by", "<approver>"),
            ("reason", "<reason goes here>"),
            ("approved_by", "Todo Nordmann"),
        ] {
            assert!(is_placeholder_in(key, p), "{key}: {p}");
        }
        // a notice number has no letters; `-` in a name is no answer to check
        assert!(!is_placeholder_in("reference", "2024-123456"));
        assert!(!is_placeholder_in("name", "-"));
        assert!(!is_placeholder_in("reason", "Nanna"));
        assert!(!is_placeholder_in("reason", "xx"));
        // markup in a field no condition reads as an answer is not a blank
        assert!(!is_placeholder_in("description", "<p>Arkiv</p>"));
        assert!(is_placeholder_in("orgnr", "000000000"));
        assert!(!is_placeholder_in("name", "000000000"));
    }

    /// The loader finds each document's placeholders as it parses it, in document order, with
    /// their pointers (escaped keys, list indices), under the key that holds them.
    #[test]
    fn the_loader_finds_each_documents_placeholders() {
        let yaml = "a: fine\nb: [ok, TODO later]\n---\nspec:\n  x/y: {reason: n/a}\n  \
                    orgnr: '000000000'\n---\nc: nothing to do\n";
        let parsed = crate::load::yaml::parse(
            yaml,
            crate::source::SourceId(0),
            &crate::load::Limits::default(),
        );
        let found: Vec<Vec<(&str, &str, &str)>> = parsed
            .documents
            .iter()
            .map(|d| {
                d.placeholders
                    .iter()
                    .map(|p| (p.pointer.as_str(), p.key.as_str(), p.text.as_str()))
                    .collect()
            })
            .collect();
        assert_eq!(
            found,
            [
                vec![("/b/1", "b", "TODO later")],
                vec![
                    ("/spec/x~1y/reason", "reason", "n/a"),
                    ("/spec/orgnr", "orgnr", "000000000"),
                ],
                vec![],
            ]
        );
    }
}
