//! The Local Keywords glossary and the accessibility statement: through
//! the file, on the published pages, and edited in the window with undo.

use crate::common;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, Command};
use manual_editor::export::{ExportOptions, HtmlRenderer, render_to_memory};
use manual_editor::model::{EntryId, Keyword};
use manual_editor::store::format;

fn with_keywords() -> manual_editor::model::Manual {
    let mut manual = common::sample_manual("stockport.ron");
    manual.contact = "procedures@northshire.example".into();
    manual.keywords = vec![
        Keyword {
            term: "Young carer".into(),
            definition: "A person under 18 who **provides care** for another person.".into(),
            chapters: vec![EntryId::new("young-carers-2")],
        },
        Keyword {
            term: "Section 47 Enquiry".into(),
            definition: "Enquiries under section 47 of the Children Act 1989.".into(),
            chapters: vec![
                EntryId::new("section-47-enquires"),
                EntryId::new("young-carers-2"),
            ],
        },
    ];
    manual
}

#[test]
fn keywords_and_the_contact_round_trip_through_the_file() {
    let manual = with_keywords();
    let text = format::to_canonical_string(&manual).unwrap();
    assert!(text.contains("keywords: ["), "{}", &text[..400]);
    let again = format::from_str(&text, std::path::Path::new("m.ron")).unwrap();
    assert_eq!(again, manual);
    assert!(manual.validate().iter().all(|w| !w.is_serious()));
    // A keyword relating to a chapter that is gone matters.
    let mut broken = manual.clone();
    broken.keywords[0].chapters.push(EntryId::new("gone"));
    assert!(
        broken
            .validate()
            .iter()
            .any(|w| w.is_serious() && w.to_string().contains("'Young carer' relates to 'gone'"))
    );
}

#[test]
fn the_keywords_page_lists_terms_a_to_z_and_chapters_list_their_keywords() {
    let manual = with_keywords();
    let options = ExportOptions::dated("2026-11-22");
    let files = render_to_memory(&HtmlRenderer, &manual, &options).unwrap();
    let page = |name: &str| {
        let file = files.iter().find(|f| f.path == name).unwrap();
        scraper::Html::parse_document(std::str::from_utf8(&file.bytes).unwrap())
    };
    let select = |html: &scraper::Html, css: &str| -> Vec<String> {
        let selector = scraper::Selector::parse(css).unwrap();
        html.select(&selector)
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect()
    };
    let keywords = page("keywords.html");
    assert_eq!(select(&keywords, "nav ul.a-z a"), ["S", "Y"]);
    assert_eq!(
        select(&keywords, "dl.keywords dt"),
        ["Section 47 Enquiry", "Young carer"]
    );
    let young = select(&keywords, "dd p.keyword-chapters");
    assert!(young[1].contains("4.8.1 Young Carers"), "{young:?}");
    assert_eq!(select(&keywords, "dd strong"), ["provides care"]);
    let chapter = page("chapters/young-carers-2.html");
    assert_eq!(
        select(&chapter, "p.chapter-keywords a"),
        ["Section 47 Enquiry", "Young carer"]
    );
    // Every page's footer links the keywords and the statement.
    let footer = select(&chapter, "footer a");
    assert!(footer.contains(&"Keywords".to_string()), "{footer:?}");
    assert!(footer.contains(&"Accessibility statement".to_string()));
    let statement = page("accessibility.html");
    let text = select(&statement, "main").join(" ");
    assert!(text.contains("WCAG) version 2.2 at level AA"), "{text}");
    assert!(text.contains("Stockport"), "the authority is named");
    assert_eq!(
        select(&statement, "main a[href^='mailto:']"),
        ["procedures@northshire.example"]
    );
}

#[test]
fn keywords_are_edited_in_the_window_with_undo() {
    let mut harness = common::harness(None);
    harness.state_mut().push(Action::Run(Command::ShowKeywords));
    harness.run();
    harness.get_by_label("Add keyword").click_accesskit();
    harness.run();
    let term = harness.get_by_role_and_label(Role::TextInput, "Term");
    term.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("Young carer".into()));
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Add a chapter")
        .focus();
    harness.run();
    harness.event(egui::Event::Text("young carers".into()));
    harness.run();
    harness.get_by_label("4.8.1 Young Carers").click_accesskit();
    harness.run();
    let keywords = &harness.state().document().unwrap().manual().keywords;
    assert_eq!(keywords.len(), 1);
    assert_eq!(keywords[0].term, "Young carer");
    assert_eq!(keywords[0].chapters, [EntryId::new("young-carers-2")]);
    // Undo takes the chapter away, then the typing, then the keyword.
    harness.get_by_label("Close").click_accesskit();
    harness.run();
    for remaining in [1, 1, 0] {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run();
        let doc = harness.state().document().unwrap();
        assert_eq!(doc.manual().keywords.len(), remaining);
    }
}

/// Typing in one keyword's term, then in another's, is two undo steps:
/// each keyword's typing is its own group.
#[test]
fn typing_in_two_keywords_is_two_undo_steps() {
    let mut harness = common::harness(None);
    harness.state_mut().push(Action::Run(Command::ShowKeywords));
    harness.run();
    let type_term = |harness: &mut egui_kittest::Harness<'_, manual_editor::app::App>| {
        harness
            .get_by_role_and_label(Role::TextInput, "Term")
            .focus();
        harness.run();
        harness.event(egui::Event::Text(" typed".into()));
        harness.run();
    };
    for _ in 0..2 {
        harness.get_by_label("Add keyword").click_accesskit();
        harness.run();
    }
    // The second is shown: type in it, then in the first, with no other
    // step between.
    type_term(&mut harness);
    harness
        .get_by_role_and_label(Role::Button, "New keyword")
        .click_accesskit();
    harness.run();
    type_term(&mut harness);
    let terms = |h: &egui_kittest::Harness<'_, manual_editor::app::App>| -> Vec<String> {
        let doc = h.state().document().unwrap();
        doc.manual()
            .keywords
            .iter()
            .map(|k| k.term.clone())
            .collect()
    };
    assert_eq!(terms(&harness), ["New keyword typed", "New keyword typed"]);
    harness.get_by_label("Close").click_accesskit();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(terms(&harness), ["New keyword", "New keyword typed"]);
}
