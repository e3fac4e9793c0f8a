//! The PDF form, checked from outside with poppler (pdftotext, pdffonts,
//! pdfinfo — .ci/run installs poppler-utils): every field value is on the
//! paper, fonts are embedded subsets, pages are numbered, output is
//! reproducible, and a declaration with errors gets no PDF.

mod common;

use common::{root, shenbao};
use serde_json::Value;
use shenbao_load::Document;
use std::path::Path;
use std::process::Command;

const EXAMPLES: &[&str] = &[
    "thermal-screening-robot",
    "remote-diagnosis-platform",
    "city-brain-platform",
    "experience-centre",
];

fn poppler(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed for these tests (apt-get install poppler-utils): {e}")
    });
    assert!(output.status.success(), "{tool} {args:?} failed");
    String::from_utf8(output.stdout).unwrap()
}

fn render(example: &str, out: &Path) {
    render_dir(&root().join("examples").join(example), out);
}

/// A fresh folder holding the attachments of `example` (for a declaration
/// edited from its `shenbao.yaml`), and the example's own folder.
fn example_attachments(example: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let source = root().join("examples").join(example);
    std::fs::create_dir(dir.path().join("attachments")).unwrap();
    for entry in std::fs::read_dir(source.join("attachments")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            dir.path().join("attachments").join(entry.file_name()),
        )
        .unwrap();
    }
    (dir, source)
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every string and number of the declaration that the form shows.
fn field_values(value: &Value, out: &mut Vec<(String, String)>, pointer: String) {
    match value {
        Value::String(s) => out.push((pointer, s.clone())),
        Value::Number(n) => out.push((pointer, n.to_string())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                field_values(item, out, format!("{pointer}/{i}"));
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                field_values(v, out, format!("{pointer}/{k}"));
            }
        }
        Value::Bool(_) | Value::Null => {}
    }
}

