//! A YAML error → one coded diagnostic with a position and a fix.

use super::diags;
use super::lookalike::{Kind, Lookalike};
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
                "YAML 语法错误：此处不能出现“键: 值”",
                "YAML syntax error: a `key: value` is not allowed here",
            ),
        )
        .help(Text::new(
            "含有冒号加空格（\": \"）的值请用引号括起来，并检查缩进",
            "quote values that contain a colon followed by a space, and check the indentation",
        )),
        kind => Diagnostic::new(
            &diags::SYNTAX,
            Text::new(
                format!("YAML 语法错误：{}", parser_says(kind).zh),
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

/// What the YAML parser said, in both languages: the English is the
/// parser's own words, the Chinese says the same for the kinds a declaration
/// can meet, and something true but general for the rest.
pub fn parser_says(kind: &ErrorKind) -> Text {
    let zh =
        match kind {
            ErrorKind::UnexpectedEofFlowSequence
            | ErrorKind::UnclosedFlowCollection { open: '[' } => "方括号列表 [ … ] 没有结束",
            ErrorKind::UnexpectedEofFlowMapping
            | ErrorKind::UnexpectedEofImplicitFlowMapping
            | ErrorKind::UnclosedFlowCollection { .. } => "花括号 { … } 没有结束",
            ErrorKind::UnexpectedEofBlockSequence
            | ErrorKind::UnexpectedEofBlockMapping
            | ErrorKind::UnexpectedEof => "文件在一个结构的中间结束",
            ErrorKind::ExpectedNodeContent => "此处缺少值",
            ErrorKind::ExpectedBlockMappingKey => "此处应为“字段名: 值”，但没有找到字段名",
            ErrorKind::ExpectedBlockSequenceEntry => "此处应为以“- ”开头的列表项",
            ErrorKind::ExpectedFlowMappingSeparator => "花括号中的项之间应以逗号分隔",
            ErrorKind::ExpectedFlowSequenceSeparator => "方括号列表中的项之间应以逗号分隔",
            ErrorKind::SimpleKeyExpected | ErrorKind::InvalidSimpleKey => {
                "此处应为“字段名: 值”，但没有找到冒号和空格"
            }
            ErrorKind::InvalidIndentation
            | ErrorKind::InvalidBlockScalarIndent
            | ErrorKind::InvalidQuotedScalarIndent
            | ErrorKind::InvalidFlowScalarIndent => "缩进与同一层级的其他行不一致",
            ErrorKind::UnexpectedCharacter { .. } => "此处出现了 YAML 中有特殊含义的字符",
            ErrorKind::UnclosedQuotedScalar => "引号没有闭合",
            ErrorKind::InvalidTrailingSingleQuotedScalar
            | ErrorKind::InvalidTrailingDoubleQuotedScalar => "引号闭合后还有多余的内容",
            ErrorKind::UnknownQuotedScalarEscape
            | ErrorKind::InvalidQuotedScalarHexEscape
            | ErrorKind::InvalidUnicodeEscape => "双引号中的反斜杠（\\）转义不正确",
            ErrorKind::CommentNotSeparated => "注释符号 # 前缺少空格",
            ErrorKind::CommentInterceptedScalar => "注释打断了一段多行文字",
            ErrorKind::MappingValueNotAllowed | ErrorKind::InvalidMappingValueWhitespace => {
                "此处不能出现冒号加空格（“: ”）"
            }
            ErrorKind::BlockSequenceEntryNotAllowed | ErrorKind::BlockEntryInFlowCollection => {
                "此处不能开始一个“- ”列表项"
            }
            ErrorKind::MisplacedFlowCollectionEnd
            | ErrorKind::MismatchedFlowCollectionEnd { .. } => "括号不配对",
            ErrorKind::InvalidBlockScalarHeader | ErrorKind::ZeroBlockScalarIndent => {
                "多行文字标记 | 或 > 后面只能跟 -、+ 或注释"
            }
            ErrorKind::BomInsideDocument => "文件中间出现了字节顺序标记（BOM）",
            ErrorKind::InvalidDocumentEnd | ErrorKind::ExpectedDocumentStart => {
                "文档分隔符 --- 或 ... 的位置不对"
            }
            _ => "文件结构无法识别",
        };
    Text::new(zh, kind.to_string())
}

/// A look-alike character, named, with the fix.
pub fn lookalike(source: &Source, found: &Lookalike) -> Diagnostic {
    let typed = &source.text[found.offset..found.offset + found.len];
    let (rule, zh, en, help_zh, help_en) = match found.kind {
        Kind::FullWidthColon => (
            &diags::FULL_WIDTH_COLON,
            "字段名后用了全角冒号“：”（U+FF1A）".to_string(),
            "a full-width colon “：” (U+FF1A) after a key".to_string(),
            "英文冒号加空格",
            "an ASCII colon and a space",
        ),
        Kind::NoSpaceAfterColon => (
            &diags::NO_SPACE_AFTER_COLON,
            "字段名的冒号后缺少空格".to_string(),
            "no space after the key's colon".to_string(),
            "冒号后加空格",
            "a space after the colon",
        ),
        Kind::FullWidthIndent => (
            &diags::FULL_WIDTH_INDENT,
            "缩进中有全角空格（U+3000）".to_string(),
            "a full-width space (U+3000) in the indentation".to_string(),
            "每个全角空格换成两个半角空格",
            "two ASCII spaces for each full-width one",
        ),
        Kind::ChineseQuotes => {
            let quotes: String = typed
                .chars()
                .filter(|c| matches!(c, '“' | '”' | '＂' | '‘' | '’' | '"'))
                .take(1)
                .chain(typed.chars().last())
                .collect();
            (
                &diags::CHINESE_QUOTES,
                format!("值用中文或全角引号 {quotes} 括起，引号会成为值的一部分"),
                format!("the value is wrapped in Chinese or full-width quotes {quotes}, which become part of it"),
                "英文双引号",
                "ASCII double quotes",
            )
        }
    };
    let fixed = fixed_line(source, found);
    Diagnostic::new(rule, Text::new(zh, en))
        .help(Text::new(
            format!("改为 `{fixed}`（{help_zh}）；运行 `shenbao validate --fix` 可自动改正"),
            format!("write `{fixed}` ({help_en}); `shenbao validate --fix` corrects it"),
        ))
        .located(source.location(found.offset, found.len))
}

/// The line of `found` as it reads once fixed (without its indentation,
/// shortened), to show in the help.
fn fixed_line(source: &Source, found: &Lookalike) -> String {
    let text = &source.text;
    let start = text[..found.offset].rfind('\n').map_or(0, |i| i + 1);
    let mut end = text[found.offset..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| found.offset + i);
    // Without its comment: the fix is what matters.
    let after = (found.offset + found.len).min(end);
    if let Some(comment) = text[after..end].find(" #") {
        end = after + comment;
    }
    let line = format!(
        "{}{}{}",
        &text[start..found.offset],
        found.replacement,
        &text[(found.offset + found.len).min(end)..end]
    );
    let line = line.trim_matches([' ', '\u{3000}']);
    let mut chars = line.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// Look-alikes found in a file YAML could not read: each is reported, and
/// the parser's own words become a second line of the one at or before the
/// place it stopped.
pub fn lookalikes_with_parser(
    source: &Source,
    found: &[Lookalike],
    parser: &Diagnostic,
) -> Vec<Diagnostic> {
    let stopped = parser.location.map_or(usize::MAX, |l| l.offset);
    let nearest = found.iter().rposition(|f| f.offset <= stopped).unwrap_or(0);
    found
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut diagnostic = lookalike(source, f);
            if i == nearest {
                let line = parser.location.map_or(0, |l| l.line);
                let said = |text: &str, prefix: &str| -> String {
                    text.strip_prefix(prefix).unwrap_or(text).to_string()
                };
                let mut help = diagnostic.help.take().unwrap_or_else(|| Text::new("", ""));
                help.zh.push_str(&format!(
                    "。YAML 解析器在第 {line} 行停下：{}",
                    said(&parser.message.zh, "YAML 语法错误：")
                ));
                help.en.push_str(&format!(
                    ". The YAML parser stopped on line {line}: {}",
                    said(&parser.message.en, "YAML syntax error: ")
                ));
                diagnostic.help = Some(help);
            }
            diagnostic
        })
        .collect()
}
