//! A parser error → one coded diagnostic with a position and a fix.

use super::diags;
use super::source::Source;
use crate::diagnostic::{Diagnostic, Location, Text};
use serde_saphyr::Error;

pub fn diagnose(source: &Source, err: &Error) -> Diagnostic {
    let location = position(source, err);
    let detail = detail(err);
    let diagnostic = match err {
        Error::MultipleDocuments { .. } => multiple_documents(),
        _ if detail.contains("Documents {") => multiple_documents(),
        _ if is_budget(&detail) => {
            let (zh, en) = budget_words(&detail);
            Diagnostic::new(
                diags::BUDGET.code,
                Text::new(
                    format!("YAML 超出处理限额：{zh}"),
                    format!("YAML exceeds a processing limit: {en}"),
                ),
            )
            .help(budget_help())
        }
        Error::DuplicateMappingKey { key, .. } => {
            let key = key.clone().unwrap_or_default();
            Diagnostic::new(
                diags::DUPLICATE_KEY.code,
                Text::new(
                    format!("字段 `{key}` 在同一层级重复出现"),
                    format!("the key `{key}` appears twice in the same mapping"),
                ),
            )
            .help(Text::new(
                "删去其中一个，只保留正确的值",
                "delete one of them and keep the correct value",
            ))
        }
        Error::Budget { .. }
        | Error::AliasReplayCounterOverflow { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => {
            let (zh, en) = budget_words(&detail);
            Diagnostic::new(
                diags::BUDGET.code,
                Text::new(
                    format!("YAML 超出处理限额：{zh}"),
                    format!("YAML exceeds a processing limit: {en}"),
                ),
            )
            .help(budget_help())
        }
        _ if tab_indented(source, location) => Diagnostic::new(
            diags::TAB_INDENT.code,
            Text::new(
                format!("第 {} 行用制表符（Tab）缩进", location.line),
                format!("line {} is indented with a tab", location.line),
            ),
        )
        .help(Text::new(
            "把行首的 Tab 换成空格（通常每级 2 个）",
            "replace the leading tab with spaces (usually 2 per level)",
        )),
        _ => Diagnostic::new(
            diags::SYNTAX.code,
            Text::new(
                format!("YAML 语法错误：{}", syntax_zh(&detail)),
                format!("YAML syntax error: {detail}"),
            ),
        )
        .help(syntax_help(&detail)),
    };
    diagnostic.located(location)
}

/// Budget breaches reach us in several variants (some wrapped as messages).
fn is_budget(detail: &str) -> bool {
    let lower = detail.to_ascii_lowercase();
    [
        "budget",
        "recursion limit",
        "alias replay",
        "alias expansion",
        "too deep",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
}

/// Which limit was hit, in words.
fn budget_words(detail: &str) -> (String, String) {
    use super::yaml::{MAX_ALIASES, MAX_DEPTH, MAX_NODES};
    let lower = detail.to_ascii_lowercase();
    if lower.contains("nodes {") || lower.contains("events {") {
        (
            format!("节点数超过 {MAX_NODES}（别名展开后）"),
            format!("more than {MAX_NODES} nodes (after alias expansion)"),
        )
    } else if lower.contains("alias") || lower.contains("anchor") {
        (
            format!("别名（*ref）引用或展开超过 {MAX_ALIASES} 次"),
            format!("more than {MAX_ALIASES} alias (*ref) references or expansions"),
        )
    } else if lower.contains("depth") || lower.contains("recursion") || lower.contains("nesting") {
        (
            format!("嵌套超过 {MAX_DEPTH} 层"),
            format!("nesting deeper than {MAX_DEPTH} levels"),
        )
    } else {
        (detail.to_string(), detail.to_string())
    }
}

fn multiple_documents() -> Diagnostic {
    Diagnostic::new(
        diags::MULTIPLE_DOCUMENTS.code,
        Text::new(
            "文件中有多个 YAML 文档（`---` 分隔）",
            "the file holds more than one YAML document (separated by `---`)",
        ),
    )
    .help(Text::new(
        "每个项目使用单独的 shenbao.yaml；删去第二个 `---` 及其后的内容",
        "use one shenbao.yaml per project; remove the second `---` and what follows",
    ))
}

fn budget_help() -> Text {
    Text::new(
        "申报文件不需要别名展开或深层嵌套；请直接写出各字段的值",
        "a declaration needs no alias expansion or deep nesting; write the values out",
    )
}

/// The parser's own words, without its location suffix.
fn detail(err: &Error) -> String {
    let text = err.to_string();
    let first = text.lines().next().unwrap_or_default();
    match first.find(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

fn position(source: &Source, err: &Error) -> Location {
    let Some(location) = err.location() else {
        return source.location(source.text.len(), 0);
    };
    let span = location.span();
    if let Some(offset) = span.byte_offset() {
        let len = span.byte_len().unwrap_or(0) as usize;
        return source.location(offset as usize, len.max(1));
    }
    let line = location.line() as usize;
    let column = location.column() as usize;
    if line == 0 {
        return source.location(0, 0);
    }
    let offset = source.offset_of(line, column.max(1));
    source.location(offset, 1)
}

/// The error sits on a line (or right after one) whose indentation has a tab.
fn tab_indented(source: &Source, location: Location) -> bool {
    let has_tab = |line: usize| {
        let text = source.line_text(line);
        text[..text.len() - text.trim_start().len()].contains('\t')
    };
    has_tab(location.line) || (location.line > 1 && has_tab(location.line - 1))
}

/// Chinese renderings of the parser messages people meet most.
fn syntax_zh(detail: &str) -> String {
    let lower = detail.to_ascii_lowercase();
    if lower.contains("quoted scalar") || lower.contains("quote") {
        format!("引号未闭合（{detail}）")
    } else if lower.contains("mapping values are not allowed") {
        format!("此处不能出现“键: 值”，可能缺少缩进或冒号后的值需要加引号（{detail}）")
    } else if lower.contains("indent") {
        format!("缩进不一致（{detail}）")
    } else {
        detail.to_string()
    }
}

fn syntax_help(detail: &str) -> Text {
    let lower = detail.to_ascii_lowercase();
    if lower.contains("quote") {
        Text::new(
            "补上结尾的引号；值中含有引号时改用另一种引号或转义",
            "add the closing quote; if the value contains a quote, use the other kind or escape it",
        )
    } else if lower.contains("mapping values are not allowed") {
        Text::new(
            "含有冒号加空格（\": \"）的值请用引号括起来，并检查缩进",
            "quote values that contain a colon followed by a space, and check the indentation",
        )
    } else {
        Text::new(
            "检查该位置及上一行的引号、缩进和冒号",
            "check the quotes, indentation and colons at this position and on the line before",
        )
    }
}
