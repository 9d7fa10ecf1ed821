//! The `manual-editor` binary: the command line, and the editor window.
// On Windows the editor opens no console window; the command line attaches
// to the terminal it was started from (see `attach_to_terminal`).
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

/// Pages rendered on every core and written from one thread allocate and
/// free across threads: mimalloc does that without the system allocator's
/// locks (an export of 10,000 chapters took a sixth less time).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use manual_editor::app::{App, Dictionary, Sample, StartOptions, script};
use manual_editor::cli::{Cli, EXIT_UNREADABLE, SampleName, run};

/// The window icon, embedded so the program runs from any folder.
const ICON_PNG: &[u8] = include_bytes!("../assets/icon.png");

fn icon() -> Option<egui::IconData> {
    let image = image::load_from_memory_with_format(ICON_PNG, image::ImageFormat::Png)
        .ok()?
        .into_rgba8();
    let (width, height) = image.dimensions();
    Some(egui::IconData {
        rgba: image.into_raw(),
        width,
        height,
    })
}

/// A Windows program without a console (the window's kind) prints nowhere
/// until it attaches to the console of the terminal that started it, if
/// any: then `manual-editor.exe check …` prints there as elsewhere. Output
/// already redirected to a file or pipe is left as it is.
#[cfg(windows)]
#[allow(unsafe_code)]
fn attach_to_terminal() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: a plain call with a constant; failure (no parent console, as
    // when started from the Start menu) changes nothing.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_to_terminal() {}

fn main() -> ExitCode {
    attach_to_terminal();
    let cli = Cli::parse();
    if let Some(command) = cli.command {
        return run(command);
    }
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("manual-editor")
        .with_app_id("io.github.manualeditor.ManualEditor")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    // A hidden script of steps, for the tests that drive this binary.
    let script = match std::env::var(script::SCRIPT_VARIABLE) {
        Ok(text) => match script::parse(&text) {
            Ok(steps) => steps,
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::from(EXIT_UNREADABLE);
            }
        },
        Err(_) => Vec::new(),
    };
    let sample = cli.sample.map(|name| match name {
        SampleName::Stockport => Sample::Stockport,
        SampleName::Wandsworth => Sample::Wandsworth,
        SampleName::Wigan => Sample::Wigan,
    });
    let start = StartOptions {
        file: cli.file,
        sample,
        recovery_folder: manual_editor::store::recovery::default_folder(),
        dictionary: Dictionary::System,
        script,
    };
    match eframe::run_native(
        "manual-editor",
        options,
        Box::new(move |cc| Ok(Box::new(App::new(cc, start)))),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot open the editor window: {error}");
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}
