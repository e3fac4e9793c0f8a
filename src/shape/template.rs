//! The commented `shenbao.yaml` template: every field of the schema in
//! order, with the placeholder and hint of its `x-shenbao-template`, and a
//! Chinese comment that states the field's limits from the schema and the call
//! profile.

use super::field::Field;
use super::ShapeError;
use super::{Sources, SCHEMA_PATH};
use serde_json::Value;

/// The line `shenbao init` starts the file with.
pub const FIRST_LINE: &str = "# yaml-language-server: $schema=./shenbao.schema.json";
/// The column comments start at (in display width: a Chinese character is two).
const COMMENT_COLUMN: usize = 36;
/// Where comment lists wrap.
const WRAP: usize = 88;

/// The checked-in file: a notice for developers, then the template.
pub fn checked_in(src: &Sources) -> Result<String, ShapeError> {
    Ok(format!(
        "# GENERATED FILE, do not edit: src/shape/ writes it from {SCHEMA_PATH}\n\
         # and {}. Change those and run `SHENBAO_BLESS=1 cargo test --test shape`.\n\
         # `shenbao init` writes what follows this notice.\n\n{}",
        src.profile_path,
        body(src)?
    ))
}

/// What `shenbao init` writes.
pub fn body(src: &Sources) -> Result<String, ShapeError> {
    let year = src.profile.issued.get(..4).unwrap_or_default();
    let mut w = Writer::default();
    for line in [
        FIRST_LINE.to_string(),
        format!("# 新型信息消费示范项目申报信息（{year} 年）—— 由 `shenbao init` 生成。"),
        "# 请把所有“某某”“XXXX”和示例数字改为实际情况，然后运行 `shenbao validate`。".into(),
        "# 书写要点：代码、电话、邮编等看起来像数字的值要加英文引号；日期写成 2021-03-20；".into(),
        "# 布尔值只能写 true 或 false；多行中文请用 |- 块（不要用 >，它会在行间插入空格）。".into(),
        "# 各字段的说明见同一文件夹中的 shenbao.schema.json（支持 YAML 的编辑器在悬停时显示）。"
            .into(),
        String::new(),
    ] {
        w.lines.push(line);
    }
    let root = src.root();
    for field in root.properties() {
        if field.has_properties() {
            w.lines.push(String::new());
            w.lines.push(heading(&field));
            for note in section_notes(src, &field)? {
                w.lines.push(format!("# {note}"));
            }
            w.lines.push(format!("{}:", field.key));
            children(src, &mut w, &field, 2)?;
        } else {
            w.field(src, &root, &field, String::new())?;
        }
    }
    let mut text = w.lines.join("\n");
    text.push('\n');
    Ok(text)
}

fn heading(field: &Field) -> String {
    match field.template().hint {
        Some(hint) => format!("# ── {}（{hint}）──", field.title()),
        None => format!("# ── {} ──", field.title()),
    }
}

/// Comment lines under a section's heading: what the call profile adds.
/// Comment lines of the template.
type Lines = Vec<String>;

fn section_notes(src: &Sources, field: &Field) -> Result<Lines, ShapeError> {
    Ok(match field.profile_link() {
        Some("narrative") => vec![format!(
            "除注明“可选”的以外，每节不少于 {} 字（不计空格和换行），写具体做法、数据和成效。",
            src.profile.narrative.min_chars
        )],
        Some("attachments") => {
            let rules = &src.profile.attachments;
            let kind = src.field("attachments[].kind")?;
            let labels = kind.enum_labels();
            let required: Vec<String> = rules
                .required_kinds
                .iter()
                .map(|k| match labels.iter().find(|(value, _)| value == k) {
                    Some((_, label)) => format!("{k}（{label}）"),
                    None => k.clone(),
                })
                .collect();
            let extensions: Vec<&str> = rules.extensions.iter().map(|e| e.ext.as_str()).collect();
            vec![
                format!(
                    "文件类型：{}；单个文件不超过 {} MiB，全部附件合计不超过 {} MiB；",
                    extensions.join("、"),
                    rules.max_file_mib,
                    rules.max_total_mib
                ),
                format!(
                    "文件名和文件夹名每段不超过 {} 字。必须包含的附件：{}。",
                    rules.max_name_chars,
                    required.join("、")
                ),
            ]
        }
        _ => Vec::new(),
    })
}

