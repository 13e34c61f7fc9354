//! Upgrading a dataset's JSON text to the current format version, byte for byte.
//!
//! Version 2 only adds optional fields, so a version-1 dataset becomes a version-2 one by
//! changing its `format_version` and nothing else. [`upgrade_json`] does that on the text
//! itself, so the file keeps its layout, key order, number spellings and comments-free
//! whitespace exactly as its author wrote them.

use crate::error::Result;

use super::dataset::{Dataset, FORMAT_VERSION};

/// The dataset `text` (validated first; errors name the JSON path) with its top-level
/// `format_version` set to [`FORMAT_VERSION`]; every other byte is kept. A dataset already
/// at the current version comes back unchanged.
///
/// ```
/// use carestat::account::upgrade_json;
/// let v1 = "{\"format_version\": 1,\n \"area\": {\"name\": \"X\"},\n \"period\": \
///   {\"label\": \"2023/24\", \"start\": \"2023-04-01\", \"end\": \"2024-03-31\"}}\n";
/// assert_eq!(upgrade_json(v1)?, v1.replace("\"format_version\": 1", "\"format_version\": 2"));
/// # Ok::<(), carestat::Error>(())
/// ```
///
/// # Errors
/// The dataset's own errors ([`Dataset::from_json_str`]).
pub fn upgrade_json(text: &str) -> Result<String> {
    let mut ds = Dataset::from_json_str(text)?;
    ds.upgrade();
    if let Some((start, end)) = top_level_value(text, "format_version") {
        let out = format!("{}{FORMAT_VERSION}{}", &text[..start], &text[end..]);
        // The text was valid JSON and only a number changed: it reads as the upgraded
        // dataset. Should a key written with escapes defeat the scan, write it afresh.
        if Dataset::from_json_str(&out).is_ok_and(|again| again == ds) {
            return Ok(out);
        }
    }
    Ok(format!("{}\n", ds.to_json_string()))
}

/// The byte range of the value of `key` in the top-level object of valid JSON `text`.
fn top_level_value(text: &str, key: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                let name = text.get(start..i)?;
                let mut j = i + 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if depth == 1 && name == key && b.get(j) == Some(&b':') {
                    j += 1;
                    while j < b.len() && b[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    let end = j + b[j..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit() || b".eE+-".contains(c))
                        .count();
                    return (end > j).then_some((j, end));
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_top_level_key_only() {
        let t =
            r#"{"a": {"format_version": 7}, "s": "\"format_version\": 8", "format_version" : 1.0}"#;
        let (s, e) = top_level_value(t, "format_version").unwrap();
        assert_eq!(&t[s..e], "1.0");
        assert_eq!(
            top_level_value(r#"{"a": {"format_version": 1}}"#, "format_version"),
            None
        );
    }
}
