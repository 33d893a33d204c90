//! One sort for the whole core.
//!
//! Every sort in the core goes through [`sorted_indices`]: a bottom-up merge sort of indices,
//! written out because std's sorts are monomorphised per element type and closure (four
//! copies, about 8 KB of wasm) and even one copy of its pattern-defeating quicksort is 3 KB.
//! This is a few hundred bytes, stable, O(n log n), and cannot panic.

use std::cmp::Ordering;

/// The indices `0..n` in the order `cmp` gives them; ties keep index order (a stable sort).
pub fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut src: Vec<usize> = (0..n).collect();
    let mut dst = vec![0; n];
    let mut width = 1;
    while width < n {
        for (run, out) in src.chunks(2 * width).zip(dst.chunks_mut(2 * width)) {
            let (left, right) = run.split_at(width.min(run.len()));
            merge(left, right, out, cmp);
        }
        std::mem::swap(&mut src, &mut dst);
        width = width.saturating_mul(2);
    }
    src
}

/// Merges two sorted runs into `out` (as long as both together), the left one first on ties.
fn merge(
    left: &[usize],
    right: &[usize],
    out: &mut [usize],
    cmp: &dyn Fn(usize, usize) -> Ordering,
) {
    let (mut l, mut r) = (left.iter().peekable(), right.iter().peekable());
    for slot in out.iter_mut() {
        let take_right = match (l.peek(), r.peek()) {
            (Some(&&a), Some(&&b)) => cmp(b, a) == Ordering::Less,
            (None, _) => true,
            (Some(_), None) => false,
        };
        let next = if take_right { r.next() } else { l.next() };
        if let Some(&i) = next {
            *slot = i;
        }
    }
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