/// The properties of an object or of a list's one example item.
fn children(src: &Sources, w: &mut Writer, field: &Field, indent: usize) -> Result<(), ShapeError> {
    let spaces = " ".repeat(indent);
    if field.node.get("properties").is_some() {
        for child in field.properties() {
            w.field(src, field, &child, spaces.clone())?;
        }
        return Ok(());
    }
    let items = field
        .items()
        .ok_or_else(|| format!("`{}` has no items", field.key))?;
    for (i, child) in items.properties().iter().enumerate() {
        let lead = if i == 0 {
            format!("{spaces}- ")
        } else {
            format!("{spaces}  ")
        };
        w.field(src, &items, child, lead)?;
    }
    Ok(())
}

#[derive(Default)]
struct Writer {
    lines: Vec<String>,
}

impl Writer {
    /// A line with its comment at the comment column.
    fn line(&mut self, text: String, comment: Option<String>) {
        match comment {
            Some(comment) => {
                let pad = COMMENT_COLUMN.saturating_sub(width(&text)).max(1);
                self.lines
                    .push(format!("{text}{}# {comment}", " ".repeat(pad)));
            }
            None => self.lines.push(text),
        }
    }

    /// One field: lines before it, its key line, then its value or children.
    /// `lead` is what goes before the key (its indent, and `- ` for the first
    /// field of a list item).
    fn field(
        &mut self,
        src: &Sources,
        parent: &Field,
        field: &Field,
        lead: String,
    ) -> Result<(), ShapeError> {
        let indent = " ".repeat(width(&lead));
        for line in before(src, field) {
            self.lines.push(format!("{indent}# {line}"));
        }
        let note = field.template();
        let comment = Some(comment(src, parent, field));
        let hash = if note.commented { "# " } else { "" };
        let key = field.key;
        let deeper = width(&lead) + 2;
        match field.json_type() {
            Some("object") => {
                self.line(format!("{lead}{hash}{key}:"), comment);
                children(src, self, field, deeper)?;
            }
            Some("array") if field.has_properties() => {
                self.line(format!("{lead}{hash}{key}:"), comment);
                children(src, self, field, deeper)?;
            }
            Some("array") => {
                self.line(format!("{lead}{hash}{key}:"), comment);
                let items = field
                    .items()
                    .ok_or_else(|| format!("`{key}` has no items"))?;
                let values = note
                    .value
                    .and_then(Value::as_array)
                    .ok_or_else(|| missing(key))?;
                for value in values {
                    self.lines.push(format!(
                        "{}{hash}- {}",
                        " ".repeat(deeper),
                        scalar(&items, value)
                    ));
                }
            }
            _ if note.block => {
                let text = note
                    .value
                    .and_then(Value::as_str)
                    .ok_or_else(|| missing(key))?;
                self.line(format!("{lead}{hash}{key}: |-"), comment);
                self.lines
                    .push(format!("{}{hash}{text}", " ".repeat(deeper)));
            }
            _ => {
                let value = note
                    .value
                    .or_else(|| field.node.get("default"))
                    .or_else(|| field.node.get("const"))
                    .ok_or_else(|| missing(key))?;
                self.line(
                    format!("{lead}{hash}{key}: {}", scalar(field, value)),
                    comment,
                );
            }
        }
        Ok(())
    }
}

fn missing(key: &str) -> String {
    format!("`{key}` has no x-shenbao-template value for the template")
}

