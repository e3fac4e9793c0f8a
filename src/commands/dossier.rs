//! `shenbao keygen`, `package` and `verify`.

use super::{
    load_profile, output_not_written, validated, write_stdout, Context, Failure, Outcome, Validated,
};
use crate::atomic;
use crate::cli::{KeygenArgs, PackageArgs, VerifyArgs};
use crate::report::{human, json, BatchFormat, FileResult, Summary};
use shenbao_check::rules::CheckOptions;
use shenbao_diagnostic::{Diagnostic, Lang, Severity, Text};
use shenbao_dossier::{keys, package, verify as verifier};
use shenbao_load::LoadOptions;
use std::path::{Path, PathBuf};

/// Generate a key pair and write `BASE.key` and `BASE.pub` (atomically,
/// refusing to overwrite). Returns the public key text.
fn write_key_pair(base: &Path, with_password: bool, lang: Lang) -> Result<String, Failure> {
    let secret_path = base.with_extension("key");
    let public_path = base.with_extension("pub");
    for path in [&secret_path, &public_path] {
        // A device, a FIFO or a folder of that name: F011, not F010.
        super::outputs::Target::new(path)?;
        if path.symlink_metadata().is_ok() {
            let shown = shenbao_diagnostic::shown_path(path);
            return Err(Failure::cannot_run(
                Diagnostic::new(
                    &crate::diags::OUTPUT_EXISTS,
                    Text::new(
                        format!("文件已存在：{shown}"),
                        format!("file exists: {shown}"),
                    ),
                )
                .help(Text::new(
                    "换一个名字，或先移走旧密钥（旧公钥已交给受理单位时不要删除）",
                    "choose another name, or move the old key away (keep it if its public key was handed out)",
                )),
            ));
        }
    }
    let password = if with_password {
        Some(crate::password::for_new_key(&secret_path, lang)?)
    } else {
        None
    };
    let pair = keys::generate(&secret_path, password.as_ref())?;
    atomic::write(&public_path, pair.public.as_bytes())
        .map_err(|err| output_not_written(&public_path, &err))?;
    atomic::write_private(&secret_path, pair.secret.as_bytes())
        .map_err(|err| output_not_written(&secret_path, &err))?;
    Ok(pair.public)
}

pub fn keygen(args: &KeygenArgs, context: Context) -> Outcome {
    let public = write_key_pair(&args.output, !args.no_password, context.lang)?;
    let text = format!(
        "{}\n{public}\n{} {}\n{} {}\n",
        context.t("已生成密钥对，公钥：", "key pair written; public key:"),
        context.t("秘密密钥（妥善保管）：", "secret key (keep it safe):"),
        shenbao_diagnostic::shown_path(&args.output.with_extension("key")),
        context.t(
            "公钥（交给受理单位）：",
            "public key (give it to the office):"
        ),
        shenbao_diagnostic::shown_path(&args.output.with_extension("pub")),
    );
    write_stdout(&text)
}

