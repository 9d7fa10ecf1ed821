//! Markup by construction: an element's opening and closing tags are
//! written by one call, around a closure that writes its content, so a
//! page cannot be built with a list left open or closed twice. Text and
//! attribute values are escaped by default; only HTML this program made
//! itself (a rendered Markdown body) goes in unescaped, through
//! [`Markup::trusted`].

use super::escape::push_html;

/// An HTML document or fragment being written.
#[derive(Debug, Default)]
pub struct Markup {
    out: String,
}

/// An element's attributes: name (a literal of this program) and value
/// (escaped when written).
pub type Attrs<'a> = &'a [(&'static str, &'a str)];

impl Markup {
    pub fn with_capacity(bytes: usize) -> Self {
        Markup {
            out: String::with_capacity(bytes),
        }
    }

    fn open(&mut self, tag: &'static str, attrs: Attrs) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            push_html(&mut self.out, value);
            self.out.push('"');
        }
        self.out.push('>');
    }

    /// `<tag attrs>` content `</tag>`.
    pub fn el(&mut self, tag: &'static str, attrs: Attrs, content: impl FnOnce(&mut Self)) {
        self.open(tag, attrs);
        content(self);
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    /// An element holding only text.
    pub fn text_el(&mut self, tag: &'static str, attrs: Attrs, text: &str) {
        self.el(tag, attrs, |m| m.text(text));
    }

    /// An element without content or closing tag (`meta`, `link`).
    pub fn void(&mut self, tag: &'static str, attrs: Attrs) {
        self.open(tag, attrs);
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) {
        push_html(&mut self.out, text);
    }

    /// A line break in the source, for readable output.
    pub fn newline(&mut self) {
        self.out.push('\n');
    }

    /// HTML made by this program (a rendered Markdown body, which escapes
    /// the reader's text itself), or a fixed snippet such as the doctype.
    pub fn trusted(&mut self, html: &str) {
        self.out.push_str(html);
    }

    pub fn into_string(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_close_where_they_open_and_text_is_escaped() {
        let mut m = Markup::default();
        m.el("ol", &[("class", "contents")], |m| {
            for item in ["<b>", "a & b"] {
                m.el("li", &[], |m| m.text(item));
            }
        });
        assert_eq!(
            m.into_string(),
            "<ol class=\"contents\"><li>&lt;b&gt;</li><li>a &amp; b</li></ol>"
        );
    }

    #[test]
    fn attribute_values_cannot_break_out_of_their_quotes() {
        let mut m = Markup::default();
        m.text_el("a", &[("href", "x\" onclick=\"evil()")], "t");
        assert_eq!(
            m.into_string(),
            "<a href=\"x&quot; onclick=&quot;evil()\">t</a>"
        );
    }
}
