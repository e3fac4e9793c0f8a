//! The offline page in chromium, for tests/browser.rs: opening it, filling
//! and reading its fields as a user does, its downloads, and what it sent
//! over the network.

use super::webdriver::{Element, Session};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub const AS_OF: &str = "2021-03-25";

pub fn page() -> PathBuf {
    let page = std::env::var_os("SHENBAO_PAGE")
        .map(PathBuf::from)
        .expect("SHENBAO_PAGE names the built page (scripts/wasm.sh)");
    std::fs::canonicalize(&page).expect("the page exists")
}

pub fn open_page(session: &Session, lang: &str) -> u64 {
    let url = format!("file://{}#as-of={AS_OF}&lang={lang}", page().display());
    session.navigate(&url);
    let ready = session.wait_for(
        "return document.body.dataset.ready === 'true' ? document.body.dataset.readyMs : (document.body.dataset.ready === 'failed' ? 'failed' : null)",
        30,
    );
    assert_ne!(ready, json!("failed"), "the page did not start");
    ready.as_str().unwrap().parse().unwrap()
}

/// Where screenshots go: docs/web/ when blessing, else the temp folder.
pub fn shot(session: &Session, name: &str, work: &Path) {
    let png = session.screenshot();
    let dir = if std::env::var_os("SHENBAO_BLESS").is_some() {
        super::root().join("docs/web")
    } else {
        work.to_path_buf()
    };
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// The page's text of shenbao.yaml, as it would save it.
pub fn page_text(session: &Session) -> String {
    session
        .script(
            "return document.getElementById('raw-text').value",
            json!([]),
        )
        .as_str()
        .unwrap()
        .to_string()
}

pub fn page_value(session: &Session) -> Value {
    let text = page_text(session);
    shenbao_load::Document::from_text("page", &text)
        .value
        .expect("the page's text loads")
}

/// Every scalar of a value with its pointer, in document order.
pub fn leaves(value: &Value, at: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                leaves(
                    v,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                )
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, format!("{at}/{i}"), out)
            }
        }
        scalar => out.push((at, scalar.clone())),
    }
}

pub fn control(session: &Session, pointer: &str) -> Element {
    session.find(&format!(
        "#form input[data-pointer=\"{pointer}\"], #form select[data-pointer=\"{pointer}\"], #form textarea[data-pointer=\"{pointer}\"]"
    ))
}

/// Set one field as a user does: type into it, pick an option, tick a box.
pub fn set_field(session: &Session, pointer: &str, value: &Value) {
    let element = control(session, pointer);
    let tag = session.attribute(&element, "tagName").unwrap_or_default();
    let kind = session.attribute(&element, "type").unwrap_or_default();
    match (tag.as_str(), kind.as_str(), value) {
        ("SELECT", _, v) => {
            let wanted = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let option = session.find(&format!(
                "#form select[data-pointer=\"{pointer}\"] option[value=\"{wanted}\"]"
            ));
            session.click(&option);
        }
        ("INPUT", "checkbox", Value::Bool(wanted)) => {
            let checked = session.script("return arguments[0].checked", json!([element.json()]));
            if checked != json!(*wanted) {
                session.click(&element);
            }
        }
        (_, _, v) => {
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            session.clear(&element);
            session.type_text(&element, &text);
        }
    }
}

/// Make each list of the page as long as in `want`: the add and remove buttons.
pub fn match_lists(session: &Session, want: &Value, at: &str) {
    match want {
        Value::Object(map) => {
            for (k, v) in map {
                match_lists(session, v, &format!("{at}/{k}"));
            }
        }
        Value::Array(items) => {
            loop {
                let have = page_value(session)
                    .pointer(at)
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                if have < items.len() {
                    session.click(&session.find(&format!("button[data-add=\"{at}\"]")));
                } else if have > items.len() {
                    let row = format!(
                        "#form .item[data-pointer=\"{at}/{}\"] > button.remove",
                        have - 1
                    );
                    session.click(&session.find(&row));
                } else {
                    break;
                }
            }
            for (i, v) in items.iter().enumerate() {
                match_lists(session, v, &format!("{at}/{i}"));
            }
        }
        _ => {}
    }
}

pub fn wait_download(dir: &Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    let begun = Instant::now();
    loop {
        if path.is_file() && !dir.join(format!("{name}.crdownload")).exists() {
            if let Ok(bytes) = std::fs::read(&path) {
                if !bytes.is_empty() {
                    return bytes;
                }
            }
        }
        assert!(
            begun.elapsed() < Duration::from_secs(30),
            "no download {name} in {}",
            dir.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub fn page_codes(session: &Session) -> Vec<String> {
    let codes = session.script(
        "return [...document.querySelectorAll('#summary-list .diag')].map(d => d.dataset.code)",
        json!([]),
    );
    let mut codes: Vec<String> = serde_json::from_value(codes).unwrap();
    codes.sort();
    codes
}

pub fn cli_codes(dir: &Path) -> Vec<String> {
    let (_, json) = super::run_json(&["validate", dir.to_str().unwrap()]);
    let mut codes: Vec<String> = json["results"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    codes.sort();
    codes
}

/// No request left the machine: every one chromium logged was for the page
/// itself (file:), its module's inflated bytes or its outputs (data:, blob:).
pub fn assert_offline(session: &Session) {
    let mut outside = Vec::new();
    let mut seen = 0;
    for entry in session.log("performance") {
        let message: Value =
            serde_json::from_str(entry["message"].as_str().unwrap_or("{}")).unwrap();
        let message = &message["message"];
        if message["method"] == "Network.requestWillBeSent" {
            seen += 1;
            let url = message["params"]["request"]["url"].as_str().unwrap_or("");
            if !(url.starts_with("file:") || url.starts_with("data:") || url.starts_with("blob:")) {
                outside.push(url.to_string());
            }
        }
    }
    assert!(seen > 0, "the performance log records requests");
    assert!(outside.is_empty(), "requests outside the page: {outside:?}");
}

/// The dossier's folder name, from its first entry (`<id>/…`).
pub fn zip_name(zip: &[u8]) -> String {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let first = archive.file_names().next().unwrap().unwrap().to_string();
    format!("{}.zip", first.split('/').next().unwrap())
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}
