//! `shenbao explain CODE`: a rule's documentation, from the registry.

use super::{write_stdout, Context, Failure, Outcome};
use crate::cli::ExplainArgs;
use crate::diags;
use crate::registry::{all_rules, find_rule, rules_markdown};
use shenbao_diagnostic::{Diagnostic, Text};

pub fn run(args: &ExplainArgs, context: Context) -> Outcome {
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
            let known = known.join(" ");
            Err(Failure::cannot_run(
                Diagnostic::new(
                    &diags::UNKNOWN_CODE,
                    Text::new(
                        format!("没有这个规则代码：`{}`", code.escape_debug()),
                        format!("no rule has the code `{}`", code.escape_debug()),
                    ),
                )
                .help(Text::new(
                    format!("已知代码：{known}"),
                    format!("known codes: {known}"),
                )),
            ))
        }
    }
}
