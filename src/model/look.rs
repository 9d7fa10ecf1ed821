//! How the council's published site looks: its logo (a file in the
//! manual's folder) and its brand colour, used for links and the header's
//! rule. A colour is taken only when text in it on the page's white reads
//! at WCAG's 4.5:1 contrast; otherwise it is refused with its ratio.

use serde::{Deserialize, Serialize};

/// The published site's look; empty when the council has set none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Look {
    /// The logo: a link into the manual's files (`stockport.files/logo.png`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// The brand colour, `#RRGGBB`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
}

impl Look {
    pub fn is_empty(&self) -> bool {
        self.logo.is_none() && self.colour.is_none()
    }
}

/// The least contrast text needs against its background (WCAG 2.2, 1.4.3).
pub const MIN_CONTRAST: f64 = 4.5;

/// `#1d4f91` (or `1d4f91`, `#1D4F91`) as red, green and blue.
pub fn parse_colour(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.trim().strip_prefix('#').unwrap_or(text.trim());
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

/// WCAG's relative luminance of a colour.
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// The contrast ratio of two colours (1 to 21).
pub fn contrast_ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// The colour as the site writes it (`#1d4f91`), or why it is refused:
/// not a colour, or too light for text on white (with its ratio).
pub fn brand_colour(text: &str) -> Result<String, String> {
    let Some(colour) = parse_colour(text) else {
        return Err(format!(
            "“{}” is not a colour: write it as # and six hexadecimal digits, such as #1d4f91",
            text.trim()
        ));
    };
    let ratio = contrast_ratio(colour, (255, 255, 255));
    if ratio < MIN_CONTRAST {
        return Err(format!(
            "{} is too light for text on the page's white: its contrast is {:.1}:1, and WCAG asks \
             for at least {MIN_CONTRAST}:1; choose a darker shade",
            text.trim(),
            (ratio * 10.0).floor() / 10.0
        ));
    }
    let (r, g, b) = colour;
    Ok(format!("#{r:02x}{g:02x}{b:02x}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_taken_only_when_text_in_them_reads_on_white() {
        assert_eq!(brand_colour("#1D4F91"), Ok("#1d4f91".to_string()));
        assert_eq!(brand_colour("0b0c0c"), Ok("#0b0c0c".to_string()));
        let light = brand_colour("#ffcc00").unwrap_err();
        assert!(light.contains("1.5:1"), "{light}");
        assert!(light.contains("4.5:1"), "{light}");
        assert!(brand_colour("blue").unwrap_err().contains("not a colour"));
        // WCAG's own figures: black on white is 21:1, #767676 just passes.
        assert!((contrast_ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 0.01);
        assert!(brand_colour("#767676").is_ok());
        assert!(brand_colour("#777777").is_err());
    }

    #[test]
    fn a_colour_edited_into_the_file_that_fails_is_a_serious_warning() {
        let mut manual = crate::store::format::stockport_sample();
        manual.look.colour = Some("#ffcc00".into());
        let warnings = manual.validate();
        let colour = warnings
            .iter()
            .find(|w| matches!(w.kind, crate::model::WarningKind::BadColour { .. }))
            .unwrap();
        assert!(colour.is_serious());
        assert!(colour.kind.to_string().contains("1.5:1"), "{}", colour.kind);
    }
}
