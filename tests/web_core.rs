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

/// The page packages with the applicant's key the dossier `shenbao package`
/// writes with it, byte for byte, and `shenbao verify` accepts it.
#[test]
fn the_core_in_memory_packages_what_the_command_line_does() {
    let work = tempfile::tempdir().unwrap();
    let base = work.path().join("applicant");
    common::keys::write_key_pair(&base, [7; 32]);
    let key_text = std::fs::read_to_string(base.with_extension("key")).unwrap();
    let mut packaged = 0;
    for dir in examples() {
        let input = input(&dir);
        let Ok((name, zip)) = shenbao_web::package(&input, &key_text, None) else {
            assert!(shenbao_web::validate(&input).iter().any(|d| d.is_error()));
            continue;
        };
        let out = work.path().join(&name);
        common::shenbao()
            .args(["package", dir.to_str().unwrap(), "--key"])
            .arg(base.with_extension("key"))
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        assert!(zip == std::fs::read(&out).unwrap(), "{}", dir.display());
        let from_page = work.path().join(format!("page-{name}"));
        std::fs::write(&from_page, &zip).unwrap();
        common::shenbao()
            .arg("verify")
            .arg(&from_page)
            .arg("--trusted-key")
            .arg(base.with_extension("pub"))
            .assert()
            .success();
        packaged += 1;
    }
    assert!(packaged >= 4, "every passing example packaged: {packaged}");
}

/// A key made in the page, with a password, signs only when the password is given.
#[test]
fn a_key_made_in_the_page_asks_for_its_password() {
    let pair = shenbao_web::keygen(Some("申报2021")).unwrap();
    assert_eq!(shenbao_web::key_info(&pair.secret), Ok(true));
    assert_eq!(
        shenbao_web::key_info(&pair.public).unwrap_err().code,
        "Z022"
    );
    let input = input(&common::root().join("examples/thermal-screening-robot"));
    let wrong = shenbao_web::package(&input, &pair.secret, Some("2021")).unwrap_err();
    assert_eq!(wrong[0].code, "Z025");
    let none = shenbao_web::package(&input, &pair.secret, None).unwrap_err();
    assert_eq!(none[0].code, "Z025");
    let (_, zip) = shenbao_web::package(&input, &pair.secret, Some("申报2021")).unwrap();
    let work = tempfile::tempdir().unwrap();
    std::fs::write(work.path().join("d.zip"), zip).unwrap();
    std::fs::write(work.path().join("k.pub"), &pair.public).unwrap();
    common::shenbao()
        .current_dir(work.path())
        .args(["verify", "d.zip", "--trusted-key", "k.pub"])
        .assert()
        .success();
}

/// The page's category fit and new-declaration template are the command line's.
#[test]
fn fit_and_template_are_the_command_lines() {
    for dir in examples() {
        let text = std::fs::read_to_string(dir.join("shenbao.yaml")).unwrap();
        let output = common::shenbao()
            .args(["fit", "--format", "json", dir.to_str().unwrap()])
            .output()
            .unwrap();
        if output.status.code() == Some(2) {
            // The file does not load: nothing to score.
            assert!(shenbao_web::fit(&text).is_null(), "{}", dir.display());
            continue;
        }
        let mut cli: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        cli.as_object_mut().unwrap().remove("path");
        assert_eq!(shenbao_web::fit(&text), cli, "{}", dir.display());
    }
    let work = tempfile::tempdir().unwrap();
    common::shenbao()
        .arg("init")
        .arg(work.path())
        .assert()
        .success();
    let written = std::fs::read_to_string(work.path().join("shenbao.yaml")).unwrap();
    assert_eq!(shenbao_web::template(), written);
}
