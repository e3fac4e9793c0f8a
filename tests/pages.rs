//! Visual regression of the printed documents: the form of two examples, the
//! recommendation letter with its landscape 附表 and the landscape 汇总表 are
//! rendered (fixed keys, fixed dates), turned into page images by pdftoppm at
//! 60 dpi and compared with the images committed under `docs/pages/`. Every
//! layout change thus shows up as an image diff to review; after looking at
//! the new pages, `SHENBAO_BLESS=1 cargo test --test pages` (or
//! `docs/pages/render.sh`) writes them.
//!
//! Each page must also hold a minimum of content, and every font must be an
//! embedded subset.

mod common;

use common::{root, shenbao};
use std::path::{Path, PathBuf};
use std::process::Command;

const DPI: &str = "60";
/// A pixel differs when its grey level moves by more than this.
const PIXEL_TOLERANCE: u8 = 48;
/// A page matches when at most this share of its pixels differ (anti-aliasing
/// of another poppler build), far less than a moved word or line.
const PAGE_TOLERANCE: f64 = 0.0005;
/// Fewest lines of content on a page, footers not counted.
const MIN_LINES: usize = 3;

fn tool(name: &str, args: &[&str]) -> std::process::Output {
    let output = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed for these tests (apt-get install poppler-utils): {e}")
    });
    assert!(
        output.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn run(args: &[&str], cwd: &Path) {
    let out = shenbao()
        .current_dir(cwd)
        .env("SHENBAO_AS_OF", "2021-03-29")
        .args(args)
        .output()
        .unwrap();
    // intake reports the other offices' dossiers it is shown (exit 1), and
    // still writes its table.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "shenbao {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The documents, rendered once per test run: (name, PDF).
fn documents() -> &'static [(String, PathBuf)] {
    static DOCS: std::sync::OnceLock<Vec<(String, PathBuf)>> = std::sync::OnceLock::new();
    DOCS.get_or_init(|| {
        let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pages");
        let _ = std::fs::remove_dir_all(&work);
        std::fs::create_dir_all(&work).unwrap();
        render_documents(&work)
    })
}

fn render_documents(work: &Path) -> Vec<(String, PathBuf)> {
    let examples = root().join("examples");
    let mut docs = Vec::new();
    for example in ["city-brain-platform", "experience-centre"] {
        let pdf = work.join(format!("form-{example}.pdf"));
        let source = examples.join(example);
        run(
            &[
                "form",
                source.to_str().unwrap(),
                "-o",
                pdf.to_str().unwrap(),
            ],
            work,
        );
        docs.push((format!("form-{example}"), pdf));
    }
    common::keys::write_key_pair(&work.join("applicant"), [3; 32]);
    common::keys::write_key_pair(&work.join("office"), [5; 32]);
    std::fs::create_dir_all(work.join("keys")).unwrap();
    std::fs::copy(work.join("applicant.pub"), work.join("keys/applicant.pub")).unwrap();
    let inbox = work.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    for example in [
        "city-brain-platform",
        "thermal-screening-robot",
        "remote-diagnosis-platform",
        "experience-centre",
    ] {
        let zip = inbox.join(format!("{example}.zip"));
        let source = examples.join(example);
        run(
            &[
                "package",
                "--key",
                "applicant.key",
                "-o",
                zip.to_str().unwrap(),
                source.to_str().unwrap(),
            ],
            work,
        );
    }
    let summary = work.join("summary.pdf");
    run(
        &[
            "intake",
            "--office",
            "安徽省",
            "--trusted-key",
            "keys",
            "--pdf",
            summary.to_str().unwrap(),
            "inbox",
        ],
        work,
    );
    docs.push(("summary".to_string(), summary));
    // The letter forwards 合肥市's project alone (the others are not 安徽省's).
    let ours = work.join("ours");
    std::fs::create_dir_all(&ours).unwrap();
    std::fs::copy(
        inbox.join("city-brain-platform.zip"),
        ours.join("city-brain-platform.zip"),
    )
    .unwrap();
    run(
        &[
            "recommend",
            "--office",
            "安徽省",
            "--issuer",
            "安徽省经济和信息化厅",
            "--key",
            "office.key",
            "--trusted-key",
            "keys",
            "--reference",
            "皖经信函〔2021〕8号",
            "--contact",
            "王敏 0551-62871234",
            "-o",
            "bundle.zip",
            "ours",
        ],
        work,
    );
    let letter = work.join("letter.pdf");
    std::fs::write(&letter, letter_of(&work.join("bundle.zip"))).unwrap();
    docs.push(("letter".to_string(), letter));
    docs
}

fn letter_of(bundle: &Path) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(bundle).unwrap()).unwrap();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        if file.name().unwrap().ends_with("推荐意见函.pdf") {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut bytes).unwrap();
            return bytes;
        }
    }
    panic!("the bundle holds no letter");
}

/// Grey levels of a PNG, with its size.
fn grey(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::fs::File::open(path).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|p| {
            let rgb = &p[..channels.min(3)];
            (rgb.iter().map(|&v| u32::from(v)).sum::<u32>() / rgb.len() as u32) as u8
        })
        .collect();
    (info.width, info.height, pixels)
}

