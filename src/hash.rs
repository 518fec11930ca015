//! Hash maps and sets for the analyses' memo tables and the report's indexes, keyed by the
//! input's ids: aHash with a key drawn per process. The standard library's `SipHash` was 6 % of
//! the national check's instructions (a few hundred per lookup on keys of two or three ids,
//! 600,000 lookups); aHash takes a fraction of that and, keyed at random, an input still cannot
//! choose ids that collide (the input comes from pull requests). Iteration order is no more
//! fixed than with `SipHash`, so nothing may depend on it, as before.

/// A hash map keyed at random per process.
pub type Map<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;

/// A hash set keyed at random per process.
pub type Set<K> = std::collections::HashSet<K, ahash::RandomState>;

/// An empty map with room for `n` entries.
pub fn map_with_capacity<K, V>(n: usize) -> Map<K, V> {
    Map::with_capacity_and_hasher(n, ahash::RandomState::default())
}

/// Ids, each with a place (a document's index, an entry's position), kept side by side in one
/// string with a table of where each is: a lookup reads the table and this string, not a key
/// of its own somewhere on the heap. The policy rules look up a referenced document per rule
/// and subscription, and the analyses an entity or a service per step; with the ids in
/// blocks of their own, at ×50 of the many-providers corpus (9,693 services) those lookups
/// took ten times their ×10 time for five times the lookups (issue 18).
///
/// The first place given for an id is kept. A slot is twelve bytes; an id it cannot place
/// (past 4 GiB of ids, or a place past the 4 billionth) is kept by its text beside the table.
#[derive(Debug, Clone, Default)]
pub struct Ids {
    text: String,
    table: hashbrown::HashTable<Slot>,
    rest: Map<Box<str>, usize>,
    hasher: ahash::RandomState,
}

/// One id of [`Ids`]: where its text is, and its place.
#[derive(Debug, Clone, Copy)]
struct Slot {
    start: u32,
    len: u32,
    place: u32,
}

impl Slot {
    fn text(self) -> std::ops::Range<usize> {
        self.start as usize..self.start as usize + self.len as usize
    }
}

impl Ids {
    /// Empty, with room for `count` ids of `bytes` bytes together.
    pub fn with_capacity(count: usize, bytes: usize) -> Self {
        Self {
            text: String::with_capacity(bytes),
            table: hashbrown::HashTable::with_capacity(count),
            ..Self::default()
        }
    }

    /// Adds `id` at `place`, unless it is there already (the first place is kept); whether it
    /// was added.
    pub fn insert(&mut self, id: &str, place: usize) -> bool {
        let hash = self.hasher.hash_one(id);
        if self.find_hashed(hash, id).is_some() {
            return false;
        }
        let (Ok(start), Ok(len), Ok(at)) = (
            u32::try_from(self.text.len()),
            u32::try_from(id.len()),
            u32::try_from(place),
        ) else {
            self.rest.insert(id.into(), place);
            return true;
        };
        self.text.push_str(id);
        let (hasher, text) = (&self.hasher, &self.text);
        let slot = Slot {
            start,
            len,
            place: at,
        };
        self.table
            .insert_unique(hash, slot, |s| hasher.hash_one(&text[s.text()]));
        true
    }

    /// The place of `id`.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.find_hashed(self.hasher.hash_one(id), id)
    }

    fn find_hashed(&self, hash: u64, id: &str) -> Option<usize> {
        self.table
            .find(hash, |s| self.text.get(s.text()) == Some(id))
            .map(|s| s.place as usize)
            .or_else(|| self.rest.get(id).copied())
    }

    /// The ids held in the table, one after another in the order they were added.
    #[cfg(test)]
    pub fn text(&self) -> &str {
        &self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first place of an id is kept; ids that are prefixes of each other, the empty id
    /// and ids not held are told apart.
    #[test]
    fn ids_keep_their_first_place() {
        let mut ids = Ids::with_capacity(4, 16);
        assert!(ids.insert("oslo", 3));
        assert!(ids.insert("os", 1));
        assert!(ids.insert("", 7));
        assert!(!ids.insert("oslo", 9));
        assert_eq!(ids.find("oslo"), Some(3));
        assert_eq!(ids.find("os"), Some(1));
        assert_eq!(ids.find(""), Some(7));
        assert_eq!(ids.find("osl"), None);
        assert_eq!(ids.find("oslo-"), None);
        assert_eq!(ids.text(), "osloos", "each id once, one after another");
        // A place past what a slot holds is kept beside the table.
        let far = usize::try_from(u64::from(u32::MAX) + 5).unwrap_or(usize::MAX);
        assert!(ids.insert("far", far));
        assert_eq!(ids.find("far"), Some(far));
        assert!(!ids.insert("far", 0));
        assert_eq!(ids.text(), "osloos", "the far one is not in the text");
    }
}
