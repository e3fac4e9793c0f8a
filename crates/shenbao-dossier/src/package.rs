//! Writing a dossier: a BagIt bag in a ZIP, deterministic and streamed. Each
//! attachment is read once: the same pass hashes it and writes it (the ZIP
//! writer computes the CRC). Entries are sorted by name, with fixed times and
//! permissions, so the same inputs and key give the same bytes.

use super::bag::{self, BAGIT, BAGIT_TXT, BAG_INFO, MANIFEST, SIGNATURE, SIGNER_KEY, TAG_MANIFEST};
use super::diags;
use super::minisign::SecretKey;
use sha2::{Digest, Sha256};
use shenbao_check::call::CallProfile;
use shenbao_check::model::{Declaration, ModelError};
use shenbao_check::rules::attachments::files;
use shenbao_check::rules::attachments::folder::{Folder, Opened};
use shenbao_diagnostic::{io_reason, CodedError, Diagnostic, Text};
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

/// Why a dossier (or a bundle) could not be written. Each names the file.
#[derive(Debug)]
pub enum PackageError {
    /// Z027: an attachment cannot be opened or read.
    Attachment { path: PathBuf, reason: Text },
    /// Z027: an attachment's size changed while it was packaged.
    Changed { path: PathBuf },
    /// Z027: an attachment is not what validation saw (a folder, a device,
    /// too large, of another type): it changed since it was checked.
    Replaced { path: PathBuf, what: Text },
    /// T001: the attachment's path is a symlink, or passes through one, as
    /// packaging opens it: it became one since it was checked, or is one
    /// inside the folder, which a dossier does not follow.
    Link { path: PathBuf },
    /// T007: a name `validate` refuses (packaging checks it again).
    UnsafeName { name: String, why: &'static str },
    /// The declaration's own error (it passed validation before, so rare).
    Declaration(ModelError),
    /// The declaration cannot be read or the form rendered: the first problem
    /// (both pass validation first, so this is rare).
    Form(Box<Diagnostic>),
    /// Z028: the dossier could not be written.
    Write { output: PathBuf, reason: Text },
}

impl PackageError {
    /// Z028 for `output`.
    pub fn write(output: &Path, reason: Text) -> PackageError {
        PackageError::Write {
            output: output.to_path_buf(),
            reason,
        }
    }

    /// Z028 for `output`, from the operating system's error.
    pub fn io(output: &Path, err: &std::io::Error) -> PackageError {
        PackageError::write(output, io_reason(err))
    }

    /// Z028 for `output`, from the ZIP writer's error.
    pub fn zip(output: &Path, err: &zip::result::ZipError) -> PackageError {
        match err {
            zip::result::ZipError::Io(err) => PackageError::io(output, err),
            other => PackageError::write(
                output,
                Text::new(format!("ZIP 写入错误（{other}）"), other.to_string()),
            ),
        }
    }
}

impl std::fmt::Display for PackageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_diagnostic().message.en)
    }
}

impl std::error::Error for PackageError {}

