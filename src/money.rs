//! Amounts in minor units (øre): legal arithmetic is integer arithmetic. A module of its own,
//! below both the analyses that compute amounts and the renderers that format them.

use std::fmt;

use serde::Serialize;

/// An amount in minor units (øre): legal arithmetic is integer arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Minor(pub i64);

impl fmt::Display for Minor {
    /// `1250000.50`, `-3.05`: exact, two decimals, no grouping (machine formats quote it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", a / 100, a % 100)
    }
}

impl Minor {
    /// `1 250 000.50`: grouped for reading, as every text for people writes amounts (the machine
    /// formats keep [`Display`](fmt::Display)'s plain form).
    pub fn grouped(self) -> String {
        grouped(self, '.')
    }
}

impl Serialize for Minor {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// `m` grouped by threes with a space, with `mark` before the øre.
pub fn grouped(m: Minor, mark: char) -> String {
    let sign = if m.0 < 0 { "-" } else { "" };
    let a = m.0.unsigned_abs();
    let int = (a / 100).to_string();
    let mut out = String::with_capacity(int.len() + 8);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out.push(mark);
    out.push_str(&format!("{:02}", a % 100));
    out
}
