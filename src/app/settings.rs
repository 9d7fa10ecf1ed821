//! What the window remembers between runs: theme and recent files. Window
//! size and panel widths are kept by eframe itself.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many recent files File > Open Recent lists.
const MAX_RECENT: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "Follow the system",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }

    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: ThemeChoice,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// Whether the Packs panel is shown beside the tree.
    pub show_packs: bool,
    /// Whether a chapter's "Chapter details" group is open.
    pub chapter_details_open: bool,
    /// The name and role an approval was last recorded under.
    pub approver: (String, String),
}

impl Settings {
    /// The key under which eframe stores the settings.
    pub const STORAGE_KEY: &'static str = "manual-editor-settings";

    pub fn remember(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    pub fn forget(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_most_recent_first_without_repeats() {
        let mut settings = Settings::default();
        for name in ["a.ron", "b.ron", "a.ron"] {
            settings.remember(Path::new(name));
        }
        assert_eq!(
            settings.recent,
            vec![PathBuf::from("a.ron"), PathBuf::from("b.ron")]
        );
        for i in 0..20 {
            settings.remember(Path::new(&format!("{i}.ron")));
        }
        assert_eq!(settings.recent.len(), MAX_RECENT);
        assert_eq!(settings.recent[0], PathBuf::from("19.ron"));
    }
}
