//! Gives the shared library its SONAME, `libicp_number.so.<major>` (`libicp_number.so.0`), on
//! ELF platforms: the name `cargo xtask install-c` installs it under (the build tree's file is
//! `libicp_number_ffi.so`, see Cargo.toml), so that programs linked against it load it by
//! that name and a release that breaks the ABI can sit beside the old one.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let elf = [
        "linux",
        "android",
        "freebsd",
        "netbsd",
        "openbsd",
        "dragonfly",
        "solaris",
        "illumos",
    ];
    if elf.contains(&os.as_str()) {
        let major = env!("CARGO_PKG_VERSION_MAJOR");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libicp_number.so.{major}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
