//! Checking a dossier without extracting it: the ZIP's structure (everything
//! a hostile archive could abuse), the bag's manifests and hashes (each entry
//! streamed once, bytes counted against the declared size), the signature, the
//! declaration inside, and optionally the code printed on the paper form.

mod bag;
mod canonical;
mod contents;
mod declaration;

use super::diags;
use shenbao_check::call::CallProfile;
use shenbao_check::date::Date;
use shenbao_diagnostic::{Diagnostic, Text};
use std::collections::HashSet;
use std::io::Read;
use std::path::Path;
use zip::CompressionMethod;

/// Tag files are small; anything larger is not ours.
pub(crate) const MAX_TAG_BYTES: u64 = 4 * 1024 * 1024;
/// An entry inflating more than this many times its compressed size, beyond
/// a few MiB, is treated as a bomb (text deflates 3–10×, PDFs are stored).
const MAX_RATIO: u64 = 100;
const RATIO_FLOOR: u64 = 8 * 1024 * 1024;
/// A dossier's payload: the declaration, the form and at most 200 attachments
/// (the schema's limit), with room to spare; the tag files come on top.
pub(crate) const MAX_PAYLOAD_FILES: usize = 1_000;
/// Entries in a ZIP worth reading the central directory of (it is read whole).
const MAX_ENTRIES: u64 = MAX_PAYLOAD_FILES as u64 + 16;

/// What `verify` checks against.
pub struct VerifyOptions<'a> {
    pub trusted: &'a [crate::minisign::PublicKey],
    /// For each trusted key, the office it speaks for when it was given as
    /// `--office-key NAME=PUB` (a bundle it signs must be that office's).
    pub trusted_offices: &'a [Option<String>],
    pub paper_code: Option<&'a str>,
    pub profile: &'a CallProfile,
    pub as_of: Option<Date>,
}

fn d(rule: &'static shenbao_diagnostic::Rule, zh: String, en: String) -> Diagnostic {
    Diagnostic::new(rule, Text::new(zh, en))
}

/// What verifying one file found.
#[derive(Debug, Default)]
pub struct Verified {
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the file is a recommendation bundle: what it forwards.
    pub bundle: Option<Bundle>,
}

/// A recommendation bundle's own claims, read from its (verified) bag.
#[derive(Clone, Debug, Default)]
pub struct Bundle {
    /// The recommending office (bag-info `Source-Organization`).
    pub office: String,
    /// The signer's key id.
    pub signer: Option<String>,
    /// The letter's date (bag-info `Bagging-Date`).
    pub date: Option<Date>,
    /// (file name, SHA-256 hex) of every forwarded dossier, as listed.
    pub dossiers: Vec<(String, String)>,
}

/// Every problem with the dossier at `path`. A recommendation bundle given
/// where a dossier is expected is itself a problem.
pub fn verify(path: &Path, options: &VerifyOptions) -> Vec<Diagnostic> {
    as_dossier(verify_file(path, options))
}

/// Like [`verify`], for the dossier that `reader` reads (intake passes one
/// that also hashes the file as it goes).
pub fn verify_reader<R: Read + std::io::Seek>(
    reader: R,
    options: &VerifyOptions,
) -> Vec<Diagnostic> {
    as_dossier(verify_any(reader, options))
}

/// The findings about a file that should be a dossier: a bundle is not one.
fn as_dossier(verified: Verified) -> Vec<Diagnostic> {
    let mut diagnostics = verified.diagnostics;
    if verified.bundle.is_some() {
        diagnostics.push(
            d(
                &diags::BUNDLE_NOT_DOSSIER,
                "这是推荐材料包（推荐意见函及所推荐项目清单），不是申报材料包".into(),
                "this is a recommendation bundle (letter and list of forwarded dossiers), not a dossier".into(),
            )
            .help(Text::new(
                "用 shenbao verify 核验推荐材料包及其所列的申报材料包",
                "check a bundle and the dossiers it lists with shenbao verify",
            )),
        );
    }
    diagnostics
}

/// Verify a dossier or a recommendation bundle at `path`. For a bundle, the
/// bag itself is checked here; the dossiers it names are checked by the
/// caller (they live beside it, see `recommend::verify`).
pub fn verify_file(path: &Path, options: &VerifyOptions) -> Verified {
    // A FIFO or device would block (or never end): refused without waiting.
    match shenbao_load::open_regular(path) {
        Ok((file, _)) => verify_any(file, options),
        Err(err) => {
            let mut diagnostic =
                shenbao_load::open_error(&shenbao_diagnostic::shown_path(path), &err);
            if path.is_dir() {
                diagnostic.help = Some(folder_given(path));
            }
            Verified {
                diagnostics: vec![diagnostic],
                bundle: None,
            }
        }
    }
}

