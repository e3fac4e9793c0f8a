//! Checking a dossier without extracting it: the ZIP's structure (everything
//! a hostile archive could abuse), the bag's manifests and hashes (each entry
//! streamed once, bytes counted against the declared size), the signature, the
//! declaration inside, and optionally the code printed on the paper form.

use super::bag::{self, BAGIT, BAG_INFO, MANIFEST, SIGNATURE, SIGNER_KEY, TAG_MANIFEST};
use super::diags;
use super::keys;
use crate::call::CallProfile;
use crate::date::Date;
use crate::declaration::{Document, LoadOptions};
use crate::diagnostic::{Diagnostic, Text};
use crate::form::code::{hex, normalise, CodeInput, VerificationCode};
use crate::rules::{self, CheckOptions};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;
use zip::CompressionMethod;

/// Tag files are small; anything larger is not ours.
const MAX_TAG_BYTES: u64 = 4 * 1024 * 1024;
/// An entry inflating more than this many times its compressed size, beyond
/// a few MiB, is treated as a bomb (text deflates 3–10×, PDFs are stored).
const MAX_RATIO: u64 = 100;
const RATIO_FLOOR: u64 = 8 * 1024 * 1024;

/// What `verify` checks against.
pub struct VerifyOptions<'a> {
    pub trusted: &'a [minisign_verify::PublicKey],
    pub trusted_ids: &'a [String],
    pub paper_code: Option<&'a str>,
    pub profile: &'a CallProfile,
    pub as_of: Option<Date>,
}

fn d(rule: &crate::diagnostic::Rule, zh: String, en: String) -> Diagnostic {
    Diagnostic::new(rule.code, Text::new(zh, en))
}

/// Every problem with the dossier at `path`.
pub fn verify(path: &Path, options: &VerifyOptions) -> Vec<Diagnostic> {
    match std::fs::File::open(path) {
        Ok(file) => verify_reader(file, options),
        Err(err) => vec![crate::declaration::file_error(
            &path.display().to_string(),
            &err,
        )],
    }
}

