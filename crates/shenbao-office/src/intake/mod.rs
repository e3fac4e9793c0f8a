//! What a recommending office does with the dossiers that arrive: verify each,
//! then check them against each other — quotas per recommending body (R3), the
//! demonstration-city route (R4), the same applicant or project twice, dossiers
//! meant for another office — and produce the 汇总表 (summary table).

pub mod diags;
pub mod digest;
pub mod table;

use digest::HashingReader;
use serde_json::Value;
use shenbao_check::call::{CallProfile, RecommenderKind};
use shenbao_diagnostic::{Diagnostic, Text};
use shenbao_dossier::verify::{verify, verify_reader, VerifyOptions};
use shenbao_pdf::code::hex;
use std::collections::BTreeMap;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

/// One dossier as the office sees it.
#[derive(Debug)]
pub struct Arrival {
    pub path: PathBuf,
    /// SHA-256 of the ZIP file.
    pub digest: String,
    pub project: String,
    pub applicant: String,
    pub credit_code: String,
    pub category: String,
    pub recommender: String,
    pub kind: Option<RecommenderKind>,
    pub via: Option<String>,
    /// The recommending body's department (e.g. 江苏省工业和信息化厅), if given.
    pub department: Option<String>,
    /// The applicant's contact: name and phone, one per line (the letter's
    /// project list keeps each line whole).
    pub contact: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Arrival {
    pub fn ok(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The body whose quota this dossier uses.
    pub fn quota_holder(&self) -> (String, Option<RecommenderKind>) {
        (self.recommender.clone(), self.kind)
    }
}

/// Every `.zip` among the paths (folders searched recursively), sorted.
pub fn collect(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .flatten()
            {
                let is_zip = entry
                    .path()
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
                if entry.file_type().is_file() && is_zip {
                    found.push(entry.into_path());
                }
            }
        } else {
            found.push(path.clone());
        }
    }
    found
}

/// Read two members of a dossier (bag-info.txt, the declaration), capped,
/// from one opening of the archive.
fn members<R: Read + Seek>(reader: R, suffixes: [&str; 2]) -> [Option<Vec<u8>>; 2] {
    let Ok(mut archive) = zip::ZipArchive::new(reader) else {
        return [None, None];
    };
    suffixes.map(|suffix| {
        let name = archive
            .file_names()
            .filter_map(Result::ok)
            .find(|n| n.ends_with(suffix) && n.matches('/').count() == suffix.matches('/').count())?
            .to_string();
        let mut bytes = Vec::new();
        archive
            .by_name(&name)
            .ok()?
            .take(shenbao_load::MAX_FILE_BYTES)
            .read_to_end(&mut bytes)
            .ok()?;
        Some(bytes)
    })
}

