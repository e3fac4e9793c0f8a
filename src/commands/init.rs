//! `shenbao init [DIR]`: a commented template and the schema beside it, so
//! editors with the YAML language server complete and check every field.

use super::{Context, EXIT_CANNOT_RUN, EXIT_OK};
use crate::atomic;
use crate::cli::InitArgs;
use crate::inputs::DECLARATION_FILE;
use shenbao_check::schema::SCHEMA_TEXT;

/// The checked-in template: a notice that it is generated (`crate::shape`),
/// then what `init` writes.
pub const TEMPLATE_FILE: &str = include_str!("../../schemas/init-template.yaml");
/// The schema file name the template's first line refers to.
pub const SCHEMA_FILE: &str = "shenbao.schema.json";

/// The template `init` writes (its first line points editors at the schema).
pub fn template() -> &'static str {
    crate::shape::template_body(TEMPLATE_FILE)
}

pub fn run(args: &InitArgs, context: Context) -> i32 {
    let declaration = args.dir.join(DECLARATION_FILE);
    if declaration.exists() && !args.force {
        eprintln!(
            "{} {}\n{}",
            context.t("shenbao: 文件已存在：", "shenbao: file exists:"),
            declaration.display(),
            context.t(
                "  提示：加 --force 覆盖，或换一个文件夹",
                "  help: pass --force to overwrite it, or choose another folder"
            )
        );
        return EXIT_CANNOT_RUN;
    }
    let result = std::fs::create_dir_all(&args.dir)
        .and_then(|()| atomic::write(&args.dir.join(SCHEMA_FILE), SCHEMA_TEXT.as_bytes()))
        .and_then(|()| atomic::write(&declaration, template().as_bytes()));
    match result {
        Ok(()) => {
            println!(
                "{} {}\n{}",
                context.t("已生成", "wrote"),
                declaration.display(),
                context.t(
                    "  下一步：填写各字段后运行 `shenbao validate`",
                    "  next: fill in the fields, then run `shenbao validate`"
                )
            );
            EXIT_OK
        }
        Err(err) => {
            eprintln!(
                "{} {}: {err}",
                context.t("shenbao: 无法写入", "shenbao: cannot write"),
                args.dir.display()
            );
            EXIT_CANNOT_RUN
        }
    }
}
