//! Writing fixed text back over a draft, so that nothing of the author's is ever lost:
//! through a temporary file in the same directory, renamed over the draft only once it is
//! complete on disk (a crash or a full disk leaves the old draft whole), and never over a
//! draft that changed since it was read (an editor saved it meanwhile: the author's newer
//! words win, and the run says so).
//!
//! The text itself is written byte for byte as fixed: a byte-order mark and the draft's line
//! endings are part of it and stay. The permissions are copied to the new file (and, on Unix,
//! the owner where allowed). A symbolic link is followed and its target replaced, so the link
//! stays a link; a file with several hard links is written in place, as renaming would split
//! them.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a fixed draft was not written.
#[derive(Debug)]
pub(crate) enum WriteError {
    /// The file on disk is no longer what was read and fixed.
    Changed,
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> WriteError {
        WriteError::Io(e)
    }
}

/// Replaces the file at `path`, read as `original`, with `fixed`.
pub(crate) fn replace(path: &Path, original: &[u8], fixed: &[u8]) -> Result<(), WriteError> {
    let target = fs::canonicalize(path)?;
    let unchanged = |target: &Path| -> Result<(), WriteError> {
        if fs::read(target)? == original {
            Ok(())
        } else {
            Err(WriteError::Changed)
        }
    };
    unchanged(&target)?;
    let metadata = fs::metadata(&target)?;
    if hard_links(&metadata) > 1 {
        unchanged(&target)?;
        fs::write(&target, fixed)?;
        return Ok(());
    }
    let (tmp_path, mut tmp) = temporary(&target)?;
    let written = (|| -> Result<(), WriteError> {
        tmp.write_all(fixed)?;
        tmp.sync_all()?;
        drop(tmp);
        fs::set_permissions(&tmp_path, metadata.permissions())?;
        keep_owner(&tmp_path, &metadata);
        // Checked again as late as possible: the window in which a save can be lost is the
        // rename alone.
        unchanged(&target)?;
        fs::rename(&tmp_path, &target)?;
        Ok(())
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp_path);
    }
    written
}

/// A new file next to `target` (same directory, so the rename stays on one file system).
fn temporary(target: &Path) -> io::Result<(PathBuf, File)> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map_or_else(|| "draft".into(), |n| n.to_string_lossy());
    let mut last = None;
    for attempt in 0..100 {
        let candidate = dir.join(format!(
            ".{name}.nianbao-{}-{attempt}.tmp",
            std::process::id()
        ));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no temporary file name left")))
}

#[cfg(unix)]
fn hard_links(metadata: &fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    metadata.nlink()
}

#[cfg(not(unix))]
fn hard_links(_: &fs::Metadata) -> u64 {
    1
}

/// The new file gets the draft's owner and group where the process may give them (it may not,
/// unless it is the owner's own or privileged; the file is still written).
#[cfg(unix)]
fn keep_owner(path: &Path, metadata: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::chown(path, Some(metadata.uid()), Some(metadata.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_: &Path, _: &fs::Metadata) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_and_keeps_bom_line_endings_and_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("年报.txt");
        let original = "\u{FEFF}一、总体情况\r\n本年度止件数\r\n";
        fs::write(&path, original).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        let fixed = original.replace("度止", "废止");
        replace(&path, original.as_bytes(), fixed.as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), fixed);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "saved by the editor meanwhile").unwrap();
        let result = replace(&path, b"what was read", b"fixed");
        assert!(matches!(result, Err(WriteError::Changed)), "{result:?}");
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "saved by the editor meanwhile"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        replace(&link, b"old", b"new").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }
}
