//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod forge;
pub mod keys;
pub mod measure;
pub mod offices;
pub mod page;
pub mod webdriver;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The binary with a fixed, colourless, English environment.
pub fn shenbao() -> Command {
    Command::from_std(shenbao_std())
}

/// [`shenbao`] as a plain `std::process::Command` (for [`measure::measure`]).
pub fn shenbao_std() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_shenbao"));
    cmd.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("SHENBAO_PASSWORD")
        .env("SHENBAO_LANG", "en")
        // A fixed clock: before the 2021 deadline, so "the call has closed" stays out.
        .env("SHENBAO_AS_OF", "2021-03-25")
        .env("NO_COLOR", "1");
    cmd
}

/// Run with `--format json`; return the exit status and the parsed document.
pub fn run_json(args: &[&str]) -> (i32, serde_json::Value) {
    let output = shenbao()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    let json: serde_json::Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not one JSON document ({e}):\n{stdout}"));
    (output.status.code().expect("exited"), json)
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
