//! The real binary, killed with SIGKILL in the middle of an edit, loses
//! nothing: started again, it offers the unsaved edit and restores it.
//! The window runs under a private Xvfb server (Debian's `xvfb`), driven by
//! the hidden test script variable.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use manual_editor::app::script::SCRIPT_VARIABLE;

use crate::common;
/// A private X server, stopped when dropped.
struct Xvfb {
    server: Child,
    display: String,
}

impl Xvfb {
    /// A private X server; `None` (with a note) where Xvfb is not installed,
    /// unless `MANUAL_EDITOR_REQUIRE_XVFB` is set, as CI sets it: there a
    /// missing Xvfb fails the test.
    fn start() -> Option<Xvfb> {
        let installed = Command::new("Xvfb")
            .arg("-help")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok();
        if !installed {
            assert!(
                std::env::var_os("MANUAL_EDITOR_REQUIRE_XVFB").is_none(),
                "this test runs the window under Xvfb: apt-get install xvfb"
            );
            eprintln!("skipped: Xvfb is not installed (apt-get install xvfb)");
            return None;
        }
        let mut server = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
                // Without it the server resets when its last client goes
                // (the editor killed), and the next editor to connect
                // while it resets is refused: "Failed to open connection".
                "-noreset",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("this test runs the window under Xvfb: apt-get install xvfb");
        let mut line = String::new();
        BufReader::new(server.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let number = line.trim();
        assert!(!number.is_empty(), "Xvfb did not start");
        Some(Xvfb {
            server,
            display: format!(":{number}"),
        })
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// The editor on `file`, with its data and settings in `home`.
fn editor(x: &Xvfb, home: &Path, file: &Path, script: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_manual-editor"))
        .arg(file)
        .env("DISPLAY", &x.display)
        .env_remove("WAYLAND_DISPLAY")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env(SCRIPT_VARIABLE, script)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// The recovery copies written so far: `.ron` files only, as the editor
/// reads them (a copy being written is a hidden `.tmp` file until it is
/// renamed; killing the editor then must not count as a written copy).
fn recovery_copies(home: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(home.join("data/manual-editor/recovery"))
        .map(|dir| {
            dir.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect()
        })
        .unwrap_or_default()
}

fn stderr_of(child: &mut Child) -> String {
    let mut text = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut err, &mut text);
    }
    text
}

const LIMIT: Duration = Duration::from_secs(90);

#[test]
fn an_edit_survives_sigkill_and_is_offered_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let file = common::temp_sample(dir.path(), "stockport.ron");
    let before = std::fs::read_to_string(&file).unwrap();
    let Some(x) = Xvfb::start() else { return };

    // Retitle a chapter, then wait for the recovery copy to hold it.
    let mut first = editor(&x, &home, &file, "title young-carers-2 Killed mid-edit");
    let started = Instant::now();
    loop {
        let copied = recovery_copies(&home).iter().any(|copy| {
            std::fs::read_to_string(copy).is_ok_and(|text| text.contains("Killed mid-edit"))
        });
        if copied {
            break;
        }
        if let Some(status) = first.try_wait().unwrap() {
            panic!("the editor ended ({status}): {}", stderr_of(&mut first));
        }
        assert!(
            started.elapsed() < LIMIT,
            "no recovery copy after {LIMIT:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    first.kill().unwrap(); // SIGKILL: no chance to clean up
    first.wait().unwrap();
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        before,
        "nothing saved"
    );

    // Started again: the copy is offered, opened, saved; the window closes.
    let mut second = editor(&x, &home, &file, "recover; save; quit");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > LIMIT {
            let _ = second.kill();
            panic!(
                "the editor did not finish the script: {}",
                stderr_of(&mut second)
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "{status}: {}", stderr_of(&mut second));
    let saved = manual_editor::store::format::load(&file).unwrap();
    let at = saved
        .find(&manual_editor::model::EntryId::new("young-carers-2"))
        .unwrap();
    assert_eq!(saved.entry(&at).unwrap().title, "Killed mid-edit");
    assert!(
        recovery_copies(&home).is_empty(),
        "the copy went with the save"
    );
    // The killed window's lock was stale and taken over, then let go.
    assert!(!manual_editor::store::lock::lock_path(&file).exists());
}