fn page_images(pdf: &Path, dir: &Path, name: &str) -> Vec<PathBuf> {
    let prefix = dir.join(name);
    // pdftoppm names pages name-1.png, or name-01.png past nine pages.
    tool(
        "pdftoppm",
        &[
            "-r",
            DPI,
            "-gray",
            "-png",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    page_images_in(dir, name)
}

fn page_number(path: &Path) -> usize {
    let stem = path.file_stem().unwrap().to_string_lossy();
    stem.rsplit('-').next().unwrap().parse().unwrap()
}

/// Share of pixels that differ between two images of one size.
fn difference(a: &Path, b: &Path) -> Result<f64, String> {
    let (wa, ha, pa) = grey(a);
    let (wb, hb, pb) = grey(b);
    if (wa, ha) != (wb, hb) {
        return Err(format!("{wa}×{ha} against {wb}×{hb}"));
    }
    let differ = pa
        .iter()
        .zip(&pb)
        .filter(|(x, y)| x.abs_diff(**y) > PIXEL_TOLERANCE)
        .count();
    Ok(differ as f64 / pa.len() as f64)
}

#[test]
fn pages_look_as_committed() {
    let work = tempfile::tempdir().unwrap();
    let rendered = work.path().join("png");
    std::fs::create_dir_all(&rendered).unwrap();
    let committed = root().join("docs/pages");
    let bless = std::env::var_os("SHENBAO_BLESS").is_some();
    let mut problems = Vec::new();
    for (name, pdf) in documents() {
        let pages = page_images(pdf, &rendered, name);
        let old: Vec<PathBuf> = page_images_in(&committed, name);
        if bless {
            for page in &old {
                std::fs::remove_file(page).unwrap();
            }
            for page in &pages {
                std::fs::copy(page, committed.join(page.file_name().unwrap())).unwrap();
            }
            continue;
        }
        if pages.len() != old.len() {
            problems.push(format!(
                "{name}: {} pages, {} committed",
                pages.len(),
                old.len()
            ));
            continue;
        }
        for (new, old) in pages.iter().zip(&old) {
            match difference(new, old) {
                Ok(share) if share <= PAGE_TOLERANCE => {}
                Ok(share) => problems.push(format!(
                    "{}: {:.3}% of the pixels differ",
                    old.display(),
                    share * 100.0
                )),
                Err(size) => problems.push(format!("{}: {size}", old.display())),
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the pages differ from docs/pages (look at them; SHENBAO_BLESS=1 writes the new ones):\n{}",
        problems.join("\n")
    );
}

fn page_images_in(dir: &Path, name: &str) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let file = p.file_name().unwrap().to_string_lossy().into_owned();
            file.strip_prefix(&format!("{name}-"))
                .and_then(|rest| rest.strip_suffix(".png"))
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
        })
        .collect();
    pages.sort_by_key(|p| page_number(p));
    pages
}

/// Lines of a page's text that are not its footer.
fn content_lines(pdf: &Path, page: usize) -> Vec<String> {
    let n = page.to_string();
    let out = tool(
        "pdftotext",
        &["-layout", "-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.contains("校验码") && !l.starts_with('第'))
        .map(str::to_string)
        .collect()
}

fn page_count(pdf: &Path) -> usize {
    let out = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let info = String::from_utf8(out.stdout).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .expect("pdfinfo gives the page count")
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn no_page_is_almost_empty_and_fonts_are_embedded_subsets() {
    for (name, pdf) in documents() {
        for page in 1..=page_count(pdf) {
            let lines = content_lines(pdf, page);
            assert!(
                lines.len() >= MIN_LINES,
                "{name} page {page} holds {} lines: {lines:?}",
                lines.len()
            );
        }
        let fonts = String::from_utf8(tool("pdffonts", &[pdf.to_str().unwrap()]).stdout).unwrap();
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{name}: no fonts");
        for row in rows {
            let fields: Vec<&str> = row.split_whitespace().collect();
            let n = fields.len();
            // name … emb sub uni object-id generation
            assert!(
                fields[0].len() > 7 && fields[0].as_bytes()[6] == b'+',
                "{name}: {row}"
            );
            assert_eq!(
                &fields[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "{name}: {row}"
            );
        }
    }
}

#[test]
fn the_tables_are_landscape_and_codes_stay_whole() {
    let docs = documents();
    let find = |name: &str| &docs.iter().find(|(n, _)| n == name).unwrap().1;
    let summary = find("summary");
    let info = String::from_utf8(tool("pdfinfo", &[summary.to_str().unwrap()]).stdout).unwrap();
    assert!(info.contains("841.89 x 595.28"), "{info}");
    let text = content_lines(summary, 1).join("\n");
    // Every credit code and digest of the examples is on one line.
    for example in ["city-brain-platform", "thermal-screening-robot"] {
        let yaml =
            std::fs::read_to_string(root().join("examples").join(example).join("shenbao.yaml"))
                .unwrap();
        let code = yaml
            .lines()
            .find_map(|l| l.trim().strip_prefix("credit_code:"))
            .unwrap()
            .split('#')
            .next()
            .unwrap()
            .trim()
            .trim_matches('"')
            .to_string();
        assert!(text.contains(&code), "{code} not whole in:\n{text}");
    }
    for header in ["序号", "项目名称", "申报单位", "推荐单位"] {
        assert!(text.contains(header), "{header} broken in:\n{text}");
    }
    // The letter: portrait pages, then the 附表 on its side; the phone whole.
    let letter = find("letter");
    let pages = page_count(letter);
    let last = String::from_utf8(
        tool(
            "pdfinfo",
            &[
                "-f",
                &pages.to_string(),
                "-l",
                &pages.to_string(),
                letter.to_str().unwrap(),
            ],
        )
        .stdout,
    )
    .unwrap();
    assert!(last.contains("841.89 x 595.28"), "{last}");
    let first = String::from_utf8(
        tool("pdfinfo", &["-f", "1", "-l", "1", letter.to_str().unwrap()]).stdout,
    )
    .unwrap();
    assert!(first.contains("595.28 x 841.89"), "{first}");
}
