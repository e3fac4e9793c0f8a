//! `shenbao explain CODE`: a rule's documentation, from the registry.

use super::{write_stdout, Context, EXIT_CANNOT_RUN};
use crate::cli::ExplainArgs;
use crate::registry::{all_rules, find_rule, rules_markdown};

pub fn run(args: &ExplainArgs, context: Context) -> i32 {
    if args.all {
        if args.markdown {
            return write_stdout(&rules_markdown());
        }
        let text: Vec<String> = all_rules()
            .iter()
            .map(|r| r.explain(context.lang))
            .collect();
        return write_stdout(&(text.join("\n\n") + "\n"));
    }
    let code = args.code.as_deref().unwrap_or_default();
    match find_rule(code) {
        Some(rule) => write_stdout(&(rule.explain(context.lang) + "\n")),
        None => {
            let known: Vec<&str> = all_rules().iter().map(|r| r.code).collect();
            eprintln!(
                "{} `{code}`\n{} {}",
                context.t(
                    "shenbao: 没有这个诊断代码",
                    "shenbao: no such diagnostic code"
                ),
                context.t("已知代码：", "known codes:"),
                known.join(" ")
            );
            EXIT_CANNOT_RUN
        }
    }
}
