//! The Local Account dataset reader (`Dataset::from_json_str`, what the CLI, the C ABI and
//! Python read) on arbitrary bytes.
//!
//! Checks: no panic, no hang; every error names the JSON path of what is wrong; a dataset that
//! reads writes back (`to_json_string`) to text that reads as an equal dataset (the format's
//! lossless round trip), writing is stable, and reading through a parsed `serde_json::Value`
//! (the Python route) gives the same dataset.
#![no_main]

use carestat::account::Dataset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if carestat_fuzz::account::check_read(text).is_none() {
        let e = Dataset::from_json_str(text).expect_err("check_read read nothing");
        let field = e.field().unwrap_or_else(|| panic!("no path in {e}"));
        assert!(!field.name.is_empty(), "empty path in {e}");
    }
});