/// Lists ahead of a field: the categories, or the labelled values of an enum.
fn before(src: &Sources, field: &Field) -> Vec<String> {
    let items: Vec<String> = if field.profile_link() == Some("categories") {
        src.profile
            .categories
            .iter()
            .map(|c| format!("{} {}", c.number, c.name))
            .collect()
    } else {
        field
            .enum_labels()
            .iter()
            .map(|(value, label)| format!("{value} {label}"))
            .collect()
    };
    if items.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![match field.template().before {
        Some(lead) => format!("{}：{lead}：", field.title()),
        None => format!("{}：", field.title()),
    }];
    let mut current = String::from("  ");
    let count = items.len();
    for (i, item) in items.into_iter().enumerate() {
        let piece = if i + 1 < count {
            format!("{item} /")
        } else {
            item
        };
        if current.trim().is_empty() {
            current.push_str(&piece);
        } else if width(&current) + 1 + width(&piece) > WRAP {
            lines.push(std::mem::replace(&mut current, format!("  {piece}")));
        } else {
            current.push(' ');
            current.push_str(&piece);
        }
    }
    lines.push(current);
    lines
}

/// `标题（可选，4–100 字，提示，加引号）`: what a writer must know, from the
/// schema and the call profile.
fn comment(src: &Sources, parent: &Field, field: &Field) -> String {
    let mut head = field.title().to_string();
    let mut parts: Vec<String> = Vec::new();
    if !field.required {
        parts.push(
            if field.advised().is_some() {
                "建议填写"
            } else {
                "可选"
            }
            .into(),
        );
    }
    if let Some(constant) = field.node.get("const") {
        parts.push(format!("保持为 {constant}"));
    }
    let values = field.enum_values();
    if !values.is_empty() && field.enum_labels().is_empty() {
        head = format!("{head}：{}", values.join(" / "));
    }
    let narrative_floor = parent.profile_link() == Some("narrative")
        && src
            .profile
            .narrative
            .required
            .iter()
            .any(|k| k == field.key);
    if narrative_floor {
        parts.push(format!("不少于 {} 字", src.profile.narrative.min_chars));
    } else if let Some(n) = field.digits() {
        parts.push(format!("{n} 位数字"));
    } else if let Some(n) = field.fixed_length() {
        parts.push(format!("{n} 位"));
    } else if let Some(bounds) = field.length().zh("字", "位") {
        parts.push(bounds);
    }
    if let Some(count) = field.count().zh("个", "个") {
        parts.push(count);
    }
    if field.node.get("uniqueItems") == Some(&Value::Bool(true)) {
        parts.push("不重复".into());
    }
    if let Some(unit) = field.unit() {
        parts.push(unit.into());
    }
    match field.profile_link() {
        Some("deadline") => {
            let (deadline, _) = src.profile.deadline();
            parts.push(format!("不晚于 {deadline}"));
        }
        Some("online_system") => parts.push(src.profile.online_system.url.clone()),
        Some("paper_channels") => {
            let channels: Vec<String> = src
                .profile
                .paper_channels
                .iter()
                .map(|c| format!("{}（{}）", c.id, c.name))
                .collect();
            head = format!("{head}：{}", channels.join(" 或 "));
        }
        _ => {}
    }
    if let Some(hint) = field.template().hint {
        parts.push(hint.into());
    }
    if field.quoted() {
        parts.push("加引号".into());
    }
    if parts.is_empty() {
        head
    } else if let Some(open) = head.strip_suffix('）') {
        format!("{open}，{}）", parts.join("，"))
    } else {
        format!("{head}（{}）", parts.join("，"))
    }
}

/// A value as YAML: plain where YAML 1.2 reads it as the same string (enum
/// values, dates, lower-case identifiers and paths), quoted otherwise.
fn scalar(field: &Field, value: &Value) -> String {
    match value {
        Value::String(s) => {
            let plain = !field.quoted()
                && (field.enum_values().contains(&s.as_str())
                    || field.format() == Some("date")
                    || is_identifier(s));
            if plain {
                s.clone()
            } else {
                format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
            }
        }
        other => other.to_string(),
    }
}

/// `ems`, `not_yet`, `miit-xxxf-2021`, `attachments/business-licence.pdf`.
fn is_identifier(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.' | '/')
        })
        && !matches!(s, "true" | "false" | "null")
}

/// Display width: Chinese characters and full-width forms take two columns.
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let wide = matches!(c as u32,
                0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}