/// What to do when a folder was given to verify: name the ZIP files in it,
/// or say that the folder of a declaration is checked with `validate`.
fn folder_given(path: &Path) -> Text {
    let mut zips: Vec<String> = std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.to_lowercase().ends_with(".zip"))
                .collect()
        })
        .unwrap_or_default();
    zips.sort();
    let shown = shenbao_diagnostic::shown_path(path);
    match zips.as_slice() {
        [] => Text::new(
            format!("verify 核验的是申报材料包（`shenbao package` 生成的 .zip 文件），这个文件夹里没有；要检查文件夹里的申报文件，用 `shenbao validate {shown}`"),
            format!("verify checks dossiers (the .zip files `shenbao package` writes), and this folder has none; to check the declaration in the folder, use `shenbao validate {shown}`"),
        ),
        names => {
            let listed: Vec<String> = names.iter().take(3).map(|n| format!("`{}`", shenbao_diagnostic::shown_path(&path.join(n)))).collect();
            let more = if names.len() > 3 { " …" } else { "" };
            Text::new(
                format!("verify 核验的是申报材料包（.zip 文件），请逐个给出：{}{more}；一次受理整个文件夹用 `shenbao intake {shown}`", listed.join(" ")),
                format!("verify checks dossiers (.zip files): give each, as in {}{more}; to take in a whole folder, use `shenbao intake {shown}`", listed.join(" ")),
            )
        }
    }
}

fn verify_any<R: Read + std::io::Seek>(reader: R, options: &VerifyOptions) -> Verified {
    let mut out = Vec::new();
    let bundle = verify_archive(reader, options, &mut out);
    Verified {
        diagnostics: condense(out),
        bundle,
    }
}

/// Findings of one code listed in full before the rest are counted.
const LISTED_PER_CODE: usize = 5;

/// The first [`LISTED_PER_CODE`] findings of each code, and for each code
/// with more, one more finding that counts them. A hostile archive can
/// raise thousands (one per entry or manifest line); an office needs the
/// kind and a few examples, and `intake` keeps every dossier's findings, so
/// their size must not grow with the archive's.
fn condense(found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen: std::collections::HashMap<&'static str, usize> = Default::default();
    let mut kept = Vec::new();
    let mut first_unlisted: Vec<Diagnostic> = Vec::new();
    for diagnostic in found {
        let count = seen.entry(diagnostic.code).or_default();
        *count += 1;
        if *count <= LISTED_PER_CODE {
            kept.push(diagnostic);
        } else if *count == LISTED_PER_CODE + 1 {
            first_unlisted.push(diagnostic);
        }
    }
    for mut more in first_unlisted {
        let unlisted = seen[more.code] - LISTED_PER_CODE;
        more.message = Text::new(
            format!("另有 {unlisted} 处同类问题（{}）未逐一列出", more.code),
            format!(
                "{unlisted} more finding(s) of this kind ({}) not listed one by one",
                more.code
            ),
        );
        more.help = Some(Text::new(
            "上面列出了前几处；这类问题通常说明整个文件是伪造或损坏的",
            "the first few are listed above; this many usually means the whole file is forged or damaged",
        ));
        kept.push(more);
    }
    kept
}

/// Z031 when the ZIP container `reader` reads is not in the canonical form
/// `shenbao package` writes (docs/dossier-format.md lists every field); the
/// first field that differs is named. Reads only the headers, never the data.
///
/// ```
/// use shenbao_dossier::verify::canonical_form;
/// // Not a ZIP at all: no end record in the last 22 bytes.
/// let found = canonical_form(&mut std::io::Cursor::new(b"not a zip".to_vec()));
/// assert_eq!(found.map(|d| d.code), Some("Z031"));
/// ```
pub fn canonical_form<R: Read + std::io::Seek>(reader: &mut R) -> Option<Diagnostic> {
    let deviation = canonical::check(reader).err()?;
    let (zh_at, en_at) = match &deviation.entry {
        Some(entry) => (format!("（条目 {entry}）"), format!(" (entry {entry})")),
        None => (String::new(), String::new()),
    };
    Some(
        d(
            &diags::NOT_CANONICAL,
            format!(
                "ZIP 不是 `shenbao package` 写出的规范形式，不同之处：`{}`{zh_at}",
                deviation.field
            ),
            format!(
                "the ZIP is not in the canonical form `shenbao package` writes; it differs at `{}`{en_at}",
                deviation.field
            ),
        )
        .help(Text::new(
            "使用 `shenbao package` 生成的原始文件，不要重新压缩或编辑",
            "use the file exactly as `shenbao package` wrote it; do not re-zip or edit it",
        )),
    )
}

