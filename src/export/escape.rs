//! Escaping of user text for HTML and CSV. Every piece of manual text that
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
pub fn push_html(out: &mut String, text: &str) {
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..at]);
        out.push_str(escaped);
        start = at + 1;
    }
    out.push_str(&text[start..]);
}

/// A URL that may become a link (http, https, mailto), escaped for an
/// attribute; `None` for anything else (javascript:, data:, relative paths).
pub fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    crate::model::is_allowed_url(url).then(|| html(url))
}

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line
/// break, with quotes doubled. A leading `=`, `+`, `-`, `@`, tab or carriage
/// return is prefixed with
/// an apostrophe so a spreadsheet does not run it as a formula.
pub fn csv_field(text: &str) -> String {
    let guarded;
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{text}");
        guarded.as_str()
    } else {
        text
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
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
    }
}
