//! Escaping of user text for HTML (and the XML of the feed and sitemap,
//! which the same escaping suits) and CSV. Every piece of manual text that
//! reaches an exported file goes through one of these.

/// Escapes text for HTML element content and quoted attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_html(&mut out, text);
    out
}

/// Appends `text` escaped for HTML to `out`: the runs between the five
/// characters that need it copied whole (they are ASCII, so a byte that
/// matches one is never inside another character).
///
/// Eight bytes are looked at a time while none of them needs escaping
/// (most text and addresses): every label, address and line of a page
/// passes through here, and a branch a byte cost a tenth of the escaping.
pub fn push_html(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len());
    let mut start = 0;
    let mut at = 0;
    while at < bytes.len() {
        if let Some(chunk) = bytes
            .get(at..at + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
            && !needs_escaping(u64::from_le_bytes(chunk))
        {
            at += 8;
            continue;
        }
        // The last few bytes, padded to eight, looked at once: most of
        // them need nothing either.
        if bytes.len() - at < 8 && !needs_escaping(padded_eight(&bytes[at..])) {
            break;
        }
        let escaped = match bytes[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&text[start..at]);
        out.push_str(escaped);
        at += 1;
        start = at;
    }
    out.push_str(&text[start..]);
}

/// Each byte of eight read as one number, repeated: for the readings of
/// text eight bytes at a time (here and in the search index's words).
pub(super) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each of eight bytes.
pub(super) const HIGHS: u64 = ONES * 0x80;

/// Up to eight bytes as a number, the first lowest, padded with `a` (a
/// byte nothing escapes and no white space).
#[inline(always)]
pub(super) fn padded_eight(chunk: &[u8]) -> u64 {
    let mut bytes = [b'a'; 8];
    bytes[..chunk.len()].copy_from_slice(chunk);
    u64::from_le_bytes(bytes)
}

/// Not zero exactly when one of the eight bytes of `x` is `c`: a byte
/// equal to `c` is zero after `^ c`, and only a zero byte (or one above
/// it, borrowing from it) has its high bit set by `(v - 1) & !v`, so the
/// answer is exact for "any", though not for "which".
#[inline(always)]
pub(super) fn any_byte_is(x: u64, c: u8) -> u64 {
    let v = x ^ (ONES * u64::from(c));
    v.wrapping_sub(ONES) & !v & HIGHS
}

/// Not zero exactly when one of the eight bytes of `x` is below `n` (at
/// most 0x80), as [`any_byte_is`] tells a zero byte.
#[inline(always)]
pub(super) fn any_byte_below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(n)) & !x & HIGHS
}

/// Whether any of eight bytes is one that [`push_html`] escapes.
#[inline]
fn needs_escaping(x: u64) -> bool {
    let has = |c: u8| any_byte_is(x, c);
    has(b'&') | has(b'<') | has(b'>') | has(b'"') | has(b'\'') != 0
}

/// A URL that may become a link (http, https, mailto), escaped for an
/// attribute; `None` for anything else (javascript:, data:, relative paths).
pub fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    crate::model::is_allowed_url(url).then(|| html(url))
}

/// A site's base address (`--base-url`) as its pages and lists link
/// from it: trimmed, ending in one `/`, and not escaped, so that each
/// file escapes the addresses made from it once; `None` for an address
/// that may not be a link.
pub fn base_address(base: &str) -> Option<String> {
    let base = base.trim();
    crate::model::is_allowed_url(base).then(|| format!("{}/", base.trim_end_matches('/')))
}

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line
/// break, with quotes doubled. A leading `=`, `+`, `-`, `@`, tab or carriage
/// return is prefixed with
/// an apostrophe so a spreadsheet does not run it as a formula.
pub fn csv_field(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_csv_field(&mut out, text);
    out
}

/// [`csv_field`], added to `out` (a document index writes a row a chapter,
/// nine fields each, without a string for any).
pub fn push_csv_field(out: &mut String, text: &str) {
    let guard = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if !text.contains([',', '"', '\n', '\r']) {
        if guard {
            out.push('\'');
        }
        out.push_str(text);
        return;
    }
    out.push('"');
    if guard {
        out.push('\'');
    }
    for (n, piece) in text.split('"').enumerate() {
        if n > 0 {
            out.push_str("\"\"");
        }
        out.push_str(piece);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_every_other_character_as_it_is() {
        assert_eq!(
            html("é<ü>&\u{1F600}'\""),
            "é&lt;ü&gt;&amp;\u{1F600}&#39;&quot;"
        );
        assert_eq!(html(""), "");
        assert_eq!(html("plain"), "plain");
    }

    #[test]
    fn escaping_eight_bytes_at_a_time_is_escaping_one_at_a_time() {
        // Each character to escape at every place in and around a run of
        // eight, beside the bytes next to them and characters outside ASCII.
        let alphabet: Vec<char> = "&<>\"'%;=?@a ü€😀".chars().collect();
        let one_at_a_time = |text: &str| -> String {
            text.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect()
        };
        let mut seed = 0x2545_f491_u32;
        for length in 0..70 {
            for _ in 0..30 {
                // Mostly plain letters, so whole runs of eight pass.
                let text = crate::export::random_text(&mut seed, length, |n| {
                    if n.is_multiple_of(5) {
                        alphabet[(n / 5) as usize % alphabet.len()]
                    } else {
                        'x'
                    }
                });
                assert_eq!(html(&text), one_at_a_time(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn html_escapes_markup_characters() {
        assert_eq!(
            html(r#"<script>alert("x")</script> & 'q'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"
        );
        assert_eq!(
            html("\"><img src=x onerror=alert(1)>"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(html("Children’s"), "Children’s");
    }

    #[test]
    fn only_web_and_mail_urls_survive() {
        assert_eq!(
            safe_url("https://www.gov.uk/a?b=1&c=2").as_deref(),
            Some("https://www.gov.uk/a?b=1&amp;c=2")
        );
        assert_eq!(
            safe_url("mailto:team@example.org").as_deref(),
            Some("mailto:team@example.org")
        );
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url(" JavaScript:alert(1)"), None);
        assert_eq!(safe_url("../../etc/passwd"), None);
        assert_eq!(safe_url("data:text/html,hi"), None);
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("\t=1+1"), "'\t=1+1");
        assert_eq!(csv_field("\r=1+1"), "\"'\r=1+1\"");
        assert_eq!(csv_field("-\"a\", b"), "\"'-\"\"a\"\", b\"");
        assert_eq!(csv_field("\"\""), "\"\"\"\"\"\"");
        assert_eq!(csv_field(""), "");
    }
}
