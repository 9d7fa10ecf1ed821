//! Reordering and removing items of a short list (a see-also list, an
//! entry's notes) as values: the editor records a [`ListOp`], and one pure
//! function applies it.

/// One change to a list, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListOp {
    Remove(usize),
    /// Swap with the item above.
    Up(usize),
    /// Swap with the item below.
    Down(usize),
    /// Take the item at `from` and put it before the item now at `to`
    /// (`to == len` puts it last).
    Move {
        from: usize,
        to: usize,
    },
}

/// Applies `op` to `items`; returns whether the list changed. An operation
/// that does not fit the list (out of range, up from the top) changes
/// nothing.
pub fn apply_list_op<T>(items: &mut Vec<T>, op: ListOp) -> bool {
    let len = items.len();
    match op {
        ListOp::Remove(i) if i < len => {
            items.remove(i);
            true
        }
        ListOp::Up(i) if i > 0 && i < len => {
            items.swap(i, i - 1);
            true
        }
        ListOp::Down(i) if i + 1 < len => {
            items.swap(i, i + 1);
            true
        }
        ListOp::Move { from, to } if from < len && to <= len && to != from && to != from + 1 => {
            let item = items.remove(from);
            let to = if to > from { to - 1 } else { to };
            items.insert(to, item);
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(op: ListOp) -> (Vec<char>, bool) {
        let mut items = vec!['a', 'b', 'c', 'd'];
        let changed = apply_list_op(&mut items, op);
        (items, changed)
    }

    #[test]
    fn up_down_and_remove_act_on_the_item_at_the_position() {
        assert_eq!(applied(ListOp::Up(2)), (vec!['a', 'c', 'b', 'd'], true));
        assert_eq!(applied(ListOp::Down(0)), (vec!['b', 'a', 'c', 'd'], true));
        assert_eq!(applied(ListOp::Remove(3)), (vec!['a', 'b', 'c'], true));
    }

    #[test]
    fn a_move_puts_the_item_before_the_target() {
        assert_eq!(
            applied(ListOp::Move { from: 0, to: 3 }),
            (vec!['b', 'c', 'a', 'd'], true)
        );
        assert_eq!(
            applied(ListOp::Move { from: 3, to: 0 }),
            (vec!['d', 'a', 'b', 'c'], true)
        );
        assert_eq!(
            applied(ListOp::Move { from: 1, to: 4 }),
            (vec!['a', 'c', 'd', 'b'], true)
        );
    }

    #[test]
    fn operations_that_do_not_fit_change_nothing() {
        let unchanged = (vec!['a', 'b', 'c', 'd'], false);
        for op in [
            ListOp::Up(0),
            ListOp::Down(3),
            ListOp::Remove(4),
            ListOp::Move { from: 1, to: 1 },
            ListOp::Move { from: 1, to: 2 },
            ListOp::Move { from: 9, to: 0 },
            ListOp::Move { from: 0, to: 9 },
        ] {
            assert_eq!(applied(op), unchanged, "{op:?}");
        }
    }
}