/// Every problem with the dossier that `reader` reads (intake passes one that
/// also hashes the file as it goes).
pub fn verify_reader<R: Read + std::io::Seek>(
    reader: R,
    options: &VerifyOptions,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut archive = match zip::ZipArchive::new(reader) {
        Ok(archive) => archive,
        Err(err) => {
            return vec![d(
                &diags::NOT_A_ZIP,
                format!("无法作为 ZIP 读取：{err}"),
                format!("cannot be read as a ZIP: {err}"),
            )
            .help(Text::new(
                "重新复制或下载完整的材料包",
                "copy or download the complete dossier again",
            ))]
        }
    };
    if archive.offset() != 0 {
        out.push(d(
            &diags::JUNK,
            format!("ZIP 之前有 {} 字节的其他数据", archive.offset()),
            format!("{} bytes of other data precede the ZIP", archive.offset()),
        ));
    }
    let Some(entries) = structure(&mut archive, &mut out) else {
        return out;
    };
    if let Err(err) = archive.validate_header_consistency() {
        out.push(d(
            &diags::HEADER_MISMATCH,
            format!("本地文件头与中央目录不一致：{err}"),
            format!("local headers disagree with the central directory: {err}"),
        ));
        return out;
    }
    if out.iter().any(Diagnostic::is_error) {
        return out; // a hostile archive: read nothing from it
    }
    check_bag(&mut archive, &entries, options, &mut out);
    out
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

fn check_bag<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    entries: &[Entry],
    options: &VerifyOptions,
    out: &mut Vec<Diagnostic>,
) {
    let tops: HashSet<&str> = entries
        .iter()
        .map(|e| e.name.split('/').next().unwrap_or(""))
        .collect();
    let top = match tops.iter().next() {
        Some(top) if tops.len() == 1 && entries.iter().all(|e| e.name.contains('/')) => {
            top.to_string()
        }
        _ => {
            out.push(d(
                &diags::NOT_A_BAG,
                "没有唯一的顶层文件夹".into(),
                "there is no single top folder".into(),
            ));
            return;
        }
    };
    let mut tags: BTreeMap<&str, Vec<u8>> = BTreeMap::new();
    for name in [
        BAGIT,
        BAG_INFO,
        MANIFEST,
        TAG_MANIFEST,
        SIGNATURE,
        SIGNER_KEY,
    ] {
        let full = format!("{top}/{name}");
        let Some(entry) = entries.iter().find(|e| e.name == full) else {
            out.push(d(
                &diags::NOT_A_BAG,
                format!("缺少 {name}"),
                format!("{name} is missing"),
            ));
            continue;
        };
        let mut bytes = Vec::new();
        match read_entry(archive, entry, MAX_TAG_BYTES.min(entry.size), |chunk| {
            bytes.extend_from_slice(chunk)
        }) {
            Ok(_) => {
                tags.insert(name, bytes);
            }
            Err(problem) => out.push(*problem),
        }
    }
    if tags.len() < 6 {
        return;
    }
    let text = |name: &str| String::from_utf8_lossy(&tags[name]).into_owned();

    // The signature covers the tag manifest; the tag manifest covers the rest.
    let signer_id = check_signature(
        &text(TAG_MANIFEST),
        &text(SIGNATURE),
        &text(SIGNER_KEY),
        options,
        out,
    );
    let tag_manifest = match bag::parse_manifest(&text(TAG_MANIFEST)) {
        Ok(m) => m,
        Err(line) => {
            out.push(d(
                &diags::NOT_A_BAG,
                format!("{TAG_MANIFEST} 第 {line} 行格式不对"),
                format!("{TAG_MANIFEST} line {line} is malformed"),
            ));
            return;
        }
    };
    for (name, digest) in &tag_manifest {
        match tags.get(name.as_str()) {
            Some(bytes) if hex(&Sha256::digest(bytes)) == *digest => {}
            Some(_) => out.push(d(
                &diags::HASH,
                format!("{name} 已被修改（哈希与标签清单不符）"),
                format!("{name} was modified (hash differs from the tag manifest)"),
            )),
            None => out.push(d(
                &diags::MISSING_FILE,
                format!("标签清单列出的 {name} 不在包内"),
                format!("{name}, listed in the tag manifest, is missing"),
            )),
        }
    }
    for required in [BAGIT, BAG_INFO, MANIFEST] {
        if !tag_manifest.iter().any(|(n, _)| n == required) {
            out.push(d(
                &diags::EXTRA_FILE,
                format!("{required} 不在标签清单中（未受签名保护）"),
                format!("{required} is not in the tag manifest (not covered by the signature)"),
            ));
        }
    }
    let manifest = match bag::parse_manifest(&text(MANIFEST)) {
        Ok(m) => m,
        Err(line) => {
            out.push(d(
                &diags::NOT_A_BAG,
                format!("{MANIFEST} 第 {line} 行格式不对"),
                format!("{MANIFEST} line {line} is malformed"),
            ));
            return;
        }
    };
    let listed: BTreeMap<&str, &str> = manifest
        .iter()
        .map(|(p, h)| (p.as_str(), h.as_str()))
        .collect();
    let prefix = format!("{top}/");
    let tag_names: HashSet<String> = [
        BAGIT,
        BAG_INFO,
        MANIFEST,
        TAG_MANIFEST,
        SIGNATURE,
        SIGNER_KEY,
    ]
    .iter()
    .map(|n| format!("{prefix}{n}"))
    .collect();
    let mut payload_digests: BTreeMap<String, String> = BTreeMap::new();
    let (mut oxum_bytes, mut oxum_files) = (0u64, 0u64);
    for entry in entries {
        if tag_names.contains(&entry.name) {
            continue;
        }
        let relative = entry
            .name
            .strip_prefix(&prefix)
            .unwrap_or(&entry.name)
            .to_string();
        if !relative.starts_with("data/") {
            out.push(d(
                &diags::EXTRA_FILE,
                format!("包内有清单之外的文件 {relative}"),
                format!("{relative} is not part of the bag"),
            ));
            continue;
        }
        let Some(expected) = listed.get(relative.as_str()) else {
            out.push(d(
                &diags::EXTRA_FILE,
                format!("{relative} 不在清单中"),
                format!("{relative} is not in the manifest"),
            ));
            continue;
        };
        let mut hasher = Sha256::new();
        match read_entry(archive, entry, entry.size, |chunk| hasher.update(chunk)) {
            Ok(size) => {
                oxum_bytes += size;
                oxum_files += 1;
                let actual = hex(&hasher.finalize());
                if actual != *expected {
                    out.push(d(
                        &diags::HASH,
                        format!("{relative} 已被修改（SHA-256 与清单不符）"),
                        format!("{relative} was modified (SHA-256 differs from the manifest)"),
                    ));
                }
                payload_digests.insert(relative, actual);
            }
            Err(problem) => out.push(*problem),
        }
    }
    for path in listed.keys() {
        if !payload_digests.contains_key(*path) && !out.iter().any(|d| d.message.en.contains(*path))
        {
            out.push(d(
                &diags::MISSING_FILE,
                format!("清单中的 {path} 不在包内"),
                format!("{path}, listed in the manifest, is missing"),
            ));
        }
    }
    let info = bag::parse_bag_info(&text(BAG_INFO));
    if let Some((_, oxum)) = info.iter().find(|(k, _)| k == "Payload-Oxum") {
        if *oxum != format!("{oxum_bytes}.{oxum_files}") {
            out.push(d(
                &diags::HASH,
                format!("Payload-Oxum 为 {oxum}，实际为 {oxum_bytes}.{oxum_files}"),
                format!("Payload-Oxum says {oxum}; the payload is {oxum_bytes}.{oxum_files}"),
            ));
        }
    }
    check_declaration(
        archive,
        entries,
        &prefix,
        &payload_digests,
        signer_id.as_deref(),
        options,
        out,
    );
}

