//! Header drift: regenerates include/carestat.h with cbindgen and fails when the committed
//! header differs. `make header` (this test with `CARESTAT_UPDATE_HEADER=1`) rewrites it.

use std::path::{Path, PathBuf};

/// The version macros, from the Cargo version this crate is built with.
fn version_macros() -> String {
    format!(
        "\n#define CARESTAT_VERSION \"{version}\"\n\
         #define CARESTAT_VERSION_MAJOR {major}\n\
         #define CARESTAT_VERSION_MINOR {minor}\n\
         #define CARESTAT_VERSION_PATCH {patch}\n\
         /** The version as one number, comparable with carestat_version_number(). */\n\
         #define CARESTAT_VERSION_NUMBER \\\n    \
         ((CARESTAT_VERSION_MAJOR << 16) | (CARESTAT_VERSION_MINOR << 8) | CARESTAT_VERSION_PATCH)",
        version = env!("CARGO_PKG_VERSION"),
        major = env!("CARGO_PKG_VERSION_MAJOR"),
        minor = env!("CARGO_PKG_VERSION_MINOR"),
        patch = env!("CARGO_PKG_VERSION_PATCH"),
    )
}

fn generate(crate_dir: &Path) -> String {
    let mut config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))
        .expect("crates/carestat-ffi/cbindgen.toml is readable");
    config.after_includes = Some(version_macros());
    let mut out = Vec::new();
    cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut out);
    String::from_utf8(out).expect("the header is UTF-8")
}

#[test]
fn committed_header_is_up_to_date() {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let header_path = crate_dir.join("../../include/carestat.h");
    let fresh = generate(&crate_dir);
    if std::env::var_os("CARESTAT_UPDATE_HEADER").is_some() {
        std::fs::write(&header_path, &fresh).expect("include/carestat.h is writable");
        return;
    }
    let committed = std::fs::read_to_string(&header_path).unwrap_or_default();
    assert!(
        committed == fresh,
        "include/carestat.h is stale: run `make header` and commit the result"
    );
}

#[test]
fn version_macros_compose_the_number() {
    // 0.1.0 -> 0x000100 = 256; checked here against the parts, and in C against
    // carestat_version() (tests/c/test_carestat.c).
    let major: u32 = env!("CARGO_PKG_VERSION_MAJOR").parse().unwrap();
    let minor: u32 = env!("CARGO_PKG_VERSION_MINOR").parse().unwrap();
    let patch: u32 = env!("CARGO_PKG_VERSION_PATCH").parse().unwrap();
    assert!(
        minor < 256 && patch < 256,
        "the composed number has 8 bits each"
    );
    let composed = (major << 16) | (minor << 8) | patch;
    assert_eq!(composed, carestat::version::carestat_version_number());
    assert!(version_macros().contains(&format!("#define CARESTAT_VERSION_MINOR {minor}\n")));
}
