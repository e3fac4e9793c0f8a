//! `shenbao recommend --office NAME --key KEY DOSSIERS...`: check the dossiers
//! an office forwards and, when nothing stops it, write the signed bundle.

use super::intake::{inputs, render};
use super::{load_profile, output_not_written, write_stdout, Context, Failure, Outcome};
use crate::cli::RecommendArgs;
use crate::report::FileResult;
use shenbao_check::date::Date;
use shenbao_diagnostic::{Bilingual, Diagnostic, Lang, Severity, Text};
use shenbao_dossier::keys;
use shenbao_office::intake::{table, Arrival};
use shenbao_office::recommend::{self, bundle, letter};
use std::collections::BTreeSet;
use std::path::PathBuf;

pub fn run(args: &RecommendArgs, context: Context) -> Outcome {
    let profile = load_profile(&args.dossiers.profile)?;
    let office = args.office.trim();
    if let Some(why) = recommend::unportable_name(office) {
        return Err(name_cannot_travel(
            &format!("--office `{}`", office.escape_debug()),
            why,
        ));
    }
    // The key first: a wrong password should stop the run before any work.
    let key = keys::load_secret(&args.key, crate::password::for_key(&args.key, context.lang))?;
    let inputs = inputs(&args.dossiers.trusted_key, &args.paths)?;
    let date = args
        .date
        .or(args.dossiers.as_of)
        .unwrap_or_else(|| Date::today_at_offset(profile.deadline().1));
    let id = recommend::bundle_id(office, date);
    // Without -o the bundle is named by its id, in the current folder: that
    // name is guarded as any -o is.
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{id}.zip")));
    {
        let target = super::outputs::Target::new(&output)?;
        target.refuse_input(&args.key, ("秘密密钥", "secret key"))?;
        target.refuse_inputs(
            inputs.files.iter().map(PathBuf::as_path),
            ("材料包", "dossier"),
        )?;
        let keys = super::outputs::trusted_key_files(&args.dossiers.trusted_key);
        target.refuse_inputs(keys.iter().map(PathBuf::as_path), ("公钥", "public key"))?;
        super::outputs::refuse_profile(&target, args.dossiers.profile.call.as_deref())?;
    }
    // The bundle lists dossiers by file name: each must survive the list and
    // any file system, and two of one name cannot both travel.
    let output_key = output.canonicalize().ok();
    let mut names = BTreeSet::new();
    for file in &inputs.files {
        let name = file
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let problem = if let Some(why) = recommend::unportable_name(&name) {
            Some(why)
        } else if !names.insert(name) {
            Some(Bilingual {
                zh: "所选材料包中有同名文件，请改名后再推荐",
                en: "another selected dossier has this file name; rename one",
            })
        } else if output_key.is_some() && file.canonicalize().ok() == output_key {
            Some(Bilingual {
                zh: "-o 指向所选材料包本身，会覆盖它",
                en: "-o names this selected dossier: it would be overwritten",
            })
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(name_cannot_travel(
                &shenbao_diagnostic::shown_path(file),
                problem,
            ));
        }
    }
    let mut arrivals = inputs.arrivals(&profile, args.dossiers.as_of, context.lang);
    let mut findings = recommend::check_selection(&mut arrivals, &profile, office, date);
    if args.dossiers.strict {
        for d in arrivals
            .iter_mut()
            .flat_map(|a| a.diagnostics.iter_mut())
            .chain(findings.iter_mut())
        {
            d.severity = Severity::Error;
        }
    }
    recommend::rank(&mut arrivals, office);
    let head = FileResult {
        path: shenbao_diagnostic::shown_path(&output),
        diagnostics: findings,
    };
    let refused = head.errors() > 0 || arrivals.iter().any(|a| !a.ok());
    let mut report = render(&arrivals, Some(head), args.dossiers.format, context);
    if refused {
        if matches!(args.dossiers.format, crate::report::Format::Human) {
            report.text.push_str(context.t(
                "✘ 所选材料包未通过检查，没有生成推荐材料包\n",
                "✘ the selection does not pass; no bundle was written\n",
            ));
        }
        write_stdout(&report.text)?;
        return Ok(report.exit());
    }
    // The issuer: as given, else the department the office's own dossiers
    // agree on, else the office's name.
    let departments: BTreeSet<&str> = arrivals
        .iter()
        .filter(|a| a.recommender == office && !recommend::is_extra(a))
        .filter_map(|a| a.department.as_deref())
        .collect();
    let issuer = match (&args.issuer, departments.len()) {
        (Some(issuer), _) => issuer.clone(),
        (None, 1) => departments
            .iter()
            .next()
            .map(|d| d.to_string())
            .unwrap_or_default(),
        (None, _) => office.to_string(),
    };
    let done = write_bundle(
        args, &arrivals, &profile, office, &issuer, date, &id, &output, &key,
    )?;
    if matches!(args.dossiers.format, crate::report::Format::Human) {
        report.text.push_str(&match context.lang {
            Lang::Zh => format!(
                "✔ 已生成推荐材料包 {}\n  推荐 {} 个项目，推荐意见函校验码 {}，签名密钥 {}\n",
                shenbao_diagnostic::shown_path(&output),
                arrivals.len(),
                done.code,
                done.key
            ),
            Lang::En => format!(
                "✔ wrote the bundle {}\n  {} project(s) forwarded, letter code {}, key {}\n",
                shenbao_diagnostic::shown_path(&output),
                arrivals.len(),
                done.code,
                done.key
            ),
        });
    }
    write_stdout(&report.text)?;
    Ok(report.exit())
}

