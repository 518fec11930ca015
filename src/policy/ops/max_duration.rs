//! `max-duration="4h"`: the node is a duration (`15m`, `4h`, `2d`) of at most this long.

use kdl::KdlValue;

use super::{Arg, Assertion, Compiled, Context, Form, Operator, Verdict, fail, show};
use crate::load::tree::NodeRef;

pub(super) const OPERATOR: Operator = Operator {
    name: "max-duration",
    form: Form::Value,
    follows_references: false,
    whole_set: false,
    compile,
};

fn compile(arg: &mut dyn Arg<'_>) -> Option<Compiled> {
    let parsed = match arg.entry().value() {
        KdlValue::String(s) => minutes(s).map(|m| (m, s.clone())),
        _ => None,
    };
    let Some((minutes, text)) = parsed else {
        let at = arg.entry().span();
        arg.problem(
            at,
            "`max-duration` takes a duration such as \"4h\"".into(),
            "not a duration",
            Some("a whole number followed by `m` (minutes), `h` (hours) or `d` (days)".into()),
        );
        return None;
    };
    Some(Compiled::Node(Box::new(MaxDuration { minutes, text })))
}

#[derive(Debug)]
struct MaxDuration {
    minutes: u64,
    /// As written, for the message.
    text: String,
}

impl Assertion for MaxDuration {
    fn check(&self, value: NodeRef<'_>, cx: &dyn Context) -> Verdict {
        match value.as_str().and_then(minutes) {
            Some(m) if m <= self.minutes => Verdict::Ok,
            Some(_) => fail(cx, || {
                format!(
                    "{} is {}, longer than {}",
                    cx.name(),
                    show(value),
                    self.text
                )
            }),
            None => fail(cx, || {
                format!(
                    "{} is {}, not a duration such as `4h`",
                    cx.name(),
                    show(value)
                )
            }),
        }
    }
}

/// `15m`, `4h`, `2d` in minutes.
fn minutes(s: &str) -> Option<u64> {
    let unit = s.chars().last()?;
    let digits = &s[..s.len() - unit.len_utf8()];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    match unit {
        'm' => Some(n),
        'h' => n.checked_mul(60),
        'd' => n.checked_mul(24 * 60),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{Fake, judge, problems};
    use super::*;

    #[test]
    fn durations_in_minutes() {
        assert_eq!(minutes("15m"), Some(15));
        assert_eq!(minutes("4h"), Some(240));
        assert_eq!(minutes("2d"), Some(2880));
        for bad in ["", "h", "4", "4x", "-4h", "4 h", "99999999999999999999d"] {
            assert_eq!(minutes(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_shorter_duration_passes_a_longer_one_fails() {
        let cx = Fake::default();
        let line = "assert \"spec.x\" max-duration=\"4h\"";
        assert_eq!(judge(line, Some(json!("240m")), &cx), Verdict::Ok);
        assert_eq!(
            judge(line, Some(json!("1d")), &cx),
            Verdict::Fail("`spec.x` is `1d`, longer than 4h".into())
        );
        assert_eq!(
            judge(line, Some(json!(4)), &cx),
            Verdict::Fail("`spec.x` is 4, not a duration such as `4h`".into())
        );
    }

    #[test]
    fn it_takes_a_duration() {
        assert_eq!(
            problems("assert \"spec.x\" max-duration=4"),
            [(
                "`max-duration` takes a duration such as \"4h\"".into(),
                "max-duration=4".into()
            )]
        );
    }
}