/// Verify the minisign signature; returns the signer's key id.
fn check_signature(
    tag_manifest: &str,
    signature: &str,
    signer_key: &str,
    options: &VerifyOptions,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let Ok(sig) = minisign_verify::Signature::decode(signature) else {
        out.push(d(
            &diags::SIGNATURE,
            "签名文件无法解析".into(),
            "the signature file cannot be parsed".into(),
        ));
        return None;
    };
    let embedded_id = keys::public_key_id(signer_key);
    let embedded = keys::parse_public(signer_key).ok();
    let key = if options.trusted.is_empty() {
        embedded
    } else {
        match options
            .trusted_ids
            .iter()
            .position(|id| Some(id) == embedded_id.as_ref())
        {
            Some(i) => Some(options.trusted[i].clone()),
            None => {
                out.push(
                    d(
                        &diags::UNTRUSTED_KEY,
                        format!(
                            "签名密钥 {} 不在受信任的密钥中",
                            embedded_id.clone().unwrap_or_default()
                        ),
                        format!(
                            "the signing key {} is not one of the trusted keys",
                            embedded_id.clone().unwrap_or_default()
                        ),
                    )
                    .severity(crate::diagnostic::Severity::Error),
                );
                return embedded_id;
            }
        }
    };
    let Some(key) = key else {
        out.push(d(
            &diags::SIGNATURE,
            "包内的签名公钥无法解析".into(),
            "the signer's public key in the dossier cannot be parsed".into(),
        ));
        return None;
    };
    if key.verify(tag_manifest.as_bytes(), &sig, false).is_err() {
        out.push(d(&diags::SIGNATURE, "签名验证失败：标签清单在签名后被修改，或签名不是该密钥所签".into(), "the signature does not verify: the tag manifest changed after signing, or another key signed it".into()));
        return embedded_id;
    }
    if options.trusted.is_empty() {
        out.push(
            d(
                &diags::UNTRUSTED_KEY,
                format!(
                    "签名有效，但密钥 {} 未经 --trusted-key 确认",
                    embedded_id.clone().unwrap_or_default()
                ),
                format!(
                    "the signature is valid, but key {} was not checked against --trusted-key",
                    embedded_id.clone().unwrap_or_default()
                ),
            )
            .help(Text::new(
                "向申报单位索取公钥，用 --trusted-key 指定",
                "get the applicant's public key and pass it with --trusted-key",
            )),
        );
    }
    embedded_id
}

