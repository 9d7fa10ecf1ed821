//! Work split in runs over the machine's cores (at most eight), the
//! results kept in the order of what they came from: exports, the search
//! index and the plain English checks of a whole manual.

/// How many threads help on this machine: one a core, at most eight.
pub fn cores() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
}

/// `f(share)` for each of `shares` shares of some work, each on a thread
/// of its own, the results in the shares' order.
pub fn each_share<R: Send>(shares: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..shares)
            .map(|share| scope.spawn(move || f(share)))
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// `f` over runs of `items` (each of at least `min_run` items where there
/// are that many), on as many threads as help, the runs' results in order.
pub fn runs_in_order<T: Sync, R: Send>(
    items: &[T],
    min_run: usize,
    f: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    if items.is_empty() {
        return Vec::new();
    }
    let threads = cores().min(items.len().div_ceil(min_run.max(1)));
    let per_run = items.len().div_ceil(threads).max(1);
    let runs: Vec<&[T]> = items.chunks(per_run).collect();
    each_share(runs.len(), |run| f(runs[run]))
}

/// `f` over every item, in runs on every core, the results in order.
pub fn map_in_order<T: Sync, R: Send>(
    items: &[T],
    min_run: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    runs_in_order(items, min_run, |run| run.iter().map(&f).collect::<Vec<R>>())
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order_however_the_work_is_split() {
        let items: Vec<u32> = (0..1_000).collect();
        for min_run in [1, 7, 64, 5_000] {
            assert_eq!(
                map_in_order(&items, min_run, |n| n * 2),
                items.iter().map(|n| n * 2).collect::<Vec<_>>()
            );
        }
        assert!(map_in_order(&[] as &[u32], 8, |n| *n).is_empty());
        let sums = runs_in_order(&items, 100, |run| run.iter().sum::<u32>());
        assert_eq!(sums.iter().sum::<u32>(), items.iter().sum::<u32>());
    }
}
