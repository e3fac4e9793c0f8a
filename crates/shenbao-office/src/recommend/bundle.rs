//! Writing the recommendation bundle: a BagIt bag in a ZIP, like a dossier
//! (docs/dossier-format.md), whose payload is the letter, the summary table
//! (CSV and PDF) and the list of forwarded dossiers with their SHA-256. It is
//! small, so it is built in memory; the same inputs and key give the same bytes.

use sha2::{Digest, Sha256};
use shenbao_check::call::CallProfile;
use shenbao_check::date::Date;
use shenbao_dossier::bag::{self, FORWARDED, KIND_FIELD, RECOMMENDATION, REFERENCE_FIELD};
use shenbao_dossier::minisign::SecretKey;
use shenbao_dossier::package::{finish_bag, options, PackageError};
use shenbao_pdf::code::VerificationCode;
use std::io::{Cursor, Write};
use std::path::Path;
use zip::ZipWriter;

pub const LETTER_NAME: &str = "推荐意见函.pdf";
pub const TABLE_CSV: &str = "汇总表.csv";
pub const TABLE_PDF: &str = "汇总表.pdf";

/// The bundle's parts.
pub struct Contents<'a> {
    pub id: &'a str,
    pub office: &'a str,
    pub date: Date,
    pub profile: &'a CallProfile,
    pub letter: &'a [u8],
    pub table_csv: &'a [u8],
    pub table_pdf: &'a [u8],
    /// `<sha256>  <file name>` lines (`forwarded_list`).
    pub forwarded: &'a str,
    pub count: usize,
    pub code: &'a VerificationCode,
    /// The letter's 文号, if it has one.
    pub reference: Option<&'a str>,
}

/// The bundle's bytes, signed with the office's key. `output` is where they
/// go, the name errors give (they are built in memory, so errors are rare).
pub fn write(
    contents: &Contents,
    secret: &SecretKey,
    output: &Path,
) -> Result<Vec<u8>, PackageError> {
    let id = contents.id;
    let key = secret.id().to_string();
    let mut payload: Vec<(String, &[u8])> = vec![
        (FORWARDED.to_string(), contents.forwarded.as_bytes()),
        (LETTER_NAME.to_string(), contents.letter),
        (TABLE_CSV.to_string(), contents.table_csv),
        (TABLE_PDF.to_string(), contents.table_pdf),
    ];
    payload.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let mut digests = Vec::new();
    let mut total = 0u64;
    for (name, bytes) in &payload {
        let entry = format!("{id}/data/{name}");
        zip.start_file(entry.clone(), options(&entry, bytes.len() as u64))
            .map_err(|e| PackageError::zip(output, &e))?;
        zip.write_all(bytes)
            .map_err(|e| PackageError::io(output, &e))?;
        digests.push((format!("data/{name}"), Sha256::digest(bytes).into()));
        total += bytes.len() as u64;
    }
    let mut fields = vec![
        ("Source-Organization", contents.office.to_string()),
        (
            "External-Description",
            "新型信息消费示范项目推荐材料".to_string(),
        ),
        ("Bagging-Date", contents.date.to_string()),
        ("Payload-Oxum", format!("{total}.{}", payload.len())),
        (
            "Bag-Software-Agent",
            format!("shenbao {}", env!("CARGO_PKG_VERSION")),
        ),
        (KIND_FIELD, RECOMMENDATION.to_string()),
        ("Shenbao-Call", contents.profile.id.clone()),
        ("Shenbao-Dossiers", contents.count.to_string()),
        ("Shenbao-Letter-Code", contents.code.short()),
        ("Shenbao-Signer", key.clone()),
    ];
    if let Some(reference) = contents.reference {
        fields.push((REFERENCE_FIELD, reference.to_string()));
    }
    let info = bag::bag_info(&fields);
    let trusted = format!(
        "shenbao recommendation {id} dossiers {} code {} signer {key}",
        contents.count,
        contents.code.short()
    );
    let out = finish_bag(
        zip,
        id,
        &digests,
        info,
        &trusted,
        "shenbao recommendation signature",
        secret,
        output,
    )?;
    Ok(out.into_inner())
}
