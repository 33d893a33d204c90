//! One sort for the whole core.
//!
//! Every sort in the core goes through [`sorted_indices`], so the wasm carries a single copy of
//! the standard library's sort (sorting `usize` with one comparator type) instead of one
//! monomorphised copy per element type and closure: about 8 KB of code less in the wasm.

use std::cmp::Ordering;

/// The indices `0..n` in the order `cmp` gives them; ties keep index order, so the result is
/// the same as a stable sort's.
pub fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
    order
}

/// Reorders `items` by `cmp`, stably.
pub fn sort_by<T>(items: Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) -> Vec<T> {
    let order = sorted_indices(items.len(), &|a, b| match (items.get(a), items.get(b)) {
        (Some(x), Some(y)) => cmp(x, y),
        _ => Ordering::Equal,
    });
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_ties_in_their_first_order() {
        let items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        let sorted = sort_by(items, &|x, y| x.0.cmp(&y.0));
        assert_eq!(
            sorted,
            vec![(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]
        );
    }

    #[test]
    fn matches_the_standard_stable_sort_on_many_inputs() {
        let mut seed = 12345u64;
        for n in 0..200 {
            let items: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|a| a.0);
            assert_eq!(sort_by(items, &|a, b| a.0.cmp(&b.0)), expected);
        }
    }
}
