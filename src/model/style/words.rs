//! Words and phrases GOV.UK asks writers to avoid (its style guide's
//! "Words to avoid" and plain English lists), with the plain word to use
//! where there is one.
//!
//! Left out on purpose, as this field's own vocabulary or words GOV.UK
//! allows in their literal sense, which is how procedures use them:
//! "foster" (a service here; GOV.UK: "unless it's children"), "key" (key
//! worker, key stage), "deliver" (services are delivered), "promote"
//! (the statutory "safeguard and promote the welfare"), "impact",
//! "progress", "focus", "advance", "agenda", "commit", "land", "drive".
//! A manual adds its own allowed terms to its word list for style.

/// A word or phrase to avoid, lower case, and the plain words to use
/// instead (`None`: say something specific).
pub const TO_AVOID: &[(&str, Option<&str>)] = &[
    ("approximately", Some("about")),
    ("collaborate", Some("work with")),
    ("collaborating", Some("working with")),
    ("combat", None),
    ("commence", Some("start")),
    ("commences", Some("starts")),
    ("commenced", Some("started")),
    ("countering", Some("preventing")),
    ("deploy", None),
    ("dialogue", Some("talk")),
    ("disincentivise", None),
    ("empower", None),
    ("empowering", None),
    ("facilitate", Some("help")),
    ("facilitates", Some("helps")),
    ("facilitating", Some("helping")),
    ("going forward", Some("from now on")),
    ("in order to", Some("to")),
    ("in the event of", Some("if there is")),
    ("incentivise", None),
    ("initiate", Some("start")),
    ("initiated", Some("started")),
    ("leverage", Some("use")),
    ("liaise", Some("work with")),
    ("liaising", Some("working with")),
    ("one-stop shop", None),
    ("overarching", None),
    ("prior to", Some("before")),
    ("purchase", Some("buy")),
    ("ring fencing", None),
    ("ring-fencing", None),
    ("robust", Some("strong")),
    ("slimming down", None),
    ("streamline", Some("simplify")),
    ("strengthening", None),
    ("tackling", Some("stopping")),
    ("transforming", Some("changing")),
    ("utilise", Some("use")),
    ("utilised", Some("used")),
    ("utilising", Some("using")),
    ("whilst", Some("while")),
];

/// Abbreviations readers know without a definition (GOV.UK: no need to
/// spell out UK, NHS and the like), and Roman numerals.
pub const WELL_KNOWN: &[&str] = &[
    "UK", "EU", "NHS", "BBC", "GP", "GPs", "OK", "ID", "PDF", "URL", "TV", "II", "III", "IV", "VI",
    "VII", "VIII", "IX", "XI", "XII", "AM", "PM", "USA",
];

/// Link texts that say nothing of where a link goes.
pub const VAGUE_LINK_TEXTS: &[&str] = &[
    "click here",
    "here",
    "click",
    "this link",
    "link",
    "this page",
    "this",
    "read more",
    "more",
    "more information",
    "further information",
    "this document",
    "download",
    "see here",
];