impl CodedError for PackageError {
    fn to_diagnostic(&self) -> Diagnostic {
        match self {
            PackageError::Attachment { path, reason } => {
                let shown = shenbao_diagnostic::shown_path(path);
                Diagnostic::new(
                    &diags::ATTACHMENT_UNREADABLE,
                    Text::new(
                        format!("打包时无法读取附件 {shown}：{}；未生成材料包", reason.zh),
                        format!("cannot read the attachment {shown} while packaging: {}; no dossier was written", reason.en),
                    ),
                )
                .help(Text::new(
                    "确认附件存在、可读，然后重新打包",
                    "check that the attachment is there and readable, then package again",
                ))
            }
            PackageError::Changed { path } => {
                let shown = shenbao_diagnostic::shown_path(path);
                Diagnostic::new(
                    &diags::ATTACHMENT_UNREADABLE,
                    Text::new(
                        format!("附件 {shown} 在打包过程中被改动（大小变了）；未生成材料包"),
                        format!("the attachment {shown} changed (its size) while it was packaged; no dossier was written"),
                    ),
                )
                .help(Text::new(
                    "等附件复制或同步完成、不再改动后，重新打包",
                    "wait until the attachment is fully copied or synced and no longer changing, then package again",
                ))
            }
            PackageError::Replaced { path, what } => {
                let shown = shenbao_diagnostic::shown_path(path);
                Diagnostic::new(
                    &diags::ATTACHMENT_UNREADABLE,
                    Text::new(
                        format!("附件 {shown} 在检查之后被换掉了：{}；未生成材料包", what.zh),
                        format!("the attachment {shown} changed since it was checked: {}; no dossier was written", what.en),
                    ),
                )
                .help(Text::new(
                    "不要在打包时改动附件文件夹；放回原文件后重新打包",
                    "leave the attachments alone while packaging; put the right file back and package again",
                ))
            }
            PackageError::Link { path } => {
                let shown = shenbao_diagnostic::shown_path(path);
                Diagnostic::new(
                    &shenbao_check::rules::attachments::diags::UNSAFE_PATH,
                    Text::new(
                        format!("打包时附件 {shown} 是符号链接或经过符号链接（检查之后被换成了链接，或本来就是文件夹内的链接）；材料包只收普通文件，未生成材料包"),
                        format!("the attachment {shown} is a symlink, or leads through one, as it is packaged (it changed into a link since it was checked, or is a link inside the folder); a dossier takes plain files only, and none was written"),
                    ),
                )
                .help(Text::new(
                    "把链接换成文件本身（复制进 shenbao.yaml 所在文件夹），然后重新打包",
                    "replace the link with the file itself (copied into the folder of shenbao.yaml), then package again",
                ))
            }
            PackageError::UnsafeName { name, why } => {
                let shown = name.escape_debug();
                Diagnostic::new(
                    &shenbao_check::rules::attachments::diags::BAD_NAME,
                    Text::new(
                        format!("附件名 `{shown}` 不能放进材料包：{why}"),
                        format!("the attachment name `{shown}` is refused in a dossier: {why}"),
                    ),
                )
                .help(Text::new(
                    "给附件改名（去掉 %、反斜杠和控制字符），并改正申报文件中的路径",
                    "rename the attachment (without %, backslashes or control characters) and its path in the declaration",
                ))
            }
            PackageError::Declaration(err) => err.to_diagnostic(),
            PackageError::Form(diagnostic) => (**diagnostic).clone(),
            PackageError::Write { output, reason } => {
                let shown = shenbao_diagnostic::shown_path(output);
                Diagnostic::new(
                    &diags::BAG_NOT_WRITTEN,
                    Text::new(
                        format!("无法写入 {shown}：{}；没有留下不完整的文件", reason.zh),
                        format!(
                            "cannot write {shown}: {}; no partial file was left",
                            reason.en
                        ),
                    ),
                )
                .help(Text::new(
                    "腾出磁盘空间或换一个文件夹（-o），然后重新运行",
                    "free some space or choose another folder (-o), then run it again",
                ))
            }
        }
    }
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

/// An attachment as packaging reads it.
pub enum Source {
    /// Opened once on disk: the file checked, hashed and packed.
    File {
        path: PathBuf,
        file: std::fs::File,
        size: u64,
    },
    /// Held in memory (and the declaration itself).
    Bytes(Vec<u8>),
}

impl Source {
    fn size(&self) -> u64 {
        match self {
            Source::File { size, .. } => *size,
            Source::Bytes(bytes) => bytes.len() as u64,
        }
    }
}

/// Where packaging reads the attachments a declaration lists: the command
/// line from the declaration's folder ([`FromFolder`]), the web page from
/// the browser's `File` objects held in memory ([`FromMemory`]).
pub trait AttachmentSource {
    /// The attachment written `written` in the declaration, as it will be
    /// packed, or why it cannot be.
    fn open(&mut self, written: &str, profile: &CallProfile) -> Result<Source, PackageError>;
}

/// The declaration's folder: each file opened once, safely, and checked
/// again as it is packed (it may have changed since validation).
pub struct FromFolder<'a> {
    folder: Folder<'a>,
}

impl<'a> FromFolder<'a> {
    pub fn new(dir: &'a Path) -> FromFolder<'a> {
        FromFolder {
            folder: Folder::new(dir),
        }
    }
}

impl AttachmentSource for FromFolder<'_> {
    fn open(&mut self, written: &str, profile: &CallProfile) -> Result<Source, PackageError> {
        let opened = open_attachment(&mut self.folder, written, profile)?;
        Ok(Source::File {
            path: opened.path,
            file: opened.file,
            size: opened.size,
        })
    }
}

/// Files held in memory under their paths as written in the declaration.
/// Validation checked these very bytes (type, size, encryption) and nothing
/// can change under them, so they are packed as they are.
pub struct FromMemory<'a>(pub &'a [(String, Vec<u8>)]);

