//! One fixture chapter per rule (`tests/fixtures/style/`), and the
//! field's own vocabulary left alone.

use super::*;

/// (rule, the text the finding covers, its fix) for each finding.
fn found(
    text: &str,
    settings: &StyleSettings,
    known: &Known,
) -> Vec<(&'static str, String, Option<String>)> {
    check_text(text, settings, known)
        .0
        .into_iter()
        .map(|f| (f.rule.id(), text[f.range].to_string(), f.fix))
        .collect()
}

fn default_found(text: &str) -> Vec<(&'static str, String, Option<String>)> {
    found(text, &StyleSettings::default(), &Known::default())
}

fn rule(
    id: &'static str,
    covered: &str,
    fix: Option<&str>,
) -> (&'static str, String, Option<String>) {
    (id, covered.to_string(), fix.map(str::to_string))
}

#[test]
fn a_sentence_over_the_limit_is_found_and_abbreviations_do_not_end_sentences() {
    let text = include_str!("../../../tests/fixtures/style/long-sentence.md");
    let found = default_found(text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "long-sentence");
    assert!(found[0].1.starts_with("When a referral"), "{}", found[0].1);
    assert!(found[0].1.ends_with("is needed."), "{}", found[0].1);
    let (findings, counts) = check_text(text, &StyleSettings::default(), &Known::default());
    assert!(
        findings[0]
            .message
            .starts_with("a sentence of 45 words (this manual keeps to 25)"),
        "{}",
        findings[0].message
    );
    assert_eq!(findings[0].line, 3);
    assert_eq!(counts.sentences, 5);
    // A manual that allows 50 words a sentence.
    let settings = StyleSettings {
        sentence_words: Some(50),
        ..StyleSettings::default()
    };
    assert!(found_with(text, &settings).is_empty());
}

fn found_with(text: &str, settings: &StyleSettings) -> Vec<(&'static str, String, Option<String>)> {
    found(text, settings, &Known::default())
}

#[test]
fn words_to_avoid_are_found_with_their_plain_words_and_the_field_s_own_are_not() {
    let text = include_str!("../../../tests/fixtures/style/word-to-avoid.md");
    assert_eq!(
        default_found(text),
        [
            rule("word-to-avoid", "utilise", Some("use")),
            rule("word-to-avoid", "in order to", Some("to")),
            rule("word-to-avoid", "liaise", Some("work with")),
            rule("word-to-avoid", "Going forward", Some("From now on")),
            rule("word-to-avoid", "leverage", Some("use")),
            rule("word-to-avoid", "robust", Some("strong")),
        ]
    );
    // A manual's allowed term is never flagged.
    let settings = StyleSettings {
        allowed: vec!["Robust".into()],
        ..StyleSettings::default()
    };
    let manual = crate::model::Manual {
        style: settings.clone(),
        ..Default::default()
    };
    let flagged = found(text, &settings, &Known::of(&manual));
    assert!(!flagged.iter().any(|f| f.1 == "robust"), "{flagged:?}");
}

#[test]
fn link_text_that_says_nothing_or_is_an_address_is_found() {
    let text = include_str!("../../../tests/fixtures/style/vague-link-text.md");
    assert_eq!(
        default_found(text),
        [
            rule("vague-link-text", "click here", None),
            rule("vague-link-text", "here", None),
            rule("vague-link-text", "https://example.org/guide", None),
            rule("vague-link-text", "<https://example.org/auto>", None),
        ]
    );
}

#[test]
fn a_heading_that_skips_a_level_is_found_with_the_level_to_use() {
    let text = include_str!("../../../tests/fixtures/style/skipped-heading.md");
    assert_eq!(
        default_found(text),
        [rule("skipped-heading", "####", Some("##"))]
    );
}

#[test]
fn a_paragraph_in_capitals_is_found_and_its_words_are_not_abbreviations() {
    let text = include_str!("../../../tests/fixtures/style/capitals.md");
    let found = default_found(text);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].0, "capitals");
    assert!(found[0].1.starts_with("ALL REFERRALS"));
    assert_eq!(found[1], rule("undefined-abbreviation", "LADO", None));
}

#[test]
fn a_table_whose_first_row_is_empty_is_found() {
    let text = include_str!("../../../tests/fixtures/style/table-without-header.md");
    assert_eq!(
        default_found(text),
        [rule("table-without-header", "| | |", None)]
    );
}

#[test]
fn a_picture_described_by_its_file_name_is_found() {
    let text = include_str!("../../../tests/fixtures/style/alt-text-file-name.md");
    assert_eq!(
        default_found(text),
        [
            rule(
                "alt-text-file-name",
                "![IMG_2041.jpg](pictures/flow.png)",
                None
            ),
            rule("alt-text-file-name", "![image3](pictures/other.png)", None),
        ]
    );
}

#[test]
fn an_abbreviation_is_found_once_unless_spelt_out_well_known_or_a_keyword() {
    let text = include_str!("../../../tests/fixtures/style/undefined-abbreviation.md");
    assert_eq!(
        default_found(text),
        [
            rule("undefined-abbreviation", "LADO", None),
            rule("undefined-abbreviation", "CAMHS", None),
            rule("undefined-abbreviation", "EHCPs", None),
        ]
    );
    let mut manual = crate::model::Manual::default();
    manual.keywords.push(crate::model::Keyword {
        term: "Child and Adolescent Mental Health Services (CAMHS)".into(),
        definition: String::new(),
        chapters: Vec::new(),
    });
    manual.keywords.push(crate::model::Keyword {
        term: "LADO".into(),
        definition: "Local Authority Designated Officer".into(),
        chapters: Vec::new(),
    });
    let flagged = found(text, &StyleSettings::default(), &Known::of(&manual));
    assert_eq!(flagged, [rule("undefined-abbreviation", "EHCPs", None)]);
}

#[test]
fn a_rule_turned_off_finds_nothing() {
    let text = include_str!("../../../tests/fixtures/style/word-to-avoid.md");
    let mut settings = StyleSettings::default();
    assert!(settings.set_on(StyleRule::WordToAvoid, false));
    assert!(!settings.set_on(StyleRule::WordToAvoid, false));
    assert!(found_with(text, &settings).is_empty());
    assert_eq!(
        StyleRule::from_id("word-to-avoid"),
        Some(StyleRule::WordToAvoid)
    );
    for rule in StyleRule::ALL {
        assert_eq!(StyleRule::from_id(rule.id()), Some(rule));
    }
}

#[test]
fn odd_text_never_panics_and_finds_in_range() {
    for text in [
        "",
        "#",
        "[](",
        "é. É. ü!",
        "**UTILISE** it",
        "| a |\n|---|\n",
        "Ünïcödé ïn ördér tö",
        "> quote in order to\n>\n> more",
        "1. item in order to\n2. ![x.png](y)",
        "`LADO` code",
        "ǅ ǈ İSTANBUL STRASSE İİ",
    ] {
        for (f, _) in check_text(text, &StyleSettings::default(), &Known::default())
            .0
            .iter()
            .zip(0..)
        {
            assert!(
                f.range.end <= text.len()
                    && text.is_char_boundary(f.range.start)
                    && text.is_char_boundary(f.range.end),
                "{text:?}: {f:?}"
            );
        }
    }
}
