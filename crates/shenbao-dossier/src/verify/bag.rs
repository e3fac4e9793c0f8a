//! The bag inside the ZIP: tag files, signature, manifests and every payload
//! hash. What follows depends on the bag's kind: a dossier's declaration is
//! checked (declaration.rs); a recommendation bundle's list is returned.

use super::{contents, d, declaration, read_entry, Bundle, Entry, VerifyOptions, MAX_TAG_BYTES};
use crate::bag::{
    self, BAGIT, BAG_INFO, FORWARDED, KIND_FIELD, MANIFEST, RECOMMENDATION, REFERENCE_FIELD,
    SIGNATURE, SIGNER_KEY, TAG_FILES, TAG_MANIFEST,
};
use crate::diags;
use crate::minisign::{PublicKey, Signature, VerifyError};
use sha2::{Digest, Sha256};
use shenbao_diagnostic::{Diagnostic, Text};
use shenbao_pdf::code::{hex, normalise};
use std::collections::{BTreeMap, HashSet};
use std::io::Read;

pub(super) fn check_bag<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    entries: &[Entry],
    options: &VerifyOptions,
    out: &mut Vec<Diagnostic>,
) -> Option<Bundle> {
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
            return None;
        }
    };
    let mut tags: BTreeMap<&str, Vec<u8>> = BTreeMap::new();
    for name in TAG_FILES {
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
        return None;
    }
    let text = |name: &str| String::from_utf8_lossy(&tags[name]).into_owned();
    let info = bag::parse_bag_info(&text(BAG_INFO));
    let field = |key: &str| info.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let is_bundle = field(KIND_FIELD).as_deref() == Some(RECOMMENDATION);
    if !is_bundle {
        // The top folder is the dossier id (package.rs `dossier_id`).
        let id = format!(
            "shenbao-{}-{}",
            field("External-Identifier").unwrap_or_default(),
            field("Bagging-Date").unwrap_or_default().replace('-', "")
        );
        if top != id {
            let shown = top.escape_debug();
            out.push(d(
                &diags::NOT_CANONICAL,
                format!("ZIP 不是规范形式：顶层文件夹 {shown} 不是材料包编号 {id}"),
                format!("the ZIP is not in canonical form: the top folder {shown} is not the dossier id {id}"),
            ));
        }
    }
    let forwarded_name = format!("data/{FORWARDED}");
    let mut forwarded_text: Option<Vec<u8>> = None;

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
            return None;
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
            return None;
        }
    };
    if manifest.len() > super::MAX_PAYLOAD_FILES {
        out.push(d(
            &diags::TOO_MANY_FILES,
            format!(
                "{MANIFEST} 有 {} 行，超过上限 {}，未核对",
                manifest.len(),
                super::MAX_PAYLOAD_FILES
            ),
            format!(
                "{MANIFEST} has {} lines, over the limit of {}; not checked",
                manifest.len(),
                super::MAX_PAYLOAD_FILES
            ),
        ));
        return None;
    }
    let listed: BTreeMap<&str, &str> = manifest
        .iter()
        .map(|(p, h)| (p.as_str(), h.as_str()))
        .collect();
    let prefix = format!("{top}/");
    let tag_names: HashSet<String> = TAG_FILES.iter().map(|n| format!("{prefix}{n}")).collect();
    let mut payload_digests: BTreeMap<String, String> = BTreeMap::new();
    let mut packed = contents::Packed::default();
    // Listed files whose entry could not be read: already reported.
    let mut unreadable: HashSet<String> = HashSet::new();
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
        // A bundle's list of dossiers is read as it is hashed (it is small).
        let keep = is_bundle && relative == forwarded_name && entry.size <= MAX_TAG_BYTES;
        let mut kept = Vec::new();
        // A dossier's files are looked at as they are hashed, for the
        // attachment rules (contents.rs).
        let mut reading = (!is_bundle).then(|| contents::reading(&relative, entry.size));
        let read = read_entry(archive, entry, entry.size, |chunk| {
            hasher.update(chunk);
            if keep {
                kept.extend_from_slice(chunk);
            }
            if let Some(reading) = &mut reading {
                reading.update(chunk);
            }
        });
        if keep && read.is_ok() {
            forwarded_text = Some(kept);
        }
        match read {
            Ok(size) => {
                oxum_bytes += size;
                oxum_files += 1;
                let digest: [u8; 32] = hasher.finalize().into();
                let actual = hex(&digest);
                if let Some(reading) = reading {
                    packed.add(&relative, reading, digest);
                }
                if actual != *expected {
                    out.push(d(
                        &diags::HASH,
                        format!("{relative} 已被修改（SHA-256 与清单不符）"),
                        format!("{relative} was modified (SHA-256 differs from the manifest)"),
                    ));
                }
                payload_digests.insert(relative, actual);
            }
            Err(problem) => {
                out.push(*problem);
                unreadable.insert(relative);
            }
        }
    }
    // Hash lookups only: a manifest of many lines costs linear time.
    for path in listed.keys() {
        if !payload_digests.contains_key(*path) && !unreadable.contains(*path) {
            out.push(d(
                &diags::MISSING_FILE,
                format!("清单中的 {path} 不在包内"),
                format!("{path}, listed in the manifest, is missing"),
            ));
        }
    }
    if let Some((_, oxum)) = info.iter().find(|(k, _)| k == "Payload-Oxum") {
        if *oxum != format!("{oxum_bytes}.{oxum_files}") {
            out.push(d(
                &diags::HASH,
                format!("Payload-Oxum 为 {oxum}，实际为 {oxum_bytes}.{oxum_files}"),
                format!("Payload-Oxum says {oxum}; the payload is {oxum_bytes}.{oxum_files}"),
            ));
        }
    }
    if is_bundle {
        let office = field("Source-Organization").unwrap_or_default();
        bundle_trust(&office, signer_id.as_deref(), options, out);
        let bundle = forwarded(
            forwarded_text.as_deref(),
            office,
            field("Bagging-Date").and_then(|d| shenbao_check::date::Date::parse(&d)),
            field("Shenbao-Dossiers").and_then(|n| n.parse().ok()),
            signer_id,
            out,
        );
        if let (Some(paper), Some(list)) = (options.paper_code, &forwarded_text) {
            let code = shenbao_pdf::code::letter_code(&shenbao_pdf::code::LetterCodeInput {
                office: &bundle.office,
                date: &field("Bagging-Date").unwrap_or_default(),
                reference: &field(REFERENCE_FIELD).unwrap_or_default(),
                list: &String::from_utf8_lossy(list),
                signer: bundle.signer.as_deref().unwrap_or_default(),
            });
            if normalise(paper) != normalise(&code.short()) {
                out.push(d(
                    &diags::PAPER_CODE,
                    format!(
                        "推荐意见函上的校验码 {paper} 与推荐材料包的 {} 不符",
                        code.short()
                    ),
                    format!(
                        "the letter's code {paper} does not match this bundle's {}",
                        code.short()
                    ),
                ));
            }
        }
        return Some(bundle);
    }
    declaration::check_declaration(
        archive,
        entries,
        &prefix,
        &payload_digests,
        &packed,
        options,
        out,
    );
    None
}

