//! `shenbao init [DIR]`: a commented template and the schema beside it, so
//! editors with the YAML language server complete and check every field.

use super::{output_not_written, write_stdout, Context, Failure, Outcome};
use crate::atomic;
use crate::cli::InitArgs;
use crate::diags;
use crate::inputs::DECLARATION_FILE;
use shenbao_check::schema::SCHEMA_TEXT;
use shenbao_diagnostic::{Diagnostic, Text};

/// The checked-in template: a notice that it is generated (`crate::shape`),
/// then what `init` writes.
pub const TEMPLATE_FILE: &str = include_str!("../../schemas/init-template.yaml");
/// The schema file name the template's first line refers to.
pub const SCHEMA_FILE: &str = "shenbao.schema.json";

/// The template `init` writes (its first line points editors at the schema).
pub fn template() -> &'static str {
    crate::shape::template_body(TEMPLATE_FILE)
}

pub fn run(args: &InitArgs, context: Context) -> Outcome {
    let declaration = args.dir.join(DECLARATION_FILE);
    if declaration.exists() && !args.force {
        let shown = shenbao_diagnostic::shown_path(&declaration);
        return Err(Failure::cannot_run(
            Diagnostic::new(
                &diags::OUTPUT_EXISTS,
                Text::new(
                    format!("文件已存在：{shown}"),
                    format!("file exists: {shown}"),
                ),
            )
            .help(Text::new(
                "加 --force 覆盖，或换一个文件夹",
                "pass --force to overwrite it, or choose another folder",
            )),
        ));
    }
    std::fs::create_dir_all(&args.dir).map_err(|err| output_not_written(&args.dir, &err))?;
    let schema = args.dir.join(SCHEMA_FILE);
    atomic::write(&schema, SCHEMA_TEXT.as_bytes())
        .map_err(|err| output_not_written(&schema, &err))?;
    atomic::write(&declaration, template().as_bytes())
        .map_err(|err| output_not_written(&declaration, &err))?;
    write_stdout(&format!(
        "{} {}\n{}\n",
        context.t("已生成", "wrote"),
        shenbao_diagnostic::shown_path(&declaration),
        context.t(
            "  下一步：填写各字段后运行 `shenbao validate`",
            "  next: fill in the fields, then run `shenbao validate`"
        )
    ))
}