fn verify_archive<R: Read + std::io::Seek>(
    mut reader: R,
    options: &VerifyOptions,
    out: &mut Vec<Diagnostic>,
) -> Option<Bundle> {
    // The container must be exactly what `shenbao package` writes. A ZIP in
    // another form is refused, but still read as far as it safely can be, so
    // the finding that matters most (a changed file, a bad signature) shows.
    // (Reported once the ZIP reader opens the file: what it cannot read at
    // all is Z001 alone.)
    let not_canonical = canonical_form(&mut reader);
    // The central directory is read whole into memory: count first.
    if let Some(entries) = entry_count(&mut reader).filter(|n| *n > MAX_ENTRIES) {
        out.push(d(
            &diags::TOO_MANY_FILES,
            format!("ZIP 中有 {entries} 个条目，超过上限 {MAX_ENTRIES}，未读取"),
            format!("the ZIP has {entries} entries, over the limit of {MAX_ENTRIES}; not read"),
        ));
        return None;
    }
    let mut archive = match zip::ZipArchive::new(reader) {
        Ok(archive) => archive,
        Err(err) => {
            out.push(
                d(
                    &diags::NOT_A_ZIP,
                    format!("无法作为 ZIP 读取：文件不是 ZIP 材料包，或已损坏、不完整（`{err}`）"),
                    format!("cannot be read as a ZIP: it is no ZIP dossier, or it is damaged or incomplete (`{err}`)"),
                )
                .help(Text::new(
                    "重新复制或下载完整的材料包",
                    "copy or download the complete dossier again",
                )),
            );
            return None;
        }
    };
    out.extend(not_canonical);
    if archive.offset() != 0 {
        out.push(d(
            &diags::JUNK,
            format!("ZIP 之前有 {} 字节的其他数据", archive.offset()),
            format!("{} bytes of other data precede the ZIP", archive.offset()),
        ));
    }
    let entries = structure(&mut archive, out)?;
    if let Err(err) = archive.validate_header_consistency() {
        out.push(d(
            &diags::HEADER_MISMATCH,
            format!("本地文件头与中央目录不一致（`{err}`）"),
            format!("local headers disagree with the central directory (`{err}`)"),
        ));
        return None;
    }
    if out
        .iter()
        .any(|p| p.is_error() && p.code != diags::NOT_CANONICAL.code)
    {
        return None; // a hostile archive: read nothing from it
    }
    bag::check_bag(&mut archive, &entries, options, out)
}

/// The number of entries the end of central directory record declares (the
/// ZIP64 record's when there is one), read from the last 64 KiB; `None` when
/// there is no such record (the ZIP reader then says what is wrong).
fn entry_count<R: Read + std::io::Seek>(reader: &mut R) -> Option<u64> {
    use std::io::SeekFrom;
    const EOCD: [u8; 4] = *b"PK\x05\x06";
    const ZIP64_LOCATOR: [u8; 4] = *b"PK\x06\x07";
    const ZIP64_EOCD: [u8; 4] = *b"PK\x06\x06";
    let len = reader.seek(SeekFrom::End(0)).ok()?;
    let tail_len = len.min(22 + 65_535 + 20);
    reader.seek(SeekFrom::Start(len - tail_len)).ok()?;
    let mut tail = vec![0; tail_len as usize];
    reader.read_exact(&mut tail).ok()?;
    let at = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| tail[i..i + 4] == EOCD)?;
    let count = u64::from(u16::from_le_bytes([tail[at + 10], tail[at + 11]]));
    let locator = at
        .checked_sub(20)
        .filter(|&l| tail[l..l + 4] == ZIP64_LOCATOR);
    let Some(locator) = locator else {
        return Some(count);
    };
    let record = u64::from_le_bytes(tail[locator + 8..locator + 16].try_into().ok()?);
    let mut zip64 = [0u8; 40];
    reader.seek(SeekFrom::Start(record)).ok()?;
    reader.read_exact(&mut zip64).ok()?;
    if zip64[..4] != ZIP64_EOCD {
        return Some(count);
    }
    Some(u64::from_le_bytes(zip64[32..40].try_into().ok()?))
}

/// One entry's name and sizes.
struct Entry {
    index: usize,
    name: String,
    size: u64,
}

