//! The `manual-editor` binary: the command line, and the editor window.

use std::process::ExitCode;

use clap::Parser;
use manual_editor::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        None => {
            eprintln!("the editor window is not built yet; try `manual-editor --help`");
            ExitCode::from(2)
        }
    }
}
