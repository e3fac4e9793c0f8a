//! `shenbao form [PATH] [-o FILE.pdf]`: validate, then render the PDF form.
//! Errors → no PDF and exit 1; the file is written atomically.

use super::{
    load_profile, validated, write_stdout, Context, Validated, EXIT_CANNOT_RUN, EXIT_PROBLEMS,
};
use crate::atomic;
use crate::cli::FormArgs;
use crate::report::{human, FileResult};
use shenbao_check::rules::CheckOptions;
use shenbao_load::LoadOptions;
use std::path::PathBuf;

/// The default file name of the form, beside the declaration.
pub const DEFAULT_FORM_FILE: &str = "申报书.pdf";

pub fn run(args: &FormArgs, context: Context) -> i32 {
    let Some(profile) = load_profile(&args.profile, context) else {
        return EXIT_CANNOT_RUN;
    };
    let options = CheckOptions {
        strict: false,
        as_of: args.as_of,
    };
    let load = LoadOptions {
        encoding: args.encoding.into(),
    };
    let doing = (
        "✘ 申报文件有错误，未生成申报书",
        "✘ the declaration has errors; no form was written",
    );
    let Validated {
        path,
        document,
        raw,
    } = match validated(
        args.path.as_deref(),
        &profile,
        options,
        load,
        context,
        doing,
    ) {
        Ok(validated) => validated,
        Err(status) => return status,
    };
    let display = path.display().to_string();
    let style = human::Style {
        lang: context.lang,
        color: context.color,
    };
    let form = match shenbao_form::render(&document, &raw, &profile, None) {
        Ok(form) => form,
        Err(problems) => {
            let result = FileResult {
                path: display,
                diagnostics: problems,
            };
            eprint!(
                "{}",
                human::render_file(&result, &document.source.text, style)
            );
            return EXIT_PROBLEMS;
        }
    };
    let output = args.output.clone().unwrap_or_else(|| {
        document
            .dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("."))
            .join(DEFAULT_FORM_FILE)
    });
    if let Err(err) = atomic::write(&output, &form.pdf) {
        eprintln!("shenbao: {}: {err}", output.display());
        return EXIT_CANNOT_RUN;
    }
    let message = match context.lang {
        shenbao_diagnostic::Lang::Zh => format!(
            "✔ 已生成 {}（{} 页，{} KB，校验码 {}）\n",
            output.display(),
            form.pages,
            form.pdf.len().div_ceil(1024),
            form.code.short()
        ),
        shenbao_diagnostic::Lang::En => format!(
            "✔ wrote {} ({} pages, {} KB, verification code {})\n",
            output.display(),
            form.pages,
            form.pdf.len().div_ceil(1024),
            form.code.short()
        ),
    };
    write_stdout(&message)
}
