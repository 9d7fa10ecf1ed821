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
    let Some(number) = number else {
        return title.to_string();
    };
    // Written in place: the export labels every entry of a manual before
    // any page can start.
    let mut label = String::with_capacity(title.len() + 4 * number.depth() + 2);
    for (i, part) in number.0.iter().enumerate() {
        if i > 0 {
            label.push('.');
        }
        push_decimal(&mut label, *part);
    }
    label.push_str(if number.depth() == 1 { ". " } else { " " });
    label.push_str(title);
    label
}

/// `n` in decimal, added to `out`.
pub fn push_decimal(out: &mut String, n: u32) {
    push_in_base(out, n as usize, 10);
}

/// `n` in base `radix` (2 to 36: digits, then lower-case letters), added
/// to `out` without a string of its own (labels, heading ids and the
/// search index's chapter lists write millions).
pub fn push_in_base(out: &mut String, mut n: usize, radix: usize) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let radix = radix.clamp(2, 36);
    // Most numbers written are one digit.
    if n < radix {
        out.push(char::from(DIGITS[n]));
        return;
    }
    // 64 binary digits hold any number.
    let mut digits = [0u8; 64];
    let mut start = digits.len();
    while n > 0 {
        start -= 1;
        digits[start] = DIGITS[n % radix];
        n /= radix;
    }
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
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
        // Numbers of every width, as the number is shown elsewhere.
        let wide = n(&[10, 0, 123, u32::MAX]);
        assert_eq!(label(Some(&wide), "T"), format!("{wide} T"));
        assert_eq!(label(Some(&n(&[12])), "T"), "12. T");
    }
}
