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
