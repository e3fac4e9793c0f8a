//! The page's core (crates/shenbao-web) against the command line, natively:
//! on every example, the same findings and the same form, byte for byte, from
//! files handed over in memory. scripts/wasm.sh runs the same comparison on
//! the WebAssembly build under Node.js.

mod common;

use shenbao_check::date::Date;
use std::path::Path;

fn input(dir: &Path) -> shenbao_web::Input {
    let mut attachments = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.file_name() != "shenbao.yaml" {
            let relative = entry.path().strip_prefix(dir).unwrap();
            let name = relative.to_str().unwrap().replace('\\', "/");
            attachments.push((name, std::fs::read(entry.path()).unwrap()));
        }
    }
    shenbao_web::Input {
        declaration: std::fs::read(dir.join("shenbao.yaml")).unwrap(),
        attachments,
        as_of: Date::parse("2021-03-25"),
    }
}

fn examples() -> Vec<std::path::PathBuf> {
    let root = common::root().join("examples");
    let mut dirs: Vec<_> = ["", "failing"]
        .iter()
        .flat_map(|sub| std::fs::read_dir(root.join(sub)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("shenbao.yaml").is_file())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn the_core_in_memory_finds_and_prints_what_the_command_line_does() {
    let mut forms = 0;
    for dir in examples() {
        let input = input(&dir);
        let mut page: Vec<(String, usize)> = shenbao_web::validate(&input)
            .iter()
            .map(|d| (d.code.to_string(), d.location.map_or(0, |l| l.line)))
            .collect();
        page.sort();
        let (_, json) = common::run_json(&["validate", dir.to_str().unwrap()]);
        let mut cli: Vec<(String, usize)> = json["results"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap_or(0) as usize,
                )
            })
            .collect();
        cli.sort();
        assert_eq!(page, cli, "{}", dir.display());
        if let Ok(pdf) = shenbao_web::form(&input) {
            let work = tempfile::tempdir().unwrap();
            let out = work.path().join("form.pdf");
            common::shenbao()
                .args(["form", dir.to_str().unwrap(), "-o", out.to_str().unwrap()])
                .assert()
                .success();
            assert!(pdf == std::fs::read(&out).unwrap(), "{}", dir.display());
            forms += 1;
        }
    }
    assert!(forms >= 4, "every passing example printed: {forms}");
}

#[test]
fn a_missing_attachment_is_reported_as_on_disk() {
    let dir = common::root().join("examples/thermal-screening-robot");
    let mut input = input(&dir);
    input.attachments.pop();
    let found = shenbao_web::validate(&input);
    assert!(found.iter().any(|d| d.is_error()), "{found:?}");
    assert!(shenbao_web::form(&input).is_err());
}