impl AttachmentSource for FromMemory<'_> {
    fn open(&mut self, written: &str, _: &CallProfile) -> Result<Source, PackageError> {
        self.0
            .iter()
            .find(|(path, _)| path == written)
            .map(|(_, bytes)| Source::Bytes(bytes.clone()))
            .ok_or_else(|| PackageError::Replaced {
                path: PathBuf::from(written),
                what: Text::new("它已不存在", "it no longer exists"),
            })
    }
}

const MIB: u64 = 1024 * 1024;

/// Open an attachment once, safely (relative to `folder`, no symlink
/// anywhere), and check on the open file what validation checked on the
/// path: a regular file, within the size limit, of its declared type. The
/// open file is then hashed and packed as it is: nothing reopens the path.
fn open_attachment(
    folder: &mut Folder<'_>,
    written: &str,
    profile: &CallProfile,
) -> Result<Opened, PackageError> {
    use shenbao_check::rules::attachments::folder::OpenError;
    let dir = folder.dir();
    let path = || folder_path(dir, written);
    let mut opened = match folder.open(written) {
        Ok(opened) => opened,
        Err(OpenError::Link) => return Err(PackageError::Link { path: path() }),
        Err(OpenError::Missing) => {
            return Err(PackageError::Replaced {
                path: path(),
                what: Text::new("它已不存在", "it no longer exists"),
            })
        }
        Err(OpenError::NotAFile) => {
            return Err(PackageError::Replaced {
                path: path(),
                what: Text::new("它已不是普通文件", "it is no longer a regular file"),
            })
        }
        Err(OpenError::Io(err)) => {
            return Err(PackageError::Attachment {
                path: path(),
                reason: io_reason(&err),
            })
        }
    };
    let rules = &profile.attachments;
    if opened.size == 0 || opened.size > rules.max_file_mib * MIB {
        return Err(PackageError::Replaced {
            path: opened.path,
            what: Text::new(
                format!("它现在有 {} 字节", opened.size),
                format!("it is now {} bytes", opened.size),
            ),
        });
    }
    // The type, from the open file's first bytes, then back to its start.
    let ext = Path::new(written)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let mut head = Vec::with_capacity(16);
    let looked = (&mut opened.file)
        .take(16)
        .read_to_end(&mut head)
        .and_then(|_| opened.file.rewind());
    if let Err(err) = looked {
        return Err(PackageError::Attachment {
            path: opened.path,
            reason: io_reason(&err),
        });
    }
    let typed = rules
        .extensions
        .iter()
        .find(|e| e.ext == ext)
        .is_some_and(|e| files::has_magic(&head, &e.magic_hex));
    if !typed {
        return Err(PackageError::Replaced {
            path: opened.path,
            what: Text::new(
                format!("内容不再是 .{ext} 文件"),
                format!("its content is no longer a .{ext} file"),
            ),
        });
    }
    Ok(opened)
}

fn folder_path(dir: &Path, written: &str) -> PathBuf {
    files::joined(dir, written)
}

