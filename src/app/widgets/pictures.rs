//! Pictures in the body preview: an egui image loader for `file://` URIs
//! that decodes on a thread of its own, within explicit limits, so a 10 MB
//! flowchart never stalls typing and a damaged or hostile file (a truncated
//! PNG, a decompression bomb) shows its reason instead of the picture.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use egui::load::{ImageLoadResult, ImageLoader, ImagePoll, LoadError, SizeHint};
use egui::{ColorImage, Context};

/// The loader's id in egui.
pub const LOADER_ID: &str = "manual_editor::pictures";

#[derive(Clone)]
enum Slot {
    Decoding,
    Ready(Arc<ColorImage>),
    Failed(String),
}

/// Decodes `file://` pictures in the background, once each.
#[derive(Default)]
pub struct PictureLoader {
    slots: Arc<Mutex<HashMap<String, Slot>>>,
}

/// Installs the loader once per context.
pub fn install(ctx: &Context) {
    if !ctx.is_loader_installed(LOADER_ID) {
        ctx.add_image_loader(Arc::new(PictureLoader::default()));
    }
}

/// Whether `path` names a file directly inside a `NAME.files` folder, with
/// no `..` on the way: the preview shows what `check` and the export
/// accept, nothing from elsewhere on the disk.
fn in_a_files_folder(path: &std::path::Path) -> bool {
    use std::path::Component;
    let climbs = path.components().any(|c| matches!(c, Component::ParentDir));
    let folder = path.parent().and_then(|p| p.file_name());
    !climbs && folder.is_some_and(|f| f.to_string_lossy().ends_with(".files"))
}

/// The picture at `path` when it is one the export would publish: an
/// ordinary file (no symbolic link, device or FIFO) in a real folder.
fn checked_picture(path: &std::path::Path) -> Result<std::path::PathBuf, String> {
    let (Some(folder), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str()))
    else {
        return Err("only pictures in the manual's NAME.files folder are shown".into());
    };
    crate::store::files::regular_file_in(folder, name).map_err(|problem| match problem {
        crate::store::files::FileProblemKind::Unsafe(why)
        | crate::store::files::FileProblemKind::Runnable(why) => why,
        _ => format!("{} is not there", path.display()),
    })
}

/// Reads and decodes a picture file within the export's limits.
pub fn decode_file(path: &std::path::Path) -> Result<ColorImage, String> {
    let path = checked_picture(path)?;
    let bytes = crate::export::files::read_picture(&path)?;
    let picture = crate::export::files::decode(&bytes)?;
    let rgba = picture.to_rgba8();
    let size = [rgba.width() as usize, rgba.height() as usize];
    Ok(ColorImage::from_rgba_unmultiplied(size, rgba.as_raw()))
}

impl ImageLoader for PictureLoader {
    fn id(&self) -> &str {
        LOADER_ID
    }

    fn load(&self, ctx: &Context, uri: &str, _: SizeHint) -> ImageLoadResult {
        let Some(path) = uri.strip_prefix("file://") else {
            return Err(LoadError::NotSupported);
        };
        if !in_a_files_folder(std::path::Path::new(path)) {
            return Err(LoadError::Loading(
                "only pictures in the manual's NAME.files folder are shown".into(),
            ));
        }
        if let Some(why) = crate::model::files::runnable_reason(path) {
            return Err(LoadError::Loading(why));
        }
        // A thread that panicked while holding the slots left them as
        // they were: go on with them.
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        match slots.get(uri) {
            Some(Slot::Ready(image)) => {
                return Ok(ImagePoll::Ready {
                    image: image.clone(),
                });
            }
            Some(Slot::Failed(why)) => return Err(LoadError::Loading(why.clone())),
            Some(Slot::Decoding) => return Ok(ImagePoll::Pending { size: None }),
            None => {}
        }
        slots.insert(uri.to_string(), Slot::Decoding);
        drop(slots);
        let (slots, uri, path, ctx) = (
            self.slots.clone(),
            uri.to_string(),
            std::path::PathBuf::from(path),
            ctx.clone(),
        );
        std::thread::spawn(move || {
            let slot = match decode_file(&path) {
                Ok(image) => Slot::Ready(Arc::new(image)),
                Err(why) => Slot::Failed(why),
            };
            if let Ok(mut slots) = slots.lock() {
                slots.insert(uri, slot);
            }
            ctx.request_repaint();
        });
        Ok(ImagePoll::Pending { size: None })
    }

    fn forget(&self, uri: &str) {
        if let Ok(mut slots) = self.slots.lock() {
            slots.remove(uri);
        }
    }

    fn forget_all(&self) {
        if let Ok(mut slots) = self.slots.lock() {
            slots.clear();
        }
    }

    fn byte_size(&self) -> usize {
        self.slots.lock().map_or(0, |slots| {
            slots
                .values()
                .map(|slot| match slot {
                    Slot::Ready(image) => image.pixels.len() * 4,
                    Slot::Failed(why) => why.len(),
                    Slot::Decoding => 0,
                })
                .sum()
        })
    }

    fn has_pending(&self) -> bool {
        self.slots
            .lock()
            .is_ok_and(|slots| slots.values().any(|s| matches!(s, Slot::Decoding)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pictures_in_a_files_folder_are_shown() {
        let shown = |p: &str| in_a_files_folder(std::path::Path::new(p));
        assert!(shown("/work/manuals/stockport.files/s47.png"));
        assert!(!shown("/work/manuals/stockport.files/../secret.png"));
        assert!(!shown("/work/manuals/../stockport.files/x.png"));
        assert!(!shown("/home/someone/photo.png"));
        assert!(!shown("/work/manuals/stockport.files/sub/x.png"));
    }

    #[test]
    fn a_truncated_png_and_a_bomb_are_refused_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        // A real 1×1 PNG, cut in half.
        let mut png = std::io::Cursor::new(Vec::new());
        image::RgbaImage::new(1, 1)
            .write_to(&mut png, image::ImageFormat::Png)
            .unwrap();
        let bytes = png.into_inner();
        let cut = dir.path().join("cut.png");
        std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
        let why = decode_file(&cut).unwrap_err();
        assert!(why.contains("cannot be read"), "{why}");

        // A valid PNG header claiming 100,000 × 100,000 pixels (40 GB).
        let mut bomb = bytes.clone();
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.to_be_bytes());
        let bomb_path = dir.path().join("bomb.png");
        std::fs::write(&bomb_path, &bomb).unwrap();
        let why = decode_file(&bomb_path).unwrap_err();
        assert!(why.contains("too large"), "{why}");

        let good = dir.path().join("good.png");
        std::fs::write(&good, &bytes).unwrap();
        assert_eq!(decode_file(&good).unwrap().size, [1, 1]);
    }

    #[cfg(unix)]
    #[test]
    fn a_picture_that_is_a_symlink_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("m.files");
        std::fs::create_dir(&folder).unwrap();
        let mut png = std::io::Cursor::new(Vec::new());
        image::RgbaImage::new(1, 1)
            .write_to(&mut png, image::ImageFormat::Png)
            .unwrap();
        let outside = dir.path().join("private.png");
        std::fs::write(&outside, png.into_inner()).unwrap();
        std::os::unix::fs::symlink(&outside, folder.join("p.png")).unwrap();
        let why = decode_file(&folder.join("p.png")).unwrap_err();
        assert!(why.contains("symbolic link"), "{why}");
        std::os::unix::fs::symlink("/dev/zero", folder.join("z.png")).unwrap();
        assert!(decode_file(&folder.join("z.png")).is_err());
    }

    /// PNG's chunk checksum (CRC-32, ISO 3309).
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
}
