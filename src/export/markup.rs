//! Markup by construction: an element's opening and closing tags are
//! written by one call, around a closure that writes its content, so a
//! page cannot be built with a list left open or closed twice. Text and
//! attribute values are escaped by default; only HTML this program made
//! itself (a rendered Markdown body) goes in unescaped, through
//! [`Markup::trusted`]. Line breaks in the source follow from the element:
//! after the opening tag of one that holds blocks (a list, a section) and
//! after the closing tag of a block (a paragraph, a list item), never
//! inside running text, so no page builder writes one by hand.

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

    #[inline]
    fn open(&mut self, tag: &'static str, attrs: Attrs, layout: Layout) {
        if layout.block {
            self.start_line();
        }
        self.out.push('<');
        self.out.push_str(tag);
        self.attributes(attrs);
        self.out.push('>');
        if layout.holds_blocks || layout.void_block {
            self.start_line();
        }
    }

    fn attributes(&mut self, attrs: Attrs) {
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            push_html(&mut self.out, value);
            self.out.push('"');
        }
    }

    /// A link around HTML this program made (an entry's label, escaped
    /// once for the whole site), its address given in parts (escaped
    /// here, like `attrs`), so a page of many links builds no strings.
    pub fn link_html(&mut self, href: &[&str], attrs: Attrs, html: &str) {
        self.link_opening(href, attrs);
        self.out.push_str(html);
        self.out.push_str("</a>");
    }

    /// A link whose address after `root` and whose name are HTML this
    /// program made once for the whole site (an entry's, from
    /// [`super::site::Site::link_parts`]).
    pub fn link_made(&mut self, root: &str, href_html: &str, attrs: Attrs, html: &str) {
        self.out.push_str("<a href=\"");
        push_html(&mut self.out, root);
        self.out.push_str(href_html);
        self.out.push('"');
        self.attributes(attrs);
        self.out.push('>');
        self.out.push_str(html);
        self.out.push_str("</a>");
    }

    fn link_opening(&mut self, href: &[&str], attrs: Attrs) {
        self.out.push_str("<a href=\"");
        for part in href {
            push_html(&mut self.out, part);
        }
        self.out.push('"');
        self.attributes(attrs);
        self.out.push('>');
    }

    /// A link named by `text` (escaped), its address given in parts (see
    /// [`Markup::link_html`]).
    pub fn link(&mut self, href: &[&str], attrs: Attrs, text: &str) {
        self.link_opening(href, attrs);
        push_html(&mut self.out, text);
        self.out.push_str("</a>");
    }

    /// Ends the line unless the output is at the start of one.
    #[inline]
    fn start_line(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    /// `<tag attrs>` content `</tag>`.
    #[inline]
    pub fn el(&mut self, tag: &'static str, attrs: Attrs, content: impl FnOnce(&mut Self)) {
        let layout = layout(tag);
        self.open(tag, attrs, layout);
        content(self);
        if layout.holds_blocks {
            self.start_line();
        }
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        if layout.block {
            self.start_line();
        }
    }

    /// An element holding only text.
    #[inline]
    pub fn text_el(&mut self, tag: &'static str, attrs: Attrs, text: &str) {
        self.el(tag, attrs, |m| m.text(text));
    }

    /// An element without content or closing tag (`meta`, `link`).
    pub fn void(&mut self, tag: &'static str, attrs: Attrs) {
        self.open(tag, attrs, layout(tag));
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) {
        push_html(&mut self.out, text);
    }

    /// HTML made by this program (a rendered Markdown body, which escapes
    /// the reader's text itself), or a fixed snippet such as the doctype.
    pub fn trusted(&mut self, html: &str) {
        self.out.push_str(html);
    }

    /// Bytes written so far.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    pub fn into_string(self) -> String {
        self.out
    }
}

/// How an element sits in the source's lines (see the module's notes).
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// Laid out as a block: it starts a line and ends it.
    block: bool,
    /// Holds other blocks: its content starts on a line of its own, and
    /// so does its closing tag.
    holds_blocks: bool,
    /// A void element that stands on a line of its own.
    void_block: bool,
}

/// The [`Layout`] of `tag`, read once an element (its name compared once,
/// not once a question). A table row keeps its cells on one line; running
/// text (links, emphasis, labels, buttons) never breaks a line.
#[inline]
fn layout(tag: &str) -> Layout {
    let (block, holds_blocks, void_block) = match tag {
        "html" | "head" | "body" | "header" | "footer" | "main" | "nav" | "section" | "article"
        | "aside" | "ul" | "ol" | "dl" | "table" | "thead" | "tbody" | "tfoot" | "div" | "form"
        | "figure" | "details" => (true, true, false),
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "dt" | "dd" | "tr" | "caption"
        | "title" | "style" | "script" | "summary" | "figcaption" | "pre" | "blockquote" => {
            (true, false, false)
        }
        "meta" | "link" | "hr" => (false, false, true),
        _ => (false, false, false),
    };
    Layout {
        block,
        holds_blocks,
        void_block,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_around_made_html_escapes_its_address() {
        let mut m = Markup::default();
        m.el("li", &[], |m| {
            m.link_html(
                &["../", "a&b.html"],
                &[("aria-current", "page")],
                "1.2 A &amp; B",
            )
        });
        assert_eq!(
            m.into_string(),
            "<li><a href=\"../a&amp;b.html\" aria-current=\"page\">1.2 A &amp; B</a></li>\n"
        );
    }

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
            "<ol class=\"contents\">\n<li>&lt;b&gt;</li>\n<li>a &amp; b</li>\n</ol>\n"
        );
    }

    #[test]
    fn blocks_take_lines_of_their_own_and_running_text_never_breaks() {
        let mut m = Markup::default();
        m.el("head", &[], |m| {
            m.void("meta", &[("charset", "utf-8")]);
            m.text_el("title", &[], "T");
        });
        m.el("li", &[("class", "section")], |m| {
            m.text_el("h3", &[], "1.1 Part");
            m.el("ol", &[], |m| m.text_el("li", &[], "x"));
        });
        m.el("p", &[], |m| {
            m.text("See ");
            m.text_el("a", &[("href", "a.html")], "A");
            m.text_el("strong", &[], " now");
        });
        m.el("tr", &[], |m| {
            m.text_el("td", &[], "1");
            m.text_el("td", &[], "2");
        });
        assert_eq!(
            m.into_string(),
            "<head>\n<meta charset=\"utf-8\">\n<title>T</title>\n</head>\n\
             <li class=\"section\">\n<h3>1.1 Part</h3>\n<ol>\n<li>x</li>\n</ol>\n</li>\n\
             <p>See <a href=\"a.html\">A</a><strong> now</strong></p>\n\
             <tr><td>1</td><td>2</td></tr>\n"
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