/// Write the dossier for a validated document to `out` (a temp file that
/// becomes `output`, the name errors give). `raw` is the declaration's bytes.
pub fn write<W: Write + Read + Seek>(
    out: W,
    output: &Path,
    document: &Document,
    raw: &[u8],
    profile: &CallProfile,
    secret: &SecretKey,
    attachments: &mut dyn AttachmentSource,
) -> Result<Packaged, PackageError> {
    let Some(value) = document.value.as_ref() else {
        // Never after validation: loading has said why (YAML, encoding).
        let why = document.diagnostics.first().cloned().unwrap_or_else(|| {
            shenbao_load::file_error(
                &document.source.name,
                &std::io::Error::from(std::io::ErrorKind::InvalidData),
            )
        });
        return Err(PackageError::Form(Box::new(why)));
    };
    let declaration = Declaration::from_value(value).map_err(PackageError::Declaration)?;
    let dir = document.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let key = secret.id().to_string();
    let id = dossier_id(&declaration);

    let mut payload = vec![Payload {
        name: DECLARATION_NAME.to_string(),
        source: Source::Bytes(raw.to_vec()),
    }];
    let mut total_size = 0u64;
    for attachment in &declaration.attachments {
        let name: String = attachment.path.nfc().collect();
        if let Some(why) = unsafe_name(&name) {
            return Err(PackageError::UnsafeName { name, why });
        }
        let source = attachments.open(&attachment.path, profile)?;
        total_size += source.size();
        if total_size > profile.attachments.max_total_mib * MIB {
            return Err(PackageError::Replaced {
                path: folder_path(&dir, &attachment.path),
                what: Text::new(
                    "附件总量超过上限",
                    "the attachments now total over the limit",
                ),
            });
        }
        payload.push(Payload { name, source });
    }
    payload.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));

    // Payload first, each attachment hashed while it is written (one read);
    // the form needs those hashes for its code, so it follows; the tag files
    // need everything, so they come last. The central directory is sorted by
    // name at the end, so listings show the bag in order.
    let mut zip = ZipWriter::new(Fuse::new(out));
    let mut digests: Vec<(String, [u8; 32])> = Vec::new();
    let mut by_path: Vec<(String, [u8; 32])> = Vec::new();
    let mut total: u64 = 0;
    for item in &mut payload {
        let entry = format!("{id}/data/{}", item.name);
        let digest = match &mut item.source {
            Source::Bytes(bytes) => {
                zip.start_file(entry.clone(), options(&entry, bytes.len() as u64))
                    .map_err(|e| PackageError::zip(output, &e))?;
                zip.write_all(bytes)
                    .map_err(|e| PackageError::io(output, &e))?;
                total += bytes.len() as u64;
                Sha256::digest(bytes).into()
            }
            Source::File { path, file, size } => {
                zip.start_file(entry.clone(), options(&entry, *size))
                    .map_err(|e| PackageError::zip(output, &e))?;
                let (digest, copied) = stream_into(file, path, &mut zip, output)?;
                if copied != *size {
                    return Err(PackageError::Changed { path: path.clone() });
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
    let form = shenbao_form::render_with_digests(document, raw, profile, &attachment_digests)
        .map_err(|problems| {
            let first = problems.into_iter().next();
            PackageError::Form(Box::new(first.expect("a failed form says why")))
        })?;
    let form_entry = format!("{id}/data/{FORM_NAME}");
    zip.start_file(form_entry, options(FORM_NAME, form.pdf.len() as u64))
        .map_err(|e| PackageError::zip(output, &e))?;
    zip.write_all(&form.pdf)
        .map_err(|e| PackageError::io(output, &e))?;
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
        output,
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
/// public key; then the central directory is sorted by name. `output` is the
/// name errors give.
#[allow(clippy::too_many_arguments)] // the bag's parts, the key, the name: all needed
pub fn finish_bag<W: Write + Read + Seek>(
    mut zip: ZipWriter<W>,
    id: &str,
    payload_digests: &[(String, [u8; 32])],
    info: String,
    trusted_comment: &str,
    untrusted_comment: &str,
    secret: &SecretKey,
    output: &Path,
) -> Result<W, PackageError> {
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
    let signature = secret
        .sign(tag_manifest.as_bytes(), trusted_comment, untrusted_comment)
        .to_text();
    let public_text = secret.public().to_text();
    let mut tag_files: Vec<(&str, Vec<u8>)> = tags.into_iter().collect();
    tag_files.push((TAG_MANIFEST, tag_manifest.into_bytes()));
    tag_files.push((SIGNATURE, signature.into_bytes()));
    tag_files.push((SIGNER_KEY, public_text.into_bytes()));
    for (name, bytes) in &tag_files {
        zip.start_file(format!("{id}/{name}"), options(name, bytes.len() as u64))
            .map_err(|e| PackageError::zip(output, &e))?;
        zip.write_all(bytes)
            .map_err(|e| PackageError::io(output, &e))?;
    }
    let mut out = zip.finish().map_err(|e| PackageError::zip(output, &e))?;
    super::central::sort_central_directory(&mut out).map_err(|e| PackageError::io(output, &e))?;
    out.flush().map_err(|e| PackageError::io(output, &e))?;
    Ok(out)
}

/// Copy a file into the open ZIP entry, hashing the same bytes: the reading
/// thread writes each chunk (the ZIP writer computes its CRC) while a second
/// thread hashes it, so SHA-256 does not wait on I/O. At most a few chunks are
/// in flight, so memory stays flat whatever the file's size.
fn stream_into(
    file: &mut std::fs::File,
    path: &Path,
    out: &mut impl Write,
    output: &Path,
) -> Result<([u8; 32], u64), PackageError> {
    const CHUNK: usize = 1 << 20;
    let unreadable = |e: std::io::Error| PackageError::Attachment {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    };
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
            let n = match read_full(file, &mut chunk) {
                Ok(n) => n,
                Err(e) => break Err(unreadable(e)),
            };
            if n == 0 {
                break Ok(());
            }
            chunk.truncate(n);
            if let Err(e) = out.write_all(&chunk) {
                break Err(PackageError::io(output, &e));
            }
            copied += n as u64;
            // The hasher stops only by panicking, which join passes on.
            if to_hasher.send(std::sync::Arc::new(chunk)).is_err() {
                break Ok(());
            }
        };
        drop(to_hasher);
        let digest = hasher
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        result.map(|()| (digest, copied))
    })
}

/// The file a dossier is written to, which stops writing at its first error.
/// The error goes to the caller, who deletes the file; what follows goes
/// nowhere: the ZIP writer closes its archive when it is dropped and would
/// print its own failure (in English, outside the diagnostics) if that
/// failed too. Positions are kept as if the writes had happened.
struct Fuse<W> {
    inner: W,
    /// After an error: the position and length of the writes that go nowhere.
    blown: Option<(u64, u64)>,
}

impl<W: Write + Seek> Fuse<W> {
    fn new(inner: W) -> Fuse<W> {
        Fuse { inner, blown: None }
    }

    fn check<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(err) = &result {
            if err.kind() != std::io::ErrorKind::Interrupted {
                let at = self.inner.stream_position().unwrap_or(0);
                self.blown = Some((at, at));
            }
        }
        result
    }
}