/// I010: a name that would go into the bundle cannot travel.
fn name_cannot_travel(what: &str, why: Bilingual) -> Failure {
    Failure::cannot_run(Diagnostic::new(
        &recommend::diags::NAME_CANNOT_TRAVEL,
        Text::new(format!("{what}：{}", why.zh), format!("{what}: {}", why.en)),
    ))
}

struct Written {
    code: String,
    key: String,
}

/// Letter, tables, list and signature, written atomically to `output`.
#[allow(clippy::too_many_arguments)] // the run's settings; each is needed once
fn write_bundle(
    args: &RecommendArgs,
    arrivals: &[Arrival],
    profile: &shenbao_check::call::CallProfile,
    office: &str,
    issuer: &str,
    date: Date,
    id: &str,
    output: &std::path::Path,
    secret: &shenbao_dossier::minisign::SecretKey,
) -> Result<Written, Failure> {
    let key = secret.id().to_string();
    let list = recommend::forwarded_list(arrivals);
    let code = shenbao_pdf::code::letter_code(&shenbao_pdf::code::LetterCodeInput {
        office,
        date: &date.to_string(),
        reference: args.reference.as_deref().unwrap_or_default(),
        list: &list,
        signer: &key,
    });
    let bundle_name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| format!("{id}.zip"));
    let letter_pdf = letter::render(&letter::Letter {
        office,
        issuer,
        reference: args.reference.as_deref(),
        date,
        contact: args.contact.as_deref(),
        bundle: &bundle_name,
        arrivals,
        profile,
        code: &code,
    })?;
    let table_pdf = table::pdf(arrivals, Some(office))?;
    let bytes = bundle::write(
        &bundle::Contents {
            id,
            office,
            date,
            profile,
            letter: &letter_pdf,
            table_csv: &table::csv(arrivals),
            table_pdf: &table_pdf,
            forwarded: &list,
            count: arrivals.len(),
            code: &code,
            reference: args.reference.as_deref(),
        },
        secret,
        output,
    )?;
    crate::atomic::write(output, &bytes).map_err(|err| output_not_written(output, &err))?;
    Ok(Written {
        code: code.short(),
        key,
    })
}
