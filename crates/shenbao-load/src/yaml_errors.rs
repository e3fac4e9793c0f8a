//! A YAML error → one coded diagnostic with a position and a fix.

use super::diags;
use super::source::Source;
use super::yaml::{offset_of, Budget, Unsupported, YamlError, MAX_ALIASES, MAX_DEPTH, MAX_NODES};
use granit_parser::ErrorKind;
use shenbao_diagnostic::{Diagnostic, Text};

pub fn diagnose(source: &Source, err: &YamlError) -> Diagnostic {
    match err {
        YamlError::Syntax(scan) => syntax(source, scan),
        YamlError::DuplicateKey { key, at } => Diagnostic::new(
            &diags::DUPLICATE_KEY,
            Text::new(
                format!("字段 `{key}` 在同一层级重复出现"),
                format!("the key `{key}` appears twice in the same mapping"),
            ),
        )
        .help(Text::new(
            "删去其中一个，只保留正确的值",
            "delete one of them and keep the correct value",
        ))
        .located(source.location(at.0, at.1)),
        YamlError::MultipleDocuments { at } => Diagnostic::new(
            &diags::MULTIPLE_DOCUMENTS,
            Text::new(
                "文件中有多个 YAML 文档（`---` 分隔）",
                "the file holds more than one YAML document (separated by `---`)",
            ),
        )
        .help(Text::new(
            "每个项目使用单独的 shenbao.yaml；删去第二个 `---` 及其后的内容",
            "use one shenbao.yaml per project; remove the second `---` and what follows",
        ))
        .located(source.location(at.0, at.1.max(1))),
        YamlError::Budget { what, at } => budget(*what).located(source.location(at.0, at.1.max(1))),
        YamlError::Unsupported { what, at } => {
            let (zh, en, help_zh, help_en) = match what {
                Unsupported::ComplexKey => (
                    "字段名只能是简单的文字，不能是列表或映射".to_string(),
                    "keys must be plain text, not lists or mappings".to_string(),
                    "把它改成普通的“字段名: 值”",
                    "write an ordinary `key: value`",
                ),
                Unsupported::Tag(tag) => (
                    format!("不支持 YAML 标签 `{tag}`"),
                    format!("the YAML tag `{tag}` is not supported"),
                    "删去标签；要写文字时用引号括起来",
                    "remove the tag; to force text, quote the value",
                ),
                Unsupported::UnknownAnchor => (
                    "引用了未定义的锚点（*名称 之前没有 &名称）".to_string(),
                    "an alias refers to an anchor that is not defined before it".to_string(),
                    "直接写出值，或先用 &名称 定义锚点",
                    "write the value out, or define the &anchor first",
                ),
            };
            Diagnostic::new(&diags::SYNTAX, Text::new(zh, en))
                .help(Text::new(help_zh, help_en))
                .located(source.location(at.0, at.1.max(1)))
        }
    }
}

fn budget(what: Budget) -> Diagnostic {
    let (zh, en) = match what {
        Budget::Depth => (
            format!("嵌套超过 {MAX_DEPTH} 层"),
            format!("nesting deeper than {MAX_DEPTH} levels"),
        ),
        Budget::Nodes => (
            format!("节点数超过 {MAX_NODES}（别名展开后）"),
            format!("more than {MAX_NODES} nodes (after alias expansion)"),
        ),
        Budget::Aliases => (
            format!("别名（*ref）引用超过 {MAX_ALIASES} 次"),
            format!("more than {MAX_ALIASES} alias (*ref) references"),
        ),
    };
    Diagnostic::new(
        &diags::BUDGET,
        Text::new(
            format!("YAML 超出处理限额：{zh}"),
            format!("YAML exceeds a processing limit: {en}"),
        ),
    )
    .help(Text::new(
        "申报文件不需要别名展开或深层嵌套；请直接写出各字段的值",
        "a declaration needs no alias expansion or deep nesting; write the values out",
    ))
}

fn syntax(source: &Source, scan: &granit_parser::ScanError) -> Diagnostic {
    let offset = offset_of(&source.text, scan.marker()).min(source.text.len());
    let location = source.location(offset, 1);
    let detail = scan.kind().to_string();
    let diagnostic = match scan.kind() {
        ErrorKind::RecursionLimitExceeded => budget(Budget::Depth),
        ErrorKind::TabNotAllowed
        | ErrorKind::TabInBlockIndentation
        | ErrorKind::TabInIndentation
        | ErrorKind::TabAtBlockScalarStart
        | ErrorKind::TabInPlainScalar => tab(location.line),
        _ if tab_indented(source, location.line) => tab(location.line),
        ErrorKind::UnclosedQuotedScalar
        | ErrorKind::InvalidTrailingSingleQuotedScalar
        | ErrorKind::InvalidTrailingDoubleQuotedScalar => Diagnostic::new(
            &diags::SYNTAX,
            Text::new(
                "YAML 语法错误：引号未闭合",
                format!("YAML syntax error: {detail}"),
            ),
        )
        .help(Text::new(
            "补上结尾的引号；值中含有引号时改用另一种引号或转义",
            "add the closing quote; if the value contains a quote, use the other kind or escape it",
        )),
        ErrorKind::InvalidSimpleKey | ErrorKind::SimpleKeyExpected => Diagnostic::new(
            &diags::SYNTAX,
            Text::new(
                format!("YAML 语法错误：此处不能出现“键: 值”（{detail}）"),
                format!("YAML syntax error: a `key: value` is not allowed here ({detail})"),
            ),
        )
        .help(Text::new(
            "含有冒号加空格（\": \"）的值请用引号括起来，并检查缩进",
            "quote values that contain a colon followed by a space, and check the indentation",
        )),
        _ => Diagnostic::new(
            &diags::SYNTAX,
            Text::new(
                format!("YAML 语法错误：{detail}"),
                format!("YAML syntax error: {detail}"),
            ),
        )
        .help(Text::new(
            "检查该位置及上一行的引号、缩进和冒号",
            "check the quotes, indentation and colons at this position and on the line before",
        )),
    };
    diagnostic.located(location)
}

fn tab(line: usize) -> Diagnostic {
    Diagnostic::new(
        &diags::TAB_INDENT,
        Text::new(
            format!("第 {line} 行用制表符（Tab）缩进"),
            format!("line {line} is indented with a tab"),
        ),
    )
    .help(Text::new(
        "把行首的 Tab 换成空格（通常每级 2 个）",
        "replace the leading tab with spaces (usually 2 per level)",
    ))
}

/// The error sits on a line (or right after one) whose indentation has a tab.
fn tab_indented(source: &Source, line: usize) -> bool {
    let has_tab = |line: usize| {
        let text = source.line_text(line);
        text[..text.len() - text.trim_start().len()].contains('\t')
    };
    has_tab(line) || (line > 1 && has_tab(line - 1))
}