/// A bundle speaks for an office: it must be signed by a trusted key (a
/// warning for a dossier, an error here), and a key given for one office
/// cannot sign for another.
fn bundle_trust(
    office: &str,
    signer: Option<&str>,
    options: &VerifyOptions,
    out: &mut Vec<Diagnostic>,
) {
    for problem in out
        .iter_mut()
        .filter(|p| p.code == diags::UNTRUSTED_KEY.code)
    {
        problem.severity = shenbao_diagnostic::Severity::Error;
        problem.help = Some(Text::new(
            "向推荐单位索取公钥，用 --office-key 推荐单位=公钥文件 指定",
            "get the office's public key and pass it with --office-key OFFICE=KEY.pub",
        ));
    }
    let bound = signer.and_then(|id| {
        let i = options
            .trusted
            .iter()
            .position(|key| key.id().to_string() == id)?;
        options.trusted_offices.get(i)?.as_ref()
    });
    if let Some(owner) = bound.filter(|owner| owner.as_str() != office) {
        out.push(
            d(
                &diags::UNTRUSTED_KEY,
                format!("签名密钥属于{owner}，推荐材料包却自称来自{office}"),
                format!(
                    "the signing key is {owner}'s, but the bundle claims to come from {office}"
                ),
            )
            .severity(shenbao_diagnostic::Severity::Error),
        );
    }
}

/// More dossiers than any office may forward (R3 allows 10 plus 2 per
/// demonstration city): a list longer than this is not a recommendation.
const MAX_FORWARDED: usize = 200;