/// Page footers sit inside text that runs across pages: take them out.
fn without_footers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("第") {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        // 第N页共M页校验码XXXX-XXXX-XXXX
        let footer_end = tail
            .find("校验码")
            .filter(|&i| {
                i < 24 && tail[..i].contains("页共") && tail.len() >= i + "校验码".len() + 14
            })
            .map(|i| i + "校验码".len() + 14);
        match footer_end {
            Some(end) => rest = &tail[end..],
            None => {
                out.push('第');
                rest = &tail["第".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn every_field_value_appears_on_the_form() {
    let dir = tempfile::tempdir().unwrap();
    for example in EXAMPLES {
        let pdf = dir.path().join(format!("{example}.pdf"));
        render(example, &pdf);
        let text = without_footers(&squeeze(&poppler(
            "pdftotext",
            &["-raw", pdf.to_str().unwrap(), "-"],
        )));
        let yaml =
            std::fs::read_to_string(root().join("examples").join(example).join("shenbao.yaml"))
                .unwrap();
        let value = Document::from_text(example, &yaml).value.unwrap();
        let mut fields = Vec::new();
        field_values(&value, &mut fields, String::new());
        let mut missing = Vec::new();
        for (pointer, raw) in fields {
            // Codes and enums the form shows in words, and dates it writes in Chinese.
            let shown = match pointer.as_str() {
                "/schema"
                | "/call"
                | "/recommender/kind"
                | "/submission/channel"
                | "/project/category" => continue,
                p if p.ends_with("/kind") => continue,
                p if p.starts_with("/commitments/")
                    && p != "/commitments/signatory"
                    && p != "/commitments/date" =>
                {
                    continue
                }
                _ => match shenbao_check::date::Date::parse(&raw) {
                    Some(d) => format!("{}年{}月{}日", d.year, d.month, d.day),
                    None => raw.clone(),
                },
            };
            if pointer == "/commitments/signatory" {
                continue; // signed by hand on the paper
            }
            if !text.contains(&squeeze(&shown)) {
                missing.push(format!("{pointer} = {raw}"));
            }
        }
        assert!(
            missing.is_empty(),
            "{example}: not on the form: {missing:#?}"
        );
    }
}

#[test]
fn fonts_are_embedded_subsets_and_pages_are_numbered() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("form.pdf");
    render(EXAMPLES[0], &pdf);
    let path = pdf.to_str().unwrap();
    let fonts = poppler("pdffonts", &[path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols[0].contains('+'), "subset tag in {row}");
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "emb/sub/uni in {row}"
        );
    }
    let info = poppler("pdfinfo", &[path]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 6, "{pages} pages");
    assert!(info.contains("595.28 x 841.89"), "A4: {info}");
    let code = squeeze(&poppler("pdftotext", &["-f", "1", "-l", "1", path, "-"]))
        .split("校验码")
        .nth(1)
        .unwrap()
        .chars()
        .take(14)
        .collect::<String>();
    for page in 1..=pages {
        let n = page.to_string();
        let text = squeeze(&poppler("pdftotext", &["-f", &n, "-l", &n, path, "-"]));
        // The cover has no page number; the pages after it count from 1.
        if page == 1 {
            assert!(!text.contains("页共"), "the cover is not numbered");
        } else {
            assert!(
                text.contains(&format!("第{}页共{}页", page - 1, pages - 1)),
                "footer on page {page}"
            );
        }
        assert!(
            text.contains(&code),
            "verification code {code} on page {page}"
        );
    }
}

#[test]
fn the_same_declaration_gives_byte_identical_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.pdf"), dir.path().join("b.pdf"));
    render(EXAMPLES[1], &a);
    render(EXAMPLES[1], &b);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // No temporary file is left beside the output.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

#[test]
fn errors_mean_no_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("form.pdf");
    let output = shenbao()
        .args(["form", "-o"])
        .arg(&out)
        .arg(root().join("examples/failing/schema-errors"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!out.exists());
    assert!(String::from_utf8_lossy(&output.stderr).contains("S003"));
}

#[test]
fn a_character_the_font_lacks_is_a_warning_and_a_box_to_write_in() {
    let (dir, source) = example_attachments(EXAMPLES[0]);
    let yaml = std::fs::read_to_string(source.join("shenbao.yaml")).unwrap();
    // U+20000, the first character of CJK Extension B: in no national
    // standard list, so not in the embedded font.
    let yaml = yaml.replacen(
        "contact:\n    name: 周婧",
        "contact:\n    name: 周\u{20000}",
        1,
    );
    assert!(yaml.contains("周\u{20000}"));
    std::fs::write(dir.path().join("shenbao.yaml"), yaml).unwrap();
    // validate says what form will: a warning at the field, not a refusal.
    let validated = shenbao().arg("validate").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8(validated.stdout).unwrap();
    assert_eq!(validated.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("warning[M001]") && stdout.contains("U+20000"),
        "{stdout}"
    );
    assert!(
        stdout.contains("shenbao.yaml:20:11"),
        "points at the field: {stdout}"
    );
    let strict = shenbao()
        .args(["validate", "--strict"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
    // form prints, with the warning, and the rest of the name as written.
    let out = dir.path().join("form.pdf");
    let output = shenbao()
        .args(["form", "-o"])
        .arg(&out)
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr.matches("M001").count(), 1, "said once: {stderr}");
    let text = squeeze(&poppler("pdftotext", &[out.to_str().unwrap(), "-"]));
    // The name's other character prints; the missing one is a box, not text.
    assert!(text.contains('周') && !text.contains('\u{20000}'));
}

/// Names as people have them: the 20 rarest characters of level 3 of the
/// 通用规范汉字表 (the level for names of people and places), rarest by the
/// order of github.com/kitty-panics/cn-tables' 通用规范汉字表-字频.txt (a
/// 2.5-billion-character corpus; these 20 are absent from it), six of them
/// beyond the BMP, and eight name characters that GB2312 lacks. Every name
/// field holds some; validate passes, the form prints, and pdftotext gives
/// each character back.
#[test]
fn rare_name_characters_print_and_come_back() {
    const RAREST: &str = "䴙𬙊㰀𬶭𩾌鳚鳛欂𨟠𬶮𨭉㸌瀱𬙋𤫉𬺓鳤𫚭醾齇";
    const COMMON_BEYOND_GB2312: &str = "喆玥堃昇镕珺彧赟";
    let rare: Vec<char> = RAREST.chars().collect();
    assert_eq!(rare.len(), 20);
    let (dir, source) = example_attachments(EXAMPLES[0]);
    let part = |from: usize| rare[from..from + 5].iter().collect::<String>();
    let yaml = std::fs::read_to_string(source.join("shenbao.yaml")).unwrap();
    let replacements = [
        (
            "legal_representative: 陈立衡",
            format!("legal_representative: 陈{}", &part(0)[..]),
        ),
        ("    name: 周婧", format!("    name: 周{}", part(5))),
        (
            "name: 南京澄衡智能机器人有限公司",
            format!("name: 南京{}智能机器人有限公司", part(10)),
        ),
        (
            "name: 基于人工智能与远程操控的智能测温消杀防疫机器人",
            format!(
                "name: 基于{}{COMMON_BEYOND_GB2312}的智能测温消杀防疫机器人",
                part(15)
            ),
        ),
    ];
    let mut yaml = yaml;
    for (from, to) in &replacements {
        assert!(yaml.contains(from), "{from}");
        yaml = yaml.replacen(from, to, 1);
    }
    std::fs::write(dir.path().join("shenbao.yaml"), &yaml).unwrap();
    let validated = shenbao().arg("validate").arg(dir.path()).output().unwrap();
    assert_eq!(
        validated.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&validated.stdout)
    );
    let out = dir.path().join("form.pdf");
    render_dir(dir.path(), &out);
    let text = squeeze(&poppler("pdftotext", &[out.to_str().unwrap(), "-"]));
    for c in RAREST.chars().chain(COMMON_BEYOND_GB2312.chars()) {
        assert!(
            text.contains(c),
            "{c} (U+{:04X}) is not on the form",
            c as u32
        );
    }
}

fn render_dir(dir: &Path, out: &Path) {
    let output = shenbao()
        .args(["form", "-o"])
        .arg(out)
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The form of an example, byte for byte. A deliberate layout change, or a
/// new compression backend in Cargo.lock (flate2's), updates this digest (and
/// docs/pages/*.png, which tests/pages.rs compares); anything else changing it is a bug.
#[test]
fn golden_digest_of_an_example_form() {
    use sha2::{Digest, Sha256};
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("form.pdf");
    render("city-brain-platform", &pdf);
    let digest: String = Sha256::digest(std::fs::read(&pdf).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        digest,
        "26e837800bd9fa51e91eac120e238cde985dfed4c2dca4822c1d62d3978635bc"
    );
}

/// A recommender whose name says its kind (江苏省 is a province) is printed
/// once, not as 江苏省（省）; one whose name does not (宁波市, a separately
/// planned city) keeps its kind.
#[test]
fn the_recommender_is_named_without_repeating_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    for (example, shown, not_shown) in [
        ("thermal-screening-robot", "推荐单位江苏省", "江苏省（省）"),
        (
            "remote-diagnosis-platform",
            "宁波市（计划单列市）",
            "宁波市宁波市",
        ),
    ] {
        let pdf = dir.path().join(format!("{example}.pdf"));
        render(example, &pdf);
        let text = squeeze(&poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]));
        assert!(text.contains(shown), "{example}: no {shown}");
        assert!(!text.contains(not_shown), "{example}: {not_shown}");
    }
}