fn check_declaration<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    entries: &[Entry],
    prefix: &str,
    digests: &BTreeMap<String, String>,
    signer: Option<&str>,
    options: &VerifyOptions,
    out: &mut Vec<Diagnostic>,
) {
    let name = format!("{prefix}data/{}", super::package::DECLARATION_NAME);
    let Some(entry) = entries.iter().find(|e| e.name == name) else {
        out.push(d(
            &diags::NOT_A_BAG,
            "包内没有 data/shenbao.yaml".into(),
            "data/shenbao.yaml is missing".into(),
        ));
        return;
    };
    let mut raw = Vec::new();
    if let Err(problem) = read_entry(
        archive,
        entry,
        crate::declaration::MAX_FILE_BYTES.min(entry.size),
        |c| raw.extend_from_slice(c),
    ) {
        out.push(*problem);
        return;
    }
    let document = Document::from_bytes("data/shenbao.yaml", raw.clone(), LoadOptions::default());
    let check = CheckOptions {
        strict: false,
        as_of: options.as_of,
    };
    let problems: Vec<Diagnostic> = rules::check(&document, options.profile, check)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if !problems.is_empty() {
        let codes: Vec<String> = problems
            .iter()
            .map(|p| format!("{} {}", p.code, p.message.en))
            .collect();
        let codes_zh: Vec<String> = problems
            .iter()
            .map(|p| format!("{} {}", p.code, p.message.zh))
            .collect();
        out.push(d(
            &diags::DECLARATION,
            format!(
                "包内申报文件有 {} 个错误：{}",
                problems.len(),
                codes_zh.join("；")
            ),
            format!(
                "the declaration inside has {} error(s): {}",
                problems.len(),
                codes.join("; ")
            ),
        ));
    }
    let Some(paper) = options.paper_code else {
        return;
    };
    let Some(value) = &document.value else {
        return;
    };
    let attachments: Vec<(String, [u8; 32])> = value
        .pointer("/attachments")
        .and_then(serde_json::Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|a| a.get("path").and_then(serde_json::Value::as_str))
                .map(|p| {
                    let nfc: String = p.nfc().collect();
                    let digest = digests
                        .get(&format!("data/{nfc}"))
                        .map(|h| from_hex(h))
                        .unwrap_or_default();
                    (p.to_string(), digest)
                })
                .collect()
        })
        .unwrap_or_default();
    let code = VerificationCode::compute(&CodeInput {
        declaration_sha256: Sha256::digest(&raw).into(),
        attachments: attachments.iter().map(|(p, h)| (p.as_str(), *h)).collect(),
        signer,
    });
    if normalise(paper) != normalise(&code.short()) {
        out.push(d(
            &diags::PAPER_CODE,
            format!(
                "纸质申报书上的校验码 {paper} 与材料包的 {} 不符",
                code.short()
            ),
            format!(
                "the paper form's code {paper} does not match this dossier's {}",
                code.short()
            ),
        ));
    }
}

fn from_hex(text: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2).unwrap_or("00"), 16).unwrap_or(0);
    }
    out
}
