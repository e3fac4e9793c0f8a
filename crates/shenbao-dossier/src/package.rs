//! Writing a dossier: a BagIt bag in a ZIP, deterministic and streamed. Each
//! attachment is read once: the same pass hashes it and writes it (the ZIP
//! writer computes the CRC). Entries are sorted by name, with fixed times and
//! permissions, so the same inputs and key give the same bytes.

use super::bag::{self, BAGIT, BAGIT_TXT, BAG_INFO, MANIFEST, SIGNATURE, SIGNER_KEY, TAG_MANIFEST};
use super::keys::key_id;
use sha2::{Digest, Sha256};
use shenbao_check::call::CallProfile;
use shenbao_check::model::Declaration;
use shenbao_load::Document;
use shenbao_pdf::code::VerificationCode;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The name of the form inside the bag.
pub const FORM_NAME: &str = "申报书.pdf";
pub const DECLARATION_NAME: &str = "shenbao.yaml";

/// What a package run produced.
pub struct Packaged {
    pub id: String,
    pub code: VerificationCode,
    pub key_id: String,
    /// Payload files and bytes (the Payload-Oxum).
    pub files: usize,
    pub bytes: u64,
}

/// A name refused inside a dossier, and why.
pub fn unsafe_name(name: &str) -> Option<&'static str> {
    if name.chars().any(char::is_control) {
        Some("control character or line break")
    } else if name.contains('%') {
        Some("`%`")
    } else if name.contains('\\') {
        Some("backslash")
    } else {
        None
    }
}

/// Text is deflated; PDFs, images and other compressed formats are stored.
fn method_for(name: &str) -> CompressionMethod {
    let lower = name.to_ascii_lowercase();
    if [
        ".yaml", ".yml", ".txt", ".pub", ".minisig", ".csv", ".json", ".xml",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
    {
        CompressionMethod::Deflated
    } else {
        CompressionMethod::Stored
    }
}

pub fn options(name: &str, size: u64) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(method_for(name))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
        .system(zip::System::Unix)
        .large_file(size >= 0xFFFF_0000)
}

/// The dossier id, also its top folder: the credit code and the submission
/// date (known before any file is read, so entries can be streamed).
pub fn dossier_id(declaration: &Declaration) -> String {
    format!(
        "shenbao-{}-{}",
        declaration.applicant.credit_code,
        declaration.submission.date.replace('-', "")
    )
}

struct Payload {
    /// Path inside `data/` (NFC).
    name: String,
    source: Source,
}

enum Source {
    File(PathBuf, u64),
    Bytes(Vec<u8>),
}

/// Write the dossier for a validated document to `out` (a temp file). `raw`
/// is the declaration's bytes.
pub fn write<W: Write + Read + Seek>(
    out: W,
    document: &Document,
    raw: &[u8],
    profile: &CallProfile,
    secret: &minisign::SecretKey,
    public: &minisign::PublicKey,
) -> Result<Packaged, String> {
    let value = document
        .value
        .as_ref()
        .ok_or("the declaration cannot be read")?;
    let declaration = Declaration::from_value(value).map_err(|e| e.to_string())?;
    let dir = document.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let key = key_id(public.keynum());
    let id = dossier_id(&declaration);

    let mut payload = vec![Payload {
        name: DECLARATION_NAME.to_string(),
        source: Source::Bytes(raw.to_vec()),
    }];
    for attachment in &declaration.attachments {
        let name: String = attachment.path.nfc().collect();
        if let Some(why) = unsafe_name(&name) {
            return Err(format!(
                "attachment name `{}` is refused in a dossier: {why}",
                name.escape_debug()
            ));
        }
        let path = dir.join(&attachment.path);
        let size = std::fs::metadata(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .len();
        payload.push(Payload {
            name,
            source: Source::File(path, size),
        });
    }
    payload.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));

    // Payload first, each attachment hashed while it is written (one read);
    // the form needs those hashes for its code, so it follows; the tag files
    // need everything, so they come last. The central directory is sorted by
    // name at the end, so listings show the bag in order.
    let mut zip = ZipWriter::new(out);
    let mut digests: Vec<(String, [u8; 32])> = Vec::new();
    let mut by_path: Vec<(String, [u8; 32])> = Vec::new();
    let mut total: u64 = 0;
    for item in &payload {
        let entry = format!("{id}/data/{}", item.name);
        let digest = match &item.source {
            Source::Bytes(bytes) => {
                zip.start_file(entry.clone(), options(&entry, bytes.len() as u64))
                    .map_err(|e| e.to_string())?;
                zip.write_all(bytes).map_err(|e| e.to_string())?;
                total += bytes.len() as u64;
                Sha256::digest(bytes).into()
            }
            Source::File(path, size) => {
                zip.start_file(entry.clone(), options(&entry, *size))
                    .map_err(|e| e.to_string())?;
                let (digest, copied) = stream_into(path, &mut zip)?;
                if copied != *size {
                    return Err(format!(
                        "{} changed size while it was packaged",
                        path.display()
                    ));
                }
                total += copied;
                digest
            }
        };
        by_path.push((item.name.clone(), digest));
        digests.push((format!("data/{}", item.name), digest));
    }

    let attachment_digests: Vec<(&str, [u8; 32])> = declaration
        .attachments
        .iter()
        .map(|a| {
            let nfc: String = a.path.nfc().collect();
            let digest = by_path
                .iter()
                .find(|(n, _)| *n == nfc)
                .map(|(_, d)| *d)
                .unwrap_or_default();
            (a.path.as_str(), digest)
        })
        .collect();
    let form =
        shenbao_form::render_with_digests(document, raw, profile, Some(&key), &attachment_digests)
            .map_err(|problems| {
                problems
                    .iter()
                    .map(|d| d.message.en.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            })?;
    let form_entry = format!("{id}/data/{FORM_NAME}");
    zip.start_file(form_entry, options(FORM_NAME, form.pdf.len() as u64))
        .map_err(|e| e.to_string())?;
    zip.write_all(&form.pdf).map_err(|e| e.to_string())?;
    digests.push((
        format!("data/{FORM_NAME}"),
        Sha256::digest(&form.pdf).into(),
    ));
    total += form.pdf.len() as u64;
    let files = payload.len() + 1;

    let category = profile
        .category_of(&declaration.project.category)
        .map(|c| format!("{}.{}", c.number, c.name))
        .unwrap_or_default();
    let info = bag::bag_info(&[
        ("Source-Organization", declaration.applicant.name.clone()),
        (
            "Organization-Address",
            declaration.applicant.address.clone(),
        ),
        ("Contact-Name", declaration.applicant.contact.name.clone()),
        ("Contact-Phone", declaration.applicant.contact.phone.clone()),
        ("Contact-Email", declaration.applicant.contact.email.clone()),
        (
            "External-Identifier",
            declaration.applicant.credit_code.clone(),
        ),
        ("External-Description", declaration.project.name.clone()),
        ("Bagging-Date", declaration.submission.date.clone()),
        ("Payload-Oxum", format!("{total}.{files}")),
        (
            "Bag-Software-Agent",
            format!("shenbao {}", env!("CARGO_PKG_VERSION")),
        ),
        ("Shenbao-Call", profile.id.clone()),
        ("Shenbao-Category", category),
        ("Shenbao-Recommender", declaration.recommender.name.clone()),
        ("Shenbao-Form-Code", form.code.short()),
        ("Shenbao-Signer", key.clone()),
    ]);
    let trusted = format!(
        "shenbao dossier {id} code {} signer {key}",
        form.code.short()
    );
    finish_bag(
        zip,
        &id,
        &digests,
        info,
        &trusted,
        "shenbao dossier signature",
        secret,
        public,
    )?;
    Ok(Packaged {
        id,
        code: form.code,
        key_id: key,
        files,
        bytes: total,
    })
}

