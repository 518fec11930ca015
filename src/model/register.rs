//! The dated register of Norwegian county (fylke) and municipality (kommune) numbers, shipped as
//! data so that `entity/municipality-number` can tell a renumbered entity from a typo.
//!
//! Source: `data/no-counties.csv` and `data/no-municipalities.csv`, copied verbatim from the
//! tables compiled for this project from SSB Klass 104/131 and the sources listed in
//! `data/SOURCES.md` (which says how each row was cross-checked; `python3 data/check.py`
//! re-runs the checks). Dates are ISO and both ends inclusive; an empty `valid_to` is still
//! valid. Municipalities are covered from 2020-01-01 and counties from 2013-01-01: a date
//! before that floor is outside the table, never "invalid".
//!
//! `build.rs` writes the rows as sorted tables of literals, so no run parses the files (that was
//! 0.56 M of the 29 M instructions of checking the 37 KB example, issue 18); a test compares
//! them with a parse of the files.

use crate::date::Date;

mod generated {
    use super::{Date, Row};
    include!(concat!(env!("OUT_DIR"), "/register.rs"));
}

/// One number over one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub number: &'static str,
    pub name: &'static str,
    pub from: Date,
    /// Last valid day; `None` while it is valid.
    pub to: Option<Date>,
}

impl Row {
    pub fn valid_on(&self, date: Date) -> bool {
        self.from <= date && self.to.is_none_or(|t| date <= t)
    }

    /// Still valid at the newest source read.
    pub fn is_open(&self) -> bool {
        self.to.is_none()
    }

    /// The name without SSB's disambiguation suffix: `Våler (Viken)` → `Våler`.
    pub fn base_name(&self) -> &'static str {
        self.name.split(" (").next().unwrap_or(self.name).trim()
    }
}

/// One table: rows sorted by number, then start.
#[derive(Debug)]
pub struct Register {
    /// `municipality` or `county`, for messages.
    pub what: &'static str,
    /// The first date the table covers.
    pub floor: Date,
    rows: &'static [Row],
}

impl Register {
    /// Parses an embedded CSV (`number,name,valid_from,valid_to`), as `build.rs` does: what
    /// the generated tables are compared with.
    #[cfg(test)]
    fn parse(what: &'static str, floor: Date, csv: &'static str) -> (&'static str, Date, Vec<Row>) {
        let mut rows: Vec<Row> = csv
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut fields = line.split(',');
                let number = fields.next()?;
                let name = fields.next()?;
                let from = Date::parse(fields.next()?)?;
                let to = match fields.next()?.trim() {
                    "" => None,
                    t => Some(Date::parse(t)?),
                };
                Some(Row {
                    number,
                    name,
                    from,
                    to,
                })
            })
            .collect();
        rows.sort_by(|a, b| a.number.cmp(b.number).then(a.from.cmp(&b.from)));
        (what, floor, rows)
    }

    /// Every period of `number`, oldest first (empty when it never existed in the covered range).
    pub fn periods(&self, number: &str) -> &[Row] {
        let start = self.rows.partition_point(|r| r.number < number);
        let end = start + self.rows[start..].partition_point(|r| r.number == number);
        &self.rows[start..end]
    }

    /// The numbers valid on `date` (`None`: still valid), nearest to `number` first, at most `n`.
    pub fn nearest(&self, number: &str, date: Option<Date>, n: usize) -> Vec<&Row> {
        let target: i64 = number.parse().unwrap_or(0);
        let mut valid: Vec<&Row> = self
            .rows
            .iter()
            .filter(|r| date.map_or(r.is_open(), |d| r.valid_on(d)))
            .collect();
        valid.sort_by_key(|r| (r.number.parse::<i64>().unwrap_or(0) - target).abs());
        valid.truncate(n);
        valid.sort_by_key(|r| r.number);
        valid
    }

    /// The rows valid on `date` (`None`: still valid) whose base name is `name`'s.
    pub fn same_name(&self, name: &str, date: Option<Date>) -> Vec<&Row> {
        self.rows
            .iter()
            .filter(|r| r.base_name() == name && date.map_or(r.is_open(), |d| r.valid_on(d)))
            .collect()
    }

    /// Every row, sorted by number, then start.
    pub fn rows(&self) -> &[Row] {
        self.rows
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.rows.len()
    }
}

/// The county table (2013 onwards).
pub fn counties() -> &'static Register {
    static TABLE: Register = Register {
        what: "county",
        floor: Date {
            year: 2013,
            month: 1,
            day: 1,
        },
        rows: generated::COUNTY_ROWS,
    };
    &TABLE
}

/// The municipality table (2020 onwards).
pub fn municipalities() -> &'static Register {
    static TABLE: Register = Register {
        what: "municipality",
        floor: Date {
            year: 2020,
            month: 1,
            day: 1,
        },
        rows: generated::MUNICIPALITY_ROWS,
    };
    &TABLE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    /// The tables `build.rs` wrote are the files' rows, parsed and sorted as a run had parsed
    /// them: same rows, same order, same floors.
    #[test]
    fn the_generated_tables_are_the_files() {
        let files = [
            (
                counties(),
                Register::parse(
                    "county",
                    date("2013-01-01"),
                    include_str!("../../data/no-counties.csv"),
                ),
            ),
            (
                municipalities(),
                Register::parse(
                    "municipality",
                    date("2020-01-01"),
                    include_str!("../../data/no-municipalities.csv"),
                ),
            ),
        ];
        for (table, (what, floor, rows)) in files {
            assert_eq!(table.what, what);
            assert_eq!(table.floor, floor, "{what}");
            assert_eq!(table.rows, rows.as_slice(), "{what}");
        }
    }

    #[test]
    fn every_row_of_the_shipped_tables_is_read() {
        // Row counts as data/SOURCES.md gives them: 33 counties, 471 municipality rows.
        assert_eq!(counties().len(), 33);
        assert_eq!(municipalities().len(), 471);
        let on = |r: &Register, d: &str| {
            let d = date(d);
            r.rows.iter().filter(|row| row.valid_on(d)).count()
        };
        // SOURCES.md, "structure size on sample dates".
        assert_eq!(on(municipalities(), "2023-12-31"), 356);
        assert_eq!(on(municipalities(), "2024-01-01"), 357);
        assert_eq!(on(counties(), "2023-12-31"), 11);
        assert_eq!(on(counties(), "2024-01-01"), 15);
    }

    #[test]
    fn periods_and_neighbours() {
        let m = municipalities();
        let baerum = m.periods("3024");
        assert_eq!(baerum.len(), 1);
        assert_eq!(baerum[0].to, Some(date("2023-12-31")));
        assert!(m.periods("3499").is_empty());
        assert_eq!(m.same_name("Bærum", None)[0].number, "3201");
        let near: Vec<&str> = m
            .nearest("3499", None, 2)
            .iter()
            .map(|r| r.number)
            .collect();
        assert_eq!(near, ["3453", "3454"]);
        assert_eq!(counties().periods("30")[0].name, "Viken");
    }
}
