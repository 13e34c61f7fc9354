//! Restatements (format 2): the same figure printed twice, in one document or in two.
//!
//! A `restatement` claim holds the figure as printed again (`stated`, `decimals`) and names
//! what it restates (`subject`): a figure of the dataset (`spend.gross`, last year's
//! `counts.concerns.previous`, a population), or another claim's stated number
//! (`claims.<id>`, as "an increase of 19%" printed on two pages). With `dataset`, the subject
//! is a figure of another dataset file: last year's Local Account for "compared to 2022/23
//! spend of £272m", the CQC evidence for a figure the council quotes from it.
//! Cross-document comparators are a real source of errors.
//!
//! The other file is read by [`Dataset::read_restated`] (or [`Dataset::from_path`], which
//! reads the dataset and then its restated files), relative to the folder of the dataset
//! that names it. Only that file's own figures are used, never its restatements, so files
//! that name each other cannot loop.

use std::path::Path;

use crate::error::{Error, Field, Result};

use super::claims::{Claim, ClaimKind};
use super::dataset::Dataset;
use super::figures;

/// Largest dataset file read for a restatement (the CLI's input cap too).
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

fn invalid(path: String, reason: impl Into<std::borrow::Cow<'static, str>>) -> Error {
    Error::Invalid {
        field: Field::owned(path),
        reason: reason.into(),
    }
}

/// The id a `claims.<id>` subject names, if it is one.
pub(crate) fn claim_subject(subject: &str) -> Option<&str> {
    subject.strip_prefix("claims.")
}

/// Checks a restatement claim's `subject` and `dataset` (`path` is `claims[i]`).
///
/// Without `dataset`, the subject must name a figure of this dataset or another claim with
/// a stated number; with it, the subject must be a figure reference (its existence in the
/// other file is checked when the file is read).
pub(crate) fn check(ds: &Dataset, path: &str, c: &Claim) -> Result<()> {
    let subject = c.subject.as_deref().unwrap_or_default();
    if let Some(file) = &c.dataset {
        if file.trim().is_empty() || file.contains('\0') {
            return Err(invalid(
                format!("{path}.dataset"),
                "must name a dataset file (a path relative to this dataset's folder)",
            ));
        }
        if claim_subject(subject).is_some() || figures::parse(subject).is_none() {
            return Err(invalid(
                format!("{path}.subject"),
                format!(
                    "`{subject}` is not a figure reference (`counts.<id>`, `spend.<id>.previous`, ...): \
                     a restatement of another file names one of its figures"
                ),
            ));
        }
        return Ok(());
    }
    if let Some(id) = claim_subject(subject) {
        if id == c.id {
            return Err(invalid(
                format!("{path}.subject"),
                "a claim cannot restate itself",
            ));
        }
        return match ds.claims.iter().find(|o| o.id == id) {
            None => Err(Error::Unknown {
                field: Field::owned(format!("{path}.subject")),
                kind: "claim".into(),
                id: id.to_owned(),
            }),
            Some(o) if o.stated.is_none() => Err(invalid(
                format!("{path}.subject"),
                format!("claim `{id}` states no number to restate"),
            )),
            Some(_) => Ok(()),
        };
    }
    if figures::exists(ds, subject) {
        Ok(())
    } else {
        Err(Error::Unknown {
            field: Field::owned(format!("{path}.subject")),
            kind: "figure".into(),
            id: subject.to_owned(),
        })
    }
}

/// The JSON path of the first restatement claim (a format-2 kind), if any.
pub(crate) fn version_2_field(ds: &Dataset) -> Option<String> {
    ds.claims
        .iter()
        .position(|c| c.kind == ClaimKind::Restatement)
        .map(|i| format!("claims[{i}].kind"))
}

impl Dataset {
    /// Reads a dataset file and the other dataset files its restatements name (see
    /// [`Dataset::read_restated`]).
    ///
    /// Errors name the file and, for a bad value, its JSON path.
    ///
    /// ```
    /// let e = carestat::account::Dataset::from_path("no-such-dataset.json").unwrap_err();
    /// assert!(e.to_string().starts_with("no-such-dataset.json: cannot read the dataset"));
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let text = read_text(path).map_err(|why| {
            invalid(
                path.display().to_string(),
                format!("cannot read the dataset: {why}"),
            )
        })?;
        let mut ds = Self::from_json_str(&text)?;
        ds.read_restated(path.parent().unwrap_or_else(|| Path::new("")))?;
        Ok(ds)
    }

    /// Reads the dataset files that `restatement` claims name (`dataset`), relative to
    /// `folder` (the folder of this dataset's file), into [`Dataset::restated`].
    ///
    /// Each file must be a valid dataset holding the claim's `subject`; a missing or bad file
    /// is an error naming the claim (`claims[3].dataset: ...`). Only the files' own figures
    /// are used: their restatements are not followed.
    pub fn read_restated(&mut self, folder: &Path) -> Result<()> {
        for (i, c) in self.claims.iter().enumerate() {
            let Some(file) = &c.dataset else { continue };
            let path = format!("claims[{i}]");
            if !self.restated.contains_key(file) {
                let at = folder.join(file);
                let text = read_text(&at).map_err(|why| {
                    invalid(
                        format!("{path}.dataset"),
                        format!("cannot read {}: {why}", at.display()),
                    )
                })?;
                let other = Self::from_json_str(&text).map_err(|e| {
                    invalid(
                        format!("{path}.dataset"),
                        format!("{file} is not a valid dataset: {e}"),
                    )
                })?;
                self.restated.insert(file.clone(), other);
            }
            let subject = c.subject.as_deref().unwrap_or_default();
            if !figures::exists(&self.restated[file], subject) {
                return Err(invalid(
                    format!("{path}.subject"),
                    format!("{file} has no figure `{subject}`"),
                ));
            }
        }
        Ok(())
    }
}

/// A file's text: at most [`MAX_FILE_BYTES`], UTF-8 (a byte-order mark is dropped). The
/// error says why, without the file's name.
fn read_text(path: &Path) -> std::result::Result<String, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("larger than {} MiB", MAX_FILE_BYTES >> 20));
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    String::from_utf8(body.to_vec()).map_err(|e| format!("not UTF-8 text: {e}"))
}