/// Close a bag whose payload is written: the tag files (bagit.txt, bag-info,
/// manifest, tag manifest), the signature of the tag manifest and the signer's
/// public key; then the central directory is sorted by name.
#[allow(clippy::too_many_arguments)] // the bag's parts and the key pair: all needed
pub fn finish_bag<W: Write + Read + Seek>(
    mut zip: ZipWriter<W>,
    id: &str,
    payload_digests: &[(String, [u8; 32])],
    info: String,
    trusted_comment: &str,
    untrusted_comment: &str,
    secret: &minisign::SecretKey,
    public: &minisign::PublicKey,
) -> Result<W, String> {
    let tags = [
        (BAGIT, BAGIT_TXT.as_bytes().to_vec()),
        (BAG_INFO, info.into_bytes()),
        (MANIFEST, bag::manifest(payload_digests).into_bytes()),
    ];
    let tag_manifest = bag::manifest(
        &tags
            .iter()
            .map(|(name, bytes)| (name.to_string(), Sha256::digest(bytes).into()))
            .collect::<Vec<_>>(),
    );
    let signature = super::sign::sign(
        secret,
        tag_manifest.as_bytes(),
        trusted_comment,
        untrusted_comment,
    )?;
    let public_text = public.to_box().map_err(|e| e.to_string())?.to_string();
    let mut tag_files: Vec<(&str, Vec<u8>)> = tags.into_iter().collect();
    tag_files.push((TAG_MANIFEST, tag_manifest.into_bytes()));
    tag_files.push((SIGNATURE, signature.into_bytes()));
    tag_files.push((SIGNER_KEY, public_text.into_bytes()));
    for (name, bytes) in &tag_files {
        zip.start_file(format!("{id}/{name}"), options(name, bytes.len() as u64))
            .map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())?;
    }
    let mut out = zip.finish().map_err(|e| e.to_string())?;
    super::central::sort_central_directory(&mut out).map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())?;
    Ok(out)
}

/// Copy a file into the open ZIP entry, hashing the same bytes: the reading
/// thread writes each chunk (the ZIP writer computes its CRC) while a second
/// thread hashes it, so SHA-256 does not wait on I/O. At most a few chunks are
/// in flight, so memory stays flat whatever the file's size.
fn stream_into(path: &Path, out: &mut impl Write) -> Result<([u8; 32], u64), String> {
    const CHUNK: usize = 1 << 20;
    let mut file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (to_hasher, chunks) = std::sync::mpsc::sync_channel::<std::sync::Arc<Vec<u8>>>(4);
    std::thread::scope(|scope| {
        let hasher = scope.spawn(move || {
            let mut hasher = Sha256::new();
            for chunk in chunks {
                hasher.update(chunk.as_slice());
            }
            <[u8; 32]>::from(hasher.finalize())
        });
        let mut copied = 0u64;
        let result = loop {
            let mut chunk = vec![0u8; CHUNK];
            let n = match read_full(&mut file, &mut chunk) {
                Ok(n) => n,
                Err(e) => break Err(format!("{}: {e}", path.display())),
            };
            if n == 0 {
                break Ok(());
            }
            chunk.truncate(n);
            if let Err(e) = out.write_all(&chunk) {
                break Err(e.to_string());
            }
            copied += n as u64;
            if to_hasher.send(std::sync::Arc::new(chunk)).is_err() {
                break Err("the hashing thread stopped".to_string());
            }
        };
        drop(to_hasher);
        let digest = hasher
            .join()
            .map_err(|_| "the hashing thread failed".to_string())?;
        result.map(|()| (digest, copied))
    })
}

/// Fill `buf` as far as the file allows (short reads are retried).
fn read_full(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}
