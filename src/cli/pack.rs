//! `pack new`, `pack check` and `pack export` (with `--pdf` through a
//! headless Chromium): induction packs from the command line.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use super::{EXIT_WARNINGS, PackAction, warn_saved};
use crate::store::format;

/// Runs a `pack` subcommand.
pub(super) fn run(action: PackAction) -> anyhow::Result<ExitCode> {
    use crate::model::{EntryId, ItemState, Pack};
    use crate::store::pack as pack_file;
    match action {
        PackAction::New {
            manual: manual_path,
            title,
            audience,
            out,
            ids,
        } => {
            let manual = format::load(&manual_path)?;
            let relative = pack_file::relative_path(&manual_path, &out);
            let mut made = Pack::new(title, relative, &manual.title);
            made.audience = audience;
            for id in &ids {
                let id = EntryId::new(id.as_str());
                if manual.find(&id).is_none() {
                    anyhow::bail!(
                        "{}: no chapter or section has the id '{id}' (nothing was written)",
                        manual_path.display()
                    );
                }
                made.add(&manual, &id);
            }
            let saved = pack_file::save(&made, &out)?;
            warn_saved(&out, &saved);
            let count = made.items.len();
            let noun = if count == 1 { "chapter" } else { "chapters" };
            say!("wrote {} with {count} {noun}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        PackAction::Check { pack } => {
            let (made, manual) = load_pack(&pack)?;
            let mut problems = 0;
            for state in made.states(&manual).into_iter().flatten() {
                match state {
                    ItemState::Found { .. } => {}
                    ItemState::Missing => {
                        problems += 1;
                        say!("missing: a chapter of the pack is no longer in the manual");
                    }
                    ItemState::UpdatedSince { label, update } => {
                        problems += 1;
                        say!("updated since: {label} (in {update})");
                    }
                }
            }
            for item in &made.items {
                if let crate::model::PackItem::Entry { id, .. } = item
                    && manual.find(id).is_none()
                {
                    say!("  missing id: {id}");
                }
            }
            say!(
                "{}: {} items, {problems} to look at",
                pack.display(),
                made.items.len()
            );
            Ok(if problems > 0 {
                ExitCode::from(EXIT_WARNINGS)
            } else {
                ExitCode::SUCCESS
            })
        }
        PackAction::Export {
            pack,
            out,
            publish,
            pdf,
            docx,
        } => {
            let mut options = publish.options()?;
            let (made, manual) = load_pack(&pack)?;
            options.files = Some(crate::store::pack::manual_path(&made, &pack));
            let html = crate::export::render_pack(&made, &manual, &options);
            crate::store::write::write_document(&out, html.as_bytes())
                .with_context(|| format!("cannot write {}", out.display()))?;
            say!("wrote {}", out.display());
            if let Some(pdf) = pdf {
                crate::store::print::print_to_pdf(&out, &pdf)?;
                say!("wrote {}", pdf.display());
            }
            if let Some(docx) = docx {
                let ids: Vec<crate::model::EntryId> = made
                    .items
                    .iter()
                    .filter_map(|item| match item {
                        crate::model::PackItem::Entry { id, .. } => Some(id.clone()),
                        _ => None,
                    })
                    .collect();
                let manual_path = crate::store::pack::manual_path(&made, &pack);
                let pictures = |link: &str| crate::store::files::read_linked(&manual_path, link);
                let bytes = crate::export::docx::consultation_docx_with(
                    &manual,
                    &ids,
                    &options.date,
                    &pictures,
                )?;
                crate::store::write::write_document(&docx, &bytes)
                    .with_context(|| format!("cannot write {}", docx.display()))?;
                say!("wrote {}", docx.display());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A pack and the manual it draws from, whose title must match.
fn load_pack(path: &Path) -> anyhow::Result<(crate::model::Pack, crate::model::Manual)> {
    let made = crate::store::pack::load(path)?;
    let manual_path = crate::store::pack::manual_path(&made, path);
    let manual = format::load(&manual_path)
        .with_context(|| format!("the pack's manual {} cannot be read", manual_path.display()))?;
    if !made.manual_title.is_empty() && made.manual_title != manual.title {
        tell!(
            "warning: the pack was made from “{}”, but {} is “{}”",
            made.manual_title,
            manual_path.display(),
            manual.title
        );
    }
    Ok((made, manual))
}
