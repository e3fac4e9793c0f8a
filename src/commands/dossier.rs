//! `shenbao keygen`, `package` and `verify`.

use super::{
    load_profile, validated, write_stdout, Context, Validated, EXIT_CANNOT_RUN, EXIT_OK,
    EXIT_PROBLEMS,
};
use crate::atomic;
use crate::cli::{KeygenArgs, PackageArgs, VerifyArgs};
use crate::report::{human, json, BatchFormat, FileResult, Summary};
use shenbao_check::rules::CheckOptions;
use shenbao_diagnostic::Severity;
use shenbao_dossier::{keys, package, verify as verifier};
use shenbao_load::LoadOptions;
use std::path::{Path, PathBuf};

/// Generate a key pair and write `BASE.key` and `BASE.pub` (atomically,
/// refusing to overwrite). Returns the public key text.
fn write_key_pair(base: &Path, with_password: bool) -> Result<String, String> {
    let secret_path = base.with_extension("key");
    let public_path = base.with_extension("pub");
    for path in [&secret_path, &public_path] {
        if path.exists() {
            return Err(format!(
                "{} exists; choose another name or remove it",
                path.display()
            ));
        }
    }
    let pair = keys::generate(with_password)?;
    atomic::write(&public_path, pair.public.as_bytes())
        .map_err(|e| format!("{}: {e}", public_path.display()))?;
    atomic::write_private(&secret_path, pair.secret.as_bytes())
        .map_err(|e| format!("{}: {e}", secret_path.display()))?;
    Ok(pair.public)
}

pub fn keygen(args: &KeygenArgs, context: Context) -> i32 {
    match write_key_pair(&args.output, !args.no_password) {
        Ok(public) => {
            let text = format!(
                "{}\n{public}\n{} {}\n{} {}\n",
                context.t("已生成密钥对，公钥：", "key pair written; public key:"),
                context.t("秘密密钥（妥善保管）：", "secret key (keep it safe):"),
                args.output.with_extension("key").display(),
                context.t(
                    "公钥（交给受理单位）：",
                    "public key (give it to the office):"
                ),
                args.output.with_extension("pub").display(),
            );
            write_stdout(&text)
        }
        Err(err) => {
            eprintln!("shenbao: {err}");
            EXIT_CANNOT_RUN
        }
    }
}

pub fn package(args: &PackageArgs, context: Context) -> i32 {
    let Some(profile) = load_profile(&args.profile, context) else {
        return EXIT_CANNOT_RUN;
    };
    let options = CheckOptions {
        strict: false,
        as_of: args.as_of,
    };
    let doing = (
        "✘ 申报文件有错误，未打包",
        "✘ the declaration has errors; nothing was packaged",
    );
    let Validated {
        path,
        document,
        raw,
    } = match validated(
        args.path.as_deref(),
        &profile,
        options,
        LoadOptions::default(),
        context,
        doing,
    ) {
        Ok(validated) => validated,
        Err(status) => return status,
    };
    let display = path.display().to_string();
    let (secret, public) = match keys::load_secret(&args.key) {
        Ok(pair) => pair,
        Err(err) => {
            eprintln!("shenbao: {err}");
            return EXIT_CANNOT_RUN;
        }
    };
    let value = document.value.as_ref().expect("validated");
    let declaration = match shenbao_check::model::Declaration::from_value(value) {
        Ok(declaration) => declaration,
        Err(err) => {
            eprintln!("shenbao: {display}: {err}");
            return EXIT_CANNOT_RUN;
        }
    };
    let dir = document.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| dir.join(format!("{}.zip", package::dossier_id(&declaration))));
    let target_dir = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // Written to a temp file beside the target and renamed: never half a dossier.
    let temp = match tempfile::Builder::new()
        .prefix(".shenbao-")
        .suffix(".zip.tmp")
        .tempfile_in(&target_dir)
    {
        Ok(temp) => temp,
        Err(err) => {
            eprintln!("shenbao: {}: {err}", target_dir.display());
            return EXIT_CANNOT_RUN;
        }
    };
    crate::atomic::track(temp.path());
    let temp_path = temp.path().to_path_buf();
    let packaged = match temp
        .reopen()
        .map_err(|e| e.to_string())
        .and_then(|file| package::write(file, &document, &raw, &profile, &secret, &public))
    {
        Ok(packaged) => packaged,
        Err(err) => {
            eprintln!("shenbao: {err}");
            return EXIT_CANNOT_RUN;
        }
    };
    let persisted = temp
        .as_file()
        .sync_all()
        .and_then(|()| temp.persist(&output).map(|_| ()).map_err(|e| e.error))
        .and_then(|()| crate::atomic::make_readable(&output));
    crate::atomic::done(&temp_path);
    if let Err(err) = persisted {
        eprintln!("shenbao: {}: {err}", output.display());
        return EXIT_CANNOT_RUN;
    }
    let text = match context.lang {
        shenbao_diagnostic::Lang::Zh => format!(
            "✔ 已打包 {}\n  材料包编号 {}，{} 个文件 {} 字节，签名密钥 {}，校验码 {}\n",
            output.display(),
            packaged.id,
            packaged.files,
            packaged.bytes,
            packaged.key_id,
            packaged.code.short()
        ),
        shenbao_diagnostic::Lang::En => format!(
            "✔ packaged {}\n  dossier {}, {} files, {} bytes, key {}, verification code {}\n",
            output.display(),
            packaged.id,
            packaged.files,
            packaged.bytes,
            packaged.key_id,
            packaged.code.short()
        ),
    };
    write_stdout(&text)
}

