//! Section numbers such as `4.8.1`, derived from an entry's position.

use std::fmt;

/// The derived number of an entry: one component per numbered ancestor level,
/// e.g. `[4, 8, 1]` for chapter 4.8.1.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct SectionNumber(pub Vec<u32>);

impl SectionNumber {
    /// The number of the `position`-th (1-based) numbered child of `self`.
    pub fn child(&self, position: u32) -> SectionNumber {
        let mut parts = Vec::with_capacity(self.0.len() + 1);
        parts.extend_from_slice(&self.0);
        parts.push(position);
        SectionNumber(parts)
    }

    /// How many levels deep the number is (a part is 1).
    pub fn depth(&self) -> usize {
        self.0.len()
    }

    /// Parses `1`, `1.`, `4.8.1` or `4.8.1.`; `None` for anything else.
    pub fn parse(text: &str) -> Option<SectionNumber> {
        let text = text.strip_suffix('.').unwrap_or(text);
        if text.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        for piece in text.split('.') {
            if piece.is_empty() || piece.len() > 3 || !piece.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            parts.push(piece.parse().ok()?);
        }
        Some(SectionNumber(parts))
    }
}

impl fmt::Display for SectionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, part) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{part}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_displays_with_dots() {
        assert_eq!(SectionNumber(vec![4, 8, 1]).to_string(), "4.8.1");
        assert_eq!(SectionNumber(vec![7]).to_string(), "7");
    }

    #[test]
    fn parse_accepts_trailing_dot_and_rejects_words() {
        assert_eq!(SectionNumber::parse("1."), Some(SectionNumber(vec![1])));
        assert_eq!(
            SectionNumber::parse("4.10.2"),
            Some(SectionNumber(vec![4, 10, 2]))
        );
        assert_eq!(SectionNumber::parse("4..2"), None);
        assert_eq!(SectionNumber::parse("2014"), None);
        assert_eq!(SectionNumber::parse("a.1"), None);
        assert_eq!(SectionNumber::parse(""), None);
    }

    #[test]
    fn child_appends_a_component() {
        assert_eq!(
            SectionNumber(vec![1, 2]).child(3),
            SectionNumber(vec![1, 2, 3])
        );
    }
}
