//! `shenbao form [PATH] [-o FILE.pdf]`: validate, then render the PDF form.
//! Errors → no PDF and exit 1; the file is written atomically.

use super::{
    load_profile, output_not_written, validated, write_stdout, Context, Failure, Outcome, Validated,
};
use crate::atomic;
use crate::cli::FormArgs;
use crate::report::FileResult;
use shenbao_check::rules::CheckOptions;
use shenbao_load::LoadOptions;
use std::path::PathBuf;

/// The default file name of the form, beside the declaration.
pub const DEFAULT_FORM_FILE: &str = "申报书.pdf";

pub fn run(args: &FormArgs, context: Context) -> Outcome {
    // A named output that is a folder, a FIFO or a device is refused before
    // any work (and again, with the inputs, once the form is rendered).
    if let Some(output) = &args.output {
        super::outputs::Target::new(output)?;
    }
    let profile = load_profile(&args.profile)?;
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
    } = validated(
        args.path.as_deref(),
        &profile,
        options,
        load,
        context,
        doing,
    )?;
    let form = shenbao_form::render(&document, &raw, &profile).map_err(|problems| {
        let result = FileResult {
            path: shenbao_diagnostic::shown_path(&path),
            diagnostics: problems,
        };
        Failure::problems(result, document.source.text.clone()).closing(doing.0, doing.1)
    })?;
    let output = args.output.clone().unwrap_or_else(|| {
        document
            .dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("."))
            .join(DEFAULT_FORM_FILE)
    });
    let target = super::outputs::Target::new(&output)?;
    target.refuse_inputs(
        super::outputs::declaration_inputs(&path, &document)
            .iter()
            .map(PathBuf::as_path),
        ("申报文件或附件", "declaration or attachment"),
    )?;
    atomic::write(&output, &form.pdf).map_err(|err| output_not_written(&output, &err))?;
    let message = match context.lang {
        shenbao_diagnostic::Lang::Zh => format!(
            "✔ 已生成 {}（{} 页，{} KB，校验码 {}）\n",
            shenbao_diagnostic::shown_path(&output),
            form.pages,
            form.pdf.len().div_ceil(1024),
            form.code.short()
        ),
        shenbao_diagnostic::Lang::En => format!(
            "✔ wrote {} ({} pages, {} KB, verification code {})\n",
            shenbao_diagnostic::shown_path(&output),
            form.pages,
            form.pdf.len().div_ceil(1024),
            form.code.short()
        ),
    };
    write_stdout(&message)
}
