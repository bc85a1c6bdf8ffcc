//! Which files the page may name. The webview runs imported text, so it must be assumed hostile:
//! a command that took any path would let it read any file (`import_files`, then `source_text`),
//! write anywhere (`export_report`) or launch anything (`open_path`). Paths are therefore granted
//! by the Rust side only, from what the analyst did since the app started: files picked in the
//! import dialog or dropped on the window may be read (a dropped folder, everything under it),
//! the path chosen in the save dialog may be written, and a report written there may be opened.
//! Every path is compared in canonical form, so `..` and symbolic links do not get around it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::dto::{ErrorCode, IpcError};

/// The granted paths, canonical.
#[derive(Default)]
pub struct Grants {
    sets: Mutex<Sets>,
}

#[derive(Default)]
struct Sets {
    read: HashSet<PathBuf>,
    write: HashSet<PathBuf>,
    open: HashSet<PathBuf>,
}

impl Grants {
    /// Lets the page import `paths` (picked or dropped files and folders).
    pub fn allow_read(&self, paths: impl IntoIterator<Item = PathBuf>) {
        let mut sets = self.lock();
        sets.read.extend(paths.into_iter().filter_map(|p| p.canonicalize().ok()));
    }

    /// Lets the page export a report to `path` (chosen in the save dialog).
    pub fn allow_write(&self, path: &Path) {
        if let Some(p) = canonical_target(path) {
            self.lock().write.insert(p);
        }
    }

    /// Lets the page open `path` (a report it just wrote).
    pub fn allow_open(&self, path: &Path) {
        if let Ok(p) = path.canonicalize() {
            self.lock().open.insert(p);
        }
    }

    /// `path`, if the page may import it: a granted file, or a file or folder inside a granted
    /// folder.
    pub fn check_read(&self, path: &str) -> Result<PathBuf, IpcError> {
        let p = Path::new(path).canonicalize().map_err(|_| refused(path, "was not picked or dropped"))?;
        let sets = self.lock();
        if sets.read.iter().any(|g| p == *g || (g.is_dir() && p.starts_with(g))) {
            Ok(p)
        } else {
            Err(refused(path, "was not picked or dropped"))
        }
    }

    /// `path`, if the page may write a report there: the very path chosen in the save dialog.
    pub fn check_write(&self, path: &str) -> Result<PathBuf, IpcError> {
        let p = canonical_target(Path::new(path)).ok_or_else(|| refused(path, "was not chosen in the save dialog"))?;
        if self.lock().write.contains(&p) {
            Ok(p)
        } else {
            Err(refused(path, "was not chosen in the save dialog"))
        }
    }

    /// `path`, if the page may open it: a report it wrote.
    pub fn check_open(&self, path: &str) -> Result<PathBuf, IpcError> {
        let p = Path::new(path).canonicalize().map_err(|_| refused(path, "is not a report written in this session"))?;
        if self.lock().open.contains(&p) {
            Ok(p)
        } else {
            Err(refused(path, "is not a report written in this session"))
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Sets> {
        // The sets stay consistent even if a holder panicked: each change is one insert.
        self.sets.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A path that may not exist yet, in canonical form: its folder canonical, plus its name.
fn canonical_target(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(parent.canonicalize().ok()?.join(name))
}

fn refused(path: &str, why: &str) -> IpcError {
    IpcError::new(ErrorCode::Forbidden, format!("{path} {why} in this session; use the app's dialogs to choose files"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn desktop_commands_reach_only_paths_granted_by_a_dialog_or_a_drop() {
        let dir = tempfile::tempdir().expect("temp dir");
        let picked = dir.path().join("picked.txt");
        let other = dir.path().join("secret.txt");
        let dropped = dir.path().join("dropped");
        std::fs::write(&picked, "x").unwrap();
        std::fs::write(&other, "x").unwrap();
        std::fs::create_dir(&dropped).unwrap();
        std::fs::write(dropped.join("inside.txt"), "x").unwrap();
        let grants = Grants::default();
        let s = |p: &Path| p.display().to_string();

        assert!(grants.check_read(&s(&picked)).is_err(), "nothing is readable before a dialog");
        grants.allow_read([picked.clone(), dropped.clone()]);
        assert!(grants.check_read(&s(&picked)).is_ok(), "a picked file");
        assert!(grants.check_read(&s(&dropped.join("inside.txt"))).is_ok(), "a file in a dropped folder");
        let err = grants.check_read(&s(&other)).expect_err("a file nobody picked");
        assert_eq!(err.code, ErrorCode::Forbidden, "refused with its own code");
        assert!(grants.check_read(&s(&dropped.join("../secret.txt"))).is_err(), "`..` does not escape a granted folder");
        assert!(grants.check_read("/etc/passwd").is_err(), "nor does an absolute path");
        #[cfg(unix)]
        {
            let link = dropped.join("link.txt");
            std::os::unix::fs::symlink(&other, &link).unwrap();
            assert!(grants.check_read(&s(&link)).is_err(), "a symbolic link out of a granted folder is followed, then refused");
        }

        let report = dir.path().join("report.md");
        assert!(grants.check_write(&s(&report)).is_err(), "no report path before the save dialog");
        grants.allow_write(&report);
        assert!(grants.check_write(&s(&report)).is_ok(), "the chosen path");
        assert!(grants.check_write(&s(&dir.path().join("other.md"))).is_err(), "not another one beside it");

        std::fs::write(&report, "r").unwrap();
        assert!(grants.check_open(&s(&report)).is_err(), "not opened before it was written by the app");
        grants.allow_open(&report);
        assert!(grants.check_open(&s(&report)).is_ok(), "the report just written");
        assert!(grants.check_open(&s(&picked)).is_err(), "an imported file is not launched");
    }
}