/// Names, kinds, methods and ratios of every entry, without reading data.
fn structure<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    out: &mut Vec<Diagnostic>,
) -> Option<Vec<Entry>> {
    let archive_has_duplicates = archive.has_duplicate_names();
    if archive_has_duplicates {
        out.push(d(
            &diags::DUPLICATE,
            "ZIP 中有重名的条目".into(),
            "the ZIP holds entries with the same name".into(),
        ));
    }
    let mut seen = HashSet::new();
    let mut entries = Vec::new();
    for index in 0..archive.len() {
        let file = match archive.by_index_raw(index) {
            Ok(file) => file,
            Err(err) => {
                out.push(d(
                    &diags::NOT_A_ZIP,
                    format!("第 {} 个条目无法读取：{err}", index + 1),
                    format!("entry {} cannot be read: {err}", index + 1),
                ));
                return None;
            }
        };
        let raw = file.name_raw().to_vec();
        let name = String::from_utf8_lossy(&raw).into_owned();
        let shown = name.escape_debug().to_string();
        if !seen.insert(raw.clone()) && !archive_has_duplicates {
            out.push(d(
                &diags::DUPLICATE,
                format!("条目 {shown} 出现了不止一次"),
                format!("entry {shown} appears more than once"),
            ));
        }
        if let Some(why) = unsafe_entry_name(&raw) {
            out.push(d(
                &diags::UNSAFE_PATH,
                format!("条目名称 {shown} 不安全：{why}"),
                format!("entry name {shown} is unsafe: {why}"),
            ));
        }
        if file.is_symlink() {
            out.push(d(
                &diags::SYMLINK,
                format!("条目 {shown} 是符号链接"),
                format!("entry {shown} is a symbolic link"),
            ));
        }
        if file.encrypted() {
            out.push(d(
                &diags::ENCRYPTED,
                format!("条目 {shown} 已加密"),
                format!("entry {shown} is encrypted"),
            ));
        }
        if !matches!(
            file.compression(),
            CompressionMethod::Stored | CompressionMethod::Deflated
        ) {
            out.push(d(
                &diags::METHOD,
                format!("条目 {shown} 使用了 {:?} 压缩", file.compression()),
                format!("entry {shown} uses {:?} compression", file.compression()),
            ));
        }
        let (size, packed) = (file.size(), file.compressed_size());
        if size > RATIO_FLOOR && size > packed.saturating_mul(MAX_RATIO) {
            out.push(d(
                &diags::SIZE,
                format!("条目 {shown} 声称由 {packed} 字节解压为 {size} 字节（压缩炸弹）"),
                format!("entry {shown} claims {packed} bytes inflate to {size} (a zip bomb)"),
            ));
        }
        if !name.ends_with('/') {
            entries.push(Entry { index, name, size });
        }
    }
    Some(entries)
}

fn unsafe_entry_name(raw: &[u8]) -> Option<&'static str> {
    let Ok(name) = std::str::from_utf8(raw) else {
        return Some("not UTF-8");
    };
    if name.starts_with('/')
        || name.starts_with('\\')
        || (name.len() > 1 && name.as_bytes()[1] == b':')
    {
        Some("absolute path")
    } else if name.split('/').any(|part| part == "..") {
        Some("`..` component")
    } else if name.contains('\\') {
        Some("backslash")
    } else if name.chars().any(char::is_control) {
        Some("control character")
    } else if name.contains('%') {
        Some("`%`")
    } else {
        None
    }
}

/// Read an entry in full, counting bytes against its declared size.
fn read_entry<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    entry: &Entry,
    limit: u64,
    mut sink: impl FnMut(&[u8]),
) -> Result<u64, Box<Diagnostic>> {
    let shown = entry.name.escape_debug().to_string();
    let unreadable = |err: &dyn std::fmt::Display| {
        Box::new(d(
            &diags::NOT_A_ZIP,
            format!("条目 {shown} 无法读取：{err}"),
            format!("entry {shown} cannot be read: {err}"),
        ))
    };
    let mut file = archive
        .by_index(entry.index)
        .map_err(|err| unreadable(&err))?;
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    loop {
        let n = match file.read(&mut buf) {
            Ok(n) => n,
            Err(err) if err.to_string().to_ascii_lowercase().contains("checksum") => {
                return Err(Box::new(d(
                    &diags::CRC,
                    format!("条目 {shown} 的 CRC 校验失败"),
                    format!("entry {shown} fails its CRC check"),
                )));
            }
            Err(err) => return Err(unreadable(&err)),
        };
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > limit {
            return Err(Box::new(d(
                &diags::SIZE,
                format!("条目 {shown} 超过声明的 {limit} 字节"),
                format!("entry {shown} is larger than its declared {limit} bytes"),
            )));
        }
        sink(&buf[..n]);
    }
    if total != entry.size {
        return Err(Box::new(d(
            &diags::SIZE,
            format!("条目 {shown} 有 {total} 字节，声明为 {} 字节", entry.size),
            format!(
                "entry {shown} has {total} bytes; {} were declared",
                entry.size
            ),
        )));
    }
    Ok(total)
}