/// A bundle's claims: its office, date and the dossiers it lists. A list that
/// is malformed, repeats itself or disagrees with the signed count is refused.
fn forwarded(
    list: Option<&[u8]>,
    office: String,
    date: Option<shenbao_check::date::Date>,
    count: Option<usize>,
    signer: Option<String>,
    out: &mut Vec<Diagnostic>,
) -> Bundle {
    let mut bad = |zh: String, en: String| out.push(d(&diags::NOT_A_BAG, zh, en));
    let mut dossiers = match list.map(|bytes| bag::parse_manifest(&String::from_utf8_lossy(bytes)))
    {
        Some(Ok(dossiers)) => dossiers,
        Some(Err(line)) => {
            bad(
                format!("{FORWARDED} 第 {line} 行格式不对"),
                format!("{FORWARDED} line {line} is malformed"),
            );
            Vec::new()
        }
        None => {
            bad(
                format!("推荐材料包中没有所推荐项目的清单 data/{FORWARDED}"),
                format!("the bundle has no list of forwarded dossiers (data/{FORWARDED})"),
            );
            Vec::new()
        }
    };
    let names: HashSet<&str> = dossiers.iter().map(|(n, _)| n.as_str()).collect();
    let digests: HashSet<&str> = dossiers.iter().map(|(_, h)| h.as_str()).collect();
    if names.len() != dossiers.len() || digests.len() != dossiers.len() {
        bad(
            format!("{FORWARDED} 重复列出了同一个材料包"),
            format!("{FORWARDED} lists the same dossier more than once"),
        );
    }
    if count != Some(dossiers.len()) || dossiers.len() > MAX_FORWARDED {
        bad(
            format!(
                "{FORWARDED} 列出 {} 个材料包，bag-info.txt 的 Shenbao-Dossiers 为 {}",
                dossiers.len(),
                count.map_or("（缺）".to_string(), |n| n.to_string())
            ),
            format!(
                "{FORWARDED} lists {} dossiers; bag-info.txt's Shenbao-Dossiers says {}",
                dossiers.len(),
                count.map_or("nothing".to_string(), |n| n.to_string())
            ),
        );
    }
    if date.is_none() {
        bad(
            "推荐材料包的 bag-info.txt 没有有效的 Bagging-Date（推荐意见函日期）".into(),
            "the bundle's bag-info.txt has no valid Bagging-Date (the letter's date)".into(),
        );
    }
    // A list that failed any of these is not acted on.
    if out.iter().any(Diagnostic::is_error) {
        dossiers.clear();
    }
    Bundle {
        office,
        signer,
        date,
        dossiers,
    }
}

/// Verify the minisign signature; returns the signer's key id.
pub(super) fn check_signature(
    tag_manifest: &str,
    signature: &str,
    signer_key: &str,
    options: &VerifyOptions,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let sig = match Signature::parse(signature) {
        Ok(sig) => sig,
        Err(why) => {
            let why = why.text();
            out.push(d(
                &diags::SIGNATURE,
                format!("签名文件无法解析：{}", why.zh),
                format!("the signature file cannot be parsed: {}", why.en),
            ));
            return None;
        }
    };
    let embedded = PublicKey::parse(signer_key).ok();
    let embedded_id = embedded.as_ref().map(|key| key.id().to_string());
    let key = if options.trusted.is_empty() {
        embedded
    } else {
        match embedded
            .as_ref()
            .and_then(|key| options.trusted.iter().find(|t| t.id() == key.id()))
        {
            Some(trusted) => Some(trusted.clone()),
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
                    .severity(shenbao_diagnostic::Severity::Error),
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
    match key.verify(tag_manifest.as_bytes(), &sig) {
        Ok(()) => {}
        Err(VerifyError::Legacy) => {
            let why = VerifyError::Legacy.text();
            out.push(d(&diags::SIGNATURE, why.zh, why.en));
            return embedded_id;
        }
        Err(_) => {
            out.push(d(&diags::SIGNATURE, "签名验证失败：标签清单在签名后被修改，或签名不是该密钥所签".into(), "the signature does not verify: the tag manifest changed after signing, or another key signed it".into()));
            return embedded_id;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(list: &str, count: Option<usize>, date: Option<&str>) -> (Vec<&'static str>, usize) {
        let mut out = Vec::new();
        let bundle = forwarded(
            Some(list.as_bytes()),
            "江苏省".into(),
            date.and_then(shenbao_check::date::Date::parse),
            count,
            None,
            &mut out,
        );
        (out.iter().map(|d| d.code).collect(), bundle.dossiers.len())
    }

    #[test]
    fn a_list_that_repeats_or_miscounts_is_not_acted_on() {
        let a = format!("{}  a.zip\n", "a".repeat(64));
        let b = format!("{}  b.zip\n", "b".repeat(64));
        let date = Some("2021-03-30");
        assert_eq!(codes(&format!("{a}{b}"), Some(2), date), (vec![], 2));
        let twice = format!("{a}{a}");
        assert_eq!(codes(&twice, Some(2), date), (vec!["Z011"], 0));
        assert_eq!(codes(&format!("{a}{b}"), Some(3), date), (vec!["Z011"], 0));
        assert_eq!(codes(&format!("{a}{b}"), Some(2), None), (vec!["Z011"], 0));
        assert_eq!(codes("not a list\n", Some(1), date).1, 0);
    }
}
