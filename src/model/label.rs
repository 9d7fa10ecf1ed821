//! How a reader knows an entry: its number and title, written one way in
//! the window, the picker and the published site.

use super::SectionNumber;

/// "4.8.1 Young Carers"; a part as "1. All Children", as published; the
/// title alone for an unnumbered entry; "(untitled)" for an empty title.
pub fn label(number: Option<&SectionNumber>, title: &str) -> String {
    let title = title.trim();
    let title = if title.is_empty() {
        "(untitled)"
    } else {
        title
    };
    match number {
        Some(number) if number.depth() == 1 => format!("{number}. {title}"),
        Some(number) => format!("{number} {title}"),
        None => title.to_string(),
    }
}

/// "1 chapter", "2 chapters": a count with the noun agreeing.
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(counted(0, "chapter", "chapters"), "0 chapters");
        assert_eq!(counted(1, "chapter", "chapters"), "1 chapter");
        assert_eq!(counted(2, "entry", "entries"), "2 entries");
    }

    #[test]
    fn a_label_is_number_and_title() {
        let n = |parts: &[u32]| SectionNumber(parts.to_vec());
        assert_eq!(
            label(Some(&n(&[4, 8, 1])), "Young Carers"),
            "4.8.1 Young Carers"
        );
        assert_eq!(label(Some(&n(&[1])), "All Children"), "1. All Children");
        assert_eq!(label(None, "Two Page Guide"), "Two Page Guide");
        assert_eq!(label(Some(&n(&[1, 2, 1])), " "), "1.2.1 (untitled)");
        assert_eq!(label(None, ""), "(untitled)");
    }
}