impl<W: Write + Seek> Write for Fuse<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match &mut self.blown {
            Some((at, len)) => {
                *at += bytes.len() as u64;
                *len = (*len).max(*at);
                Ok(bytes.len())
            }
            None => {
                let result = self.inner.write(bytes);
                self.check(result)
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.blown {
            Some(_) => Ok(()),
            None => {
                let result = self.inner.flush();
                self.check(result)
            }
        }
    }
}

impl<W: Write + Seek> Seek for Fuse<W> {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        match &mut self.blown {
            Some((at, len)) => {
                let (base, offset) = match to {
                    std::io::SeekFrom::Start(n) => (n, 0),
                    std::io::SeekFrom::End(n) => (*len, n),
                    std::io::SeekFrom::Current(n) => (*at, n),
                };
                *at = base.saturating_add_signed(offset);
                Ok(*at)
            }
            None => {
                let result = self.inner.seek(to);
                self.check(result)
            }
        }
    }
}

impl<W: Write + Read + Seek> Read for Fuse<W> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.blown {
            Some(_) => Ok(0),
            None => {
                let result = self.inner.read(buf);
                self.check(result)
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, SeekFrom};

    /// A file that fails once it holds `room` bytes, as a full disk does.
    struct Full {
        file: Cursor<Vec<u8>>,
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if self.file.get_ref().len() + bytes.len() > self.room {
                return Err(std::io::ErrorKind::StorageFull.into());
            }
            self.file.write(bytes)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Seek for Full {
        fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
            self.file.seek(to)
        }
    }

    #[test]
    fn after_its_first_error_a_fuse_writes_nowhere() {
        let mut fuse = Fuse::new(Full {
            file: Cursor::new(Vec::new()),
            room: 10,
        });
        fuse.write_all(b"0123456789").unwrap();
        let err = fuse.write_all(b"more").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::StorageFull);
        // Later writes and seeks succeed, at consistent positions.
        fuse.write_all(b"abcdef").unwrap();
        assert_eq!(fuse.stream_position().unwrap(), 16);
        assert_eq!(fuse.seek(SeekFrom::End(0)).unwrap(), 16);
        assert_eq!(fuse.seek(SeekFrom::Start(4)).unwrap(), 4);
        assert_eq!(fuse.seek(SeekFrom::Current(-10)).unwrap(), 0);
        fuse.flush().unwrap();
        assert_eq!(fuse.inner.file.get_ref().as_slice(), b"0123456789");
    }

    #[test]
    fn a_zip_writer_dropped_on_a_full_disk_stays_quiet() {
        // What `write` does when the disk fills: the first error is returned,
        // and dropping the writer afterwards (which finalises the archive)
        // meets no second one to print.
        let mut zip = ZipWriter::new(Fuse::new(Full {
            file: Cursor::new(Vec::new()),
            room: 200,
        }));
        zip.start_file("a.bin", options("a.bin", 1000)).unwrap();
        let err = zip.write_all(&[7u8; 1000]).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::StorageFull);
        let fuse = zip.finish().unwrap();
        assert!(fuse.blown.is_some());
    }
}
