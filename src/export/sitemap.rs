//! `sitemap.xml`, when the export knows where the site will live
//! (`--base-url`): every page of the site with the date it was published,
//! so search engines find the chapters and see when they changed.

use super::escape::{base_address, html};
use super::site::Site;

/// The sitemap of `site` published at `base` on `date` (`YYYY-MM-DD`),
/// listing the site's own pages (`pages`) and every chapter; `None` when
/// the base is no address a sitemap may name.
pub fn sitemap(site: &Site, base: &str, date: &str, pages: &[&str]) -> Option<String> {
    let base = base_address(base)?;
    let mut out = String::with_capacity(120 * (site.chapters.len() + pages.len()) + 200);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut url = |path: &str| {
        out.push_str(&format!(
            "  <url><loc>{}</loc><lastmod>{date}</lastmod></url>\n",
            html(&[&base, path].concat())
        ));
    };
    for page in pages.iter().filter(|p| p.ends_with(".html")) {
        url(page);
    }
    for index in &site.chapters {
        url(&format!("chapters/{}", site.file_of[*index]));
    }
    out.push_str("</urlset>\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_and_chapter_is_listed_with_its_date() {
        let manual = crate::store::format::stockport_sample();
        let site = Site::new(&manual);
        let map = sitemap(
            &site,
            "https://procedures.example.gov.uk/children/",
            "2026-12-02",
            &["index.html", "style.css", "amendments.html"],
        )
        .unwrap();
        assert!(map.contains(
            "<url><loc>https://procedures.example.gov.uk/children/index.html</loc><lastmod>2026-12-02</lastmod></url>"
        ));
        assert!(!map.contains("style.css"));
        assert!(map.contains("/children/chapters/young-carers-2.html</loc>"));
        assert_eq!(map.matches("<url>").count(), 2 + site.chapters.len());
        assert!(sitemap(&site, "javascript:alert(1)", "2026-12-02", &[]).is_none());
    }
}
