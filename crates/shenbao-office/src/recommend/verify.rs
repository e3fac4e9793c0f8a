//! Checking a recommendation bundle's dossiers: each one it lists is found
//! beside it (or under `--dossiers`), must have the digest the office signed,
//! must verify, and together they must pass the checks `recommend` made.

use super::{check_selection, file_name};
use crate::intake::{self, Arrival};
use rayon::prelude::*;
use shenbao_diagnostic::{Diagnostic, Text};
use shenbao_dossier::diags;
use shenbao_dossier::verify::{Bundle, VerifyOptions};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// What checking a bundle's dossiers found: findings about the bundle, and
/// each dossier found with its own.
pub struct Checked {
    pub bundle: Vec<Diagnostic>,
    pub dossiers: Vec<Arrival>,
}

/// Find and check every dossier `bundle` lists. `search` holds the folders to
/// look in (the bundle's own when empty).
pub fn check_bundle(
    bundle_path: &Path,
    bundle: &Bundle,
    search: &[PathBuf],
    options: &VerifyOptions,
) -> Checked {
    // The bundle's own folder (not below it), or the folders given (searched
    // recursively); symbolic links are not followed out of them.
    let (folders, depth) = if search.is_empty() {
        let own = bundle_path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        (vec![own], 1)
    } else {
        (search.to_vec(), usize::MAX)
    };
    let candidates: Vec<PathBuf> = folders
        .iter()
        .flat_map(|folder| zips_in(folder, depth))
        .filter(|p| !same_file(p, bundle_path))
        .collect();
    let mut by_name: HashMap<String, Vec<&PathBuf>> = HashMap::new();
    for path in &candidates {
        if let Some(name) = path.file_name() {
            by_name
                .entry(name.to_string_lossy().into_owned())
                .or_default()
                .push(path);
        }
    }
    // By name; among several of one name, the one with the signed digest. A
    // renamed dossier is found by its digest, hashing only unclaimed files.
    let mut found: Vec<(PathBuf, String)> = Vec::new();
    let mut missing: Vec<&(String, String)> = Vec::new();
    for listed in &bundle.dossiers {
        match by_name.get(&listed.0).map(Vec::as_slice) {
            Some([only]) => found.push(((*only).clone(), listed.1.clone())),
            Some(several) => {
                let matching = several.iter().find(|p| digest_of(p) == listed.1);
                let chosen = matching.unwrap_or(&several[0]);
                found.push(((*chosen).clone(), listed.1.clone()));
            }
            None => missing.push(listed),
        }
    }
    let mut out = Vec::new();
    if !missing.is_empty() {
        let claimed: Vec<&PathBuf> = found.iter().map(|(p, _)| p).collect();
        let by_digest: BTreeMap<String, PathBuf> = candidates
            .par_iter()
            .filter(|p| !claimed.contains(p))
            .map(|p| (digest_of(p), p.clone()))
            .collect();
        for (name, digest) in missing {
            match by_digest.get(digest) {
                Some(path) => found.push((path.clone(), digest.clone())),
                None => out.push(
                    Diagnostic::new(
                        &diags::FORWARDED_MISSING,
                        Text::new(
                            format!("找不到推荐材料包所列的 {name}"),
                            format!("{name}, listed in the bundle, cannot be found"),
                        ),
                    )
                    .help(Text::new(
                        "把所推荐的材料包放在推荐材料包旁边，或用 --dossiers 指明所在文件夹",
                        "put the forwarded dossiers beside the bundle, or name their folder with --dossiers",
                    )),
                ),
            }
        }
    }
    // Each dossier's bytes are pinned by the office's signature over its
    // digest, so "no trusted key given" warnings about its own signer add nothing.
    let inner = VerifyOptions {
        trusted: &[],
        trusted_offices: &[],
        paper_code: None,
        profile: options.profile,
        as_of: options.as_of,
    };
    let mut dossiers: Vec<Arrival> = found
        .par_iter()
        .map(|(path, listed)| {
            let mut arrival = intake::arrival(path, &inner);
            arrival
                .diagnostics
                .retain(|d| d.code != diags::UNTRUSTED_KEY.code || d.is_error());
            if arrival.digest != *listed {
                arrival.diagnostics.push(Diagnostic::new(
                    &diags::FORWARDED_CHANGED,
                    Text::new(
                        format!("{} 的 SHA-256 与推荐材料包记录的不符", file_name(&arrival)),
                        format!(
                            "{} has a different SHA-256 from the one the bundle records",
                            file_name(&arrival)
                        ),
                    ),
                ));
            }
            arrival
        })
        .collect();
    // The date was checked with the bag: a bundle without one has no list.
    if let Some(date) = bundle.date {
        out.extend(check_selection(
            &mut dossiers,
            options.profile,
            &bundle.office,
            date,
        ));
    }
    super::rank(&mut dossiers, &bundle.office);
    Checked {
        bundle: out,
        dossiers,
    }
}

/// Every `.zip` file in `folder`, down to `depth` levels, links not followed.
fn zips_in(folder: &Path, depth: usize) -> Vec<PathBuf> {
    walkdir::WalkDir::new(folder)
        .max_depth(depth)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("zip"))
        })
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// A file's SHA-256 in hex (empty when it cannot be read).
fn digest_of(path: &Path) -> String {
    shenbao_check::rules::attachments::files::sha256_of(path)
        .map(|d| shenbao_pdf::code::hex(&d))
        .unwrap_or_default()
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