/// Verify a dossier and read what the summary table shows. The file is read
/// once: its SHA-256 comes from the reads that verifying it makes.
pub fn arrival(path: &Path, options: &VerifyOptions) -> Arrival {
    let (diagnostics, [info, declaration], digest) = match shenbao_load::open_regular(path) {
        // A FIFO or device is refused without waiting (F010, from verify).
        Ok((file, _)) => {
            let mut reader = HashingReader::new(file);
            let diagnostics = verify_reader(&mut reader, options);
            let found = members(&mut reader, ["/bag-info.txt", "/data/shenbao.yaml"]);
            let digest = reader.finish().map(|d| hex(&d)).unwrap_or_default();
            (diagnostics, found, digest)
        }
        // verify says why it cannot be opened
        Err(_) => (verify(path, options), [None, None], String::new()),
    };
    let info = info
        .map(|b| shenbao_dossier::bag::parse_bag_info(&String::from_utf8_lossy(&b)))
        .unwrap_or_default();
    let field = |key: &str| {
        info.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let declaration: Option<Value> = declaration
        .and_then(|b| shenbao_load::yaml::parse(&String::from_utf8_lossy(&b)).ok())
        .map(|(v, _)| v);
    let text = |pointer: &str| {
        declaration
            .as_ref()
            .and_then(|d| d.pointer(pointer))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    Arrival {
        digest,
        project: text("/project/name").unwrap_or_else(|| field("External-Description")),
        applicant: text("/applicant/name").unwrap_or_else(|| field("Source-Organization")),
        credit_code: text("/applicant/credit_code").unwrap_or_else(|| field("External-Identifier")),
        category: field("Shenbao-Category"),
        recommender: options.profile.canonical_name(
            &text("/recommender/name").unwrap_or_else(|| field("Shenbao-Recommender")),
        ),
        kind: text("/recommender/kind").and_then(|k| RecommenderKind::parse(&k)),
        via: text("/recommender/via").map(|v| options.profile.canonical_name(&v)),
        department: text("/recommender/department"),
        contact: [
            text("/applicant/contact/name"),
            text("/applicant/contact/phone"),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n"),
        path: path.to_path_buf(),
        diagnostics,
    }
}

fn d(rule: &'static shenbao_diagnostic::Rule, zh: String, en: String) -> Diagnostic {
    Diagnostic::new(rule, Text::new(zh, en))
}

/// The checks across dossiers; findings are added to the dossiers concerned.
/// Quotas and duplicates count only the dossiers that verified.
pub fn cross_check(arrivals: &mut [Arrival], profile: &CallProfile, office: Option<&str>) {
    // Only dossiers that verified speak for an applicant: what a forged or
    // damaged one claims (its project, its credit code) is not counted, so
    // it cannot use up a quota or make a good dossier a duplicate.
    let verified: Vec<bool> = arrivals.iter().map(Arrival::ok).collect();
    // Dossiers for another office: each is for its recommending body, or, a
    // demonstration city's extra project, for the province it goes through.
    if let Some(office) = office {
        for a in arrivals.iter_mut() {
            let region = a.credit_code.get(2..8).unwrap_or("");
            let routed = a.kind == Some(RecommenderKind::DemonstrationCity)
                && a.via.as_deref() == Some(office)
                && profile.routes_through(&a.recommender, office, region);
            if a.recommender != office && !routed && !a.recommender.is_empty() {
                let via = match &a.via {
                    Some(via) => format!("（经{via}）"),
                    None => String::new(),
                };
                a.diagnostics.push(d(
                    &diags::OTHER_OFFICE,
                    format!("此材料包由“{}”{via}推荐，不是报给{office}的", a.recommender),
                    format!(
                        "this dossier is recommended by `{}`{}, not addressed to {office}",
                        a.recommender,
                        a.via
                            .as_deref()
                            .map(|v| format!(" via {v}"))
                            .unwrap_or_default()
                    ),
                ).help(Text::new(
                    format!(
                        "不要列入本单位的推荐名单：退回申报单位，请它报给{}；若它确应由本单位推荐，请它改正申报文件中的 recommender 后重新打包",
                        a.recommender
                    ),
                    format!(
                        "leave it out of this office's list: return it to the applicant to send to {}; if this office should indeed recommend it, the applicant corrects `recommender` in the declaration and packages again",
                        a.recommender
                    ),
                )));
            }
        }
    }
    // A demonstration city's extra quota only for a city the call lists: the
    // profile's list may be incomplete, so say how to add one.
    for a in arrivals.iter_mut() {
        if a.kind == Some(RecommenderKind::DemonstrationCity)
            && profile.demonstration_city(&a.recommender).is_none()
        {
            a.diagnostics.push(
                d(
                    &diags::UNKNOWN_CITY,
                    format!("“{}”不在调用配置的信息消费示范城市名单中", a.recommender),
                    format!(
                        "`{}` is not on the call profile's list of demonstration cities",
                        a.recommender
                    ),
                )
                .help(Text::new(
                    "若确为信息消费示范城市，把它加入配置：shenbao call show --raw > call.yaml，编辑后用 --call call.yaml",
                    "if it is one, add it to a profile: shenbao call show --raw > call.yaml, edit, then --call call.yaml",
                )),
            );
        }
    }
    // Quotas per recommending body (every verified dossier counts: an office
    // must choose).
    let mut by_body: BTreeMap<(String, Option<&'static str>), Vec<usize>> = BTreeMap::new();
    for (i, a) in arrivals.iter().enumerate().filter(|(i, _)| verified[*i]) {
        let (name, kind) = a.quota_holder();
        by_body
            .entry((name, kind.map(RecommenderKind::as_str)))
            .or_default()
            .push(i);
    }
    for ((name, kind), members) in &by_body {
        let Some(kind) = kind.and_then(RecommenderKind::parse) else {
            continue;
        };
        let quota = profile.quota(kind) as usize;
        if members.len() > quota {
            for &i in members {
                arrivals[i].diagnostics.push(d(
                    &diags::OVER_QUOTA,
                    format!(
                        "{name}（{}）共 {} 个项目，名额为 {quota} 个",
                        kind.zh(),
                        members.len()
                    ),
                    format!(
                        "{name} ({}) has {} projects; its quota is {quota}",
                        kind.as_str(),
                        members.len()
                    ),
                ));
            }
        }
    }
    // The same applicant or project more than once.
    let mut by_code: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut by_project: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, a) in arrivals.iter().enumerate().filter(|(i, _)| verified[*i]) {
        if !a.credit_code.is_empty() {
            by_code.entry(a.credit_code.as_str()).or_default().push(i);
        }
        if !a.project.is_empty() {
            by_project
                .entry(a.project.split_whitespace().collect())
                .or_default()
                .push(i);
        }
    }
    let mut found: Vec<(usize, Diagnostic)> = Vec::new();
    for (code, members) in by_code.iter().filter(|(_, m)| m.len() > 1) {
        let routes: std::collections::BTreeSet<&str> = members
            .iter()
            .map(|&i| arrivals[i].recommender.as_str())
            .collect();
        for &i in members {
            found.push((
                i,
                if routes.len() > 1 {
                    d(
                        &diags::SAME_APPLICANT_TWO_ROUTES,
                        format!(
                            "申报单位 {code} 经 {} 个推荐单位申报：{}",
                            routes.len(),
                            routes.iter().copied().collect::<Vec<_>>().join("、")
                        ),
                        format!(
                            "applicant {code} arrives through {} bodies: {}",
                            routes.len(),
                            routes.iter().copied().collect::<Vec<_>>().join(", ")
                        ),
                    )
                } else {
                    d(
                        &diags::SAME_APPLICANT,
                        format!("申报单位 {code} 报了 {} 个项目", members.len()),
                        format!("applicant {code} filed {} projects", members.len()),
                    )
                },
            ));
        }
    }
    for (project, members) in by_project.iter().filter(|(_, m)| m.len() > 1) {
        for &i in members {
            found.push((
                i,
                d(
                    &diags::SAME_PROJECT_TWICE,
                    format!("项目“{project}”出现了 {} 次", members.len()),
                    format!("project `{project}` arrived {} times", members.len()),
                ),
            ));
        }
    }
    for (i, diagnostic) in found {
        arrivals[i].diagnostics.push(diagnostic);
    }
}
