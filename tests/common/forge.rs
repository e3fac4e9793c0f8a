//! Dossiers a hostile applicant makes with their own key: the payload of a
//! real dossier, edited at will, bagged and signed again in the canonical
//! container, as anyone holding the key can do with the library. The
//! signature then verifies; only the content rules can catch what was done.

use shenbao_dossier::bag;
use shenbao_dossier::keys::load_secret;
use shenbao_dossier::package::{finish_bag, options};
use std::io::{Read, Write};
use std::path::Path;

/// A payload file: its path in the bag (`data/…`) and its bytes.
pub type Payload = Vec<(String, Vec<u8>)>;

/// Rewrite the dossier `zip` to `target` with its payload passed through
/// `edit`, signed again with the secret key at `key` (without a password).
pub fn forge(zip: &Path, key: &Path, target: &Path, edit: impl FnOnce(&mut Payload)) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut payload: Payload = Vec::new();
    let mut id = String::new();
    let mut info = String::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let (top, rest) = name.split_once('/').unwrap();
        id = top.to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if rest.starts_with("data/") {
            payload.push((rest.to_string(), bytes));
        } else if rest == "bag-info.txt" {
            info = String::from_utf8(bytes).unwrap();
        }
    }
    edit(&mut payload);
    let total: usize = payload.iter().map(|(_, b)| b.len()).sum();
    let fields: Vec<(String, String)> = bag::parse_bag_info(&info)
        .into_iter()
        .map(|(k, v)| match k.as_str() {
            "Payload-Oxum" => (k, format!("{total}.{}", payload.len())),
            _ => (k, v),
        })
        .collect();
    let info = bag::bag_info(
        &fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect::<Vec<_>>(),
    );
    let secret = load_secret(key, || unreachable!("the key has no password")).unwrap();
    let out = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(target)
        .unwrap();
    let mut zip = zip::ZipWriter::new(out);
    let mut digests = Vec::new();
    for (path, bytes) in &payload {
        let file_name = path.rsplit('/').next().unwrap();
        zip.start_file(
            format!("{id}/{path}"),
            options(file_name, bytes.len() as u64),
        )
        .unwrap();
        zip.write_all(bytes).unwrap();
        use sha2::Digest;
        digests.push((path.clone(), sha2::Sha256::digest(bytes).into()));
    }
    finish_bag(
        zip, &id, &digests, info, "forged", "forged", &secret, target,
    )
    .unwrap();
}