pub fn verify(args: &VerifyArgs, context: Context) -> i32 {
    let Some(profile) = load_profile(&args.profile, context) else {
        return EXIT_CANNOT_RUN;
    };
    let paths: Vec<PathBuf> = args
        .trusted_key
        .iter()
        .chain(args.office_key.iter().map(|(_, path)| path))
        .cloned()
        .collect();
    let (trusted, trusted_ids) = match keys::load_trusted(&paths) {
        Ok(trusted) => trusted,
        Err(err) => {
            eprintln!("shenbao: {err}");
            return EXIT_CANNOT_RUN;
        }
    };
    let trusted_offices: Vec<Option<String>> = args
        .trusted_key
        .iter()
        .map(|_| None)
        .chain(args.office_key.iter().map(|(name, _)| Some(name.clone())))
        .collect();
    let options = verifier::VerifyOptions {
        trusted: &trusted,
        trusted_ids: &trusted_ids,
        trusted_offices: &trusted_offices,
        paper_code: args.paper_code.as_deref(),
        profile: &profile,
        as_of: args.as_of,
    };
    let style = human::Style {
        lang: context.lang,
        color: context.color,
    };
    let mut results = Vec::new();
    let mut summary = Summary::default();
    let mut could_not_run = false;
    let progress = super::validate::progress_bar(
        args.files.len(),
        super::validate::PROGRESS_MIN_DOSSIERS,
        context.lang,
    );
    for file in &args.files {
        let verified = verifier::verify_file(file, &options);
        let mut checked = vec![FileResult {
            path: file.display().to_string(),
            diagnostics: verified.diagnostics,
        }];
        // A bundle: then every dossier it lists, and the checks across them.
        // (Only a bundle whose own bag verified: its list is then the office's.)
        let bundle = verified.bundle.as_ref();
        if let Some(bundle) = bundle.filter(|_| checked[0].errors() == 0) {
            let found = shenbao_office::recommend::verify::check_bundle(
                file,
                bundle,
                &args.dossiers,
                &options,
            );
            checked[0].diagnostics.extend(found.bundle);
            checked.extend(found.dossiers.into_iter().map(|a| FileResult {
                path: a.path.display().to_string(),
                diagnostics: a.diagnostics,
            }));
        }
        for mut result in checked {
            if args.strict {
                result
                    .diagnostics
                    .iter_mut()
                    .for_each(|d| d.severity = Severity::Error);
            }
            shenbao_diagnostic::sort_by_position(&mut result.diagnostics);
            summary.add(&result);
            could_not_run |= result.could_not_run();
            results.push(result);
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    let batch = crate::report::batch::Batch {
        command: "verify",
        lang: context.lang,
        call: &profile.title,
        as_of: args
            .as_of
            .unwrap_or_else(|| shenbao_check::date::Date::today_at_offset(profile.deadline().1)),
    };
    let reported = super::validate::write_report(args.report.as_deref(), &results, summary, batch);
    let text = match args.format {
        BatchFormat::Json => json::render(&results, summary, context.lang),
        BatchFormat::Human => {
            let mut text = String::new();
            for result in &results {
                text.push_str(&human::render_file(result, "", style));
                text.push_str(&human::status_line(result, style));
                text.push('\n');
            }
            text.push_str(&human::summary_line_of(
                &summary,
                context.lang,
                ("材料包", "dossier(s)"),
            ));
            text.push('\n');
            text
        }
        format => super::validate::machine_output(format, &results, summary, batch),
    };
    let written = write_stdout(&text);
    if written != EXIT_OK || !reported || could_not_run {
        EXIT_CANNOT_RUN
    } else if summary.errors > 0 {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    }
}
