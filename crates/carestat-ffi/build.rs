//! Linux: the shared library gets the SONAME `libcarestat.so.<major>`, so a program linked
//! against `libcarestat.so` records `libcarestat.so.0` and keeps working across 0.1.x
//! (`make install` lays out `libcarestat.so -> libcarestat.so.0 -> libcarestat.so.0.1.0`).

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_else(|_| "0".into());
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libcarestat.so.{major}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