pub fn package(args: &PackageArgs, context: Context) -> Outcome {
    let profile = load_profile(&args.profile)?;
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
    } = validated(
        args.path.as_deref(),
        &profile,
        options,
        LoadOptions::default(),
        context,
        doing,
    )?;
    let key = keys::load_secret(&args.key, crate::password::for_key(&args.key, context.lang))?;
    let value = document.value.as_ref().expect("validated");
    let declaration = shenbao_check::model::Declaration::from_value(value)?;
    let dir = document.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let default_name = format!("{}.zip", package::dossier_id(&declaration));
    let output = match &args.output {
        None => dir.join(default_name),
        Some(output) => into_folder(output, &default_name)?,
    };
    // Never over the key, the declaration, an attachment or the profile;
    // refused before any temp file exists.
    let target = super::outputs::Target::new(&output)?;
    target.refuse_input(&args.key, ("秘密密钥", "secret key"))?;
    target.refuse_inputs(
        super::outputs::declaration_inputs(&path, &document)
            .iter()
            .map(PathBuf::as_path),
        ("申报文件或附件", "declaration or attachment"),
    )?;
    super::outputs::refuse_profile(&target, args.profile.call.as_deref())?;
    let target_dir = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // Written to a temp file beside the target and renamed: never half a dossier.
    let temp = tempfile::Builder::new()
        .prefix(".shenbao-")
        .suffix(".zip.tmp")
        .tempfile_in(&target_dir)
        .map_err(|err| output_not_written(&output, &err))?;
    crate::atomic::track(temp.path());
    let temp_path = temp.path().to_path_buf();
    let packaged = temp
        .reopen()
        .map_err(|err| output_not_written(&output, &err))
        .and_then(|file| {
            package::write(
                file,
                &output,
                &document,
                &raw,
                &profile,
                &key,
                &mut package::FromFolder::new(&dir),
            )
            .map_err(Failure::from)
        });
    let packaged = match packaged {
        Ok(packaged) => packaged,
        Err(failure) => {
            crate::atomic::done(&temp_path);
            return Err(failure);
        }
    };
    let persisted = temp
        .as_file()
        .sync_all()
        .and_then(|()| temp.persist(&output).map(|_| ()).map_err(|e| e.error))
        .and_then(|()| crate::atomic::make_readable(&output));
    crate::atomic::done(&temp_path);
    persisted.map_err(|err| output_not_written(&output, &err))?;
    let text = match context.lang {
        shenbao_diagnostic::Lang::Zh => format!(
            "✔ 已打包 {}\n  材料包编号 {}，{} 个文件 {} 字节，签名密钥 {}，校验码 {}\n",
            shenbao_diagnostic::shown_path(&output),
            packaged.id,
            packaged.files,
            packaged.bytes,
            packaged.key_id,
            packaged.code.short()
        ),
        shenbao_diagnostic::Lang::En => format!(
            "✔ packaged {}\n  dossier {}, {} files, {} bytes, key {}, verification code {}\n",
            shenbao_diagnostic::shown_path(&output),
            packaged.id,
            packaged.files,
            packaged.bytes,
            packaged.key_id,
            packaged.code.short()
        ),
    };
    write_stdout(&text)
}

pub fn verify(args: &VerifyArgs, context: Context) -> Outcome {
    let profile = load_profile(&args.profile)?;
    if let Some(report) = &args.report {
        refuse_verify_inputs(report, args)?;
    }
    let applicant_keys = keys::trusted_key_files(&args.trusted_key)?;
    let paths: Vec<PathBuf> = applicant_keys
        .iter()
        .chain(args.office_key.iter().map(|(_, path)| path))
        .cloned()
        .collect();
    let trusted = keys::load_trusted(&paths)?;
    let trusted_offices: Vec<Option<String>> = applicant_keys
        .iter()
        .map(|_| None)
        .chain(args.office_key.iter().map(|(name, _)| Some(name.clone())))
        .collect();
    let options = verifier::VerifyOptions {
        trusted: &trusted,
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
            path: shenbao_diagnostic::shown_path(file),
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
                path: shenbao_diagnostic::shown_path(&a.path),
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
    write_stdout(&text)?;
    reported?;
    Ok(super::validate::batch_exit(could_not_run, summary))
}

/// `verify --report`: never over a dossier, a bundle or a key given.
fn refuse_verify_inputs(report: &Path, args: &VerifyArgs) -> Result<(), Failure> {
    let target = super::outputs::Target::new(report)?;
    target.refuse_inputs(
        args.files
            .iter()
            .chain(&args.dossiers)
            .map(PathBuf::as_path),
        ("材料包", "dossier"),
    )?;
    let applicant_keys = super::outputs::trusted_key_files(&args.trusted_key);
    target.refuse_inputs(
        applicant_keys
            .iter()
            .chain(args.office_key.iter().map(|(_, path)| path))
            .map(PathBuf::as_path),
        ("公钥", "public key"),
    )?;
    super::outputs::refuse_profile(&target, args.profile.call.as_deref())
}

/// `-o` naming a folder (one that exists, or written with a trailing `/`)
/// puts the dossier in it under its default name; a folder that does not
/// exist is said to be one, not "a part of the path is a file".
fn into_folder(output: &Path, default_name: &str) -> Result<PathBuf, Failure> {
    let written = output.as_os_str().to_string_lossy();
    let names_folder = written.ends_with('/') || written.ends_with(std::path::MAIN_SEPARATOR);
    if output.is_dir() {
        return Ok(output.join(default_name));
    }
    if names_folder {
        let err = std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder");
        return Err(output_not_written(output, &err));
    }
    Ok(output.to_path_buf())
}
