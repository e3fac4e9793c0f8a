//! The schema family: the embedded JSON Schema (draft 2020-12) applied to the
//! document, each error turned into a coded, bilingual diagnostic that names the
//! field by its Chinese title and says how to fix it.

pub mod diags;
pub mod fields;

use jsonschema::error::ValidationErrorKind;
use jsonschema::ValidationError;
use serde_json::Value;
use shenbao_diagnostic::{Diagnostic, Text};
use shenbao_load::pointer;
use std::sync::OnceLock;

/// The declaration schema, as shipped in `schemas/`.
pub const SCHEMA_TEXT: &str = include_str!("../../../../schemas/declaration.schema.json");

/// A compiled JSON Schema whose titles and descriptions feed the messages.
pub struct Schema {
    value: Value,
    validator: jsonschema::Validator,
}

/// An address mail can reach: one `@`, a local part without spaces, and a
/// domain of two or more labels whose last (the suffix) is letters, as in
/// `wang@chengheng.com.cn`. The e-mail format of the JSON Schema standard also
/// takes `wang@chengheng`, a name only a local network resolves, which an
/// applicant writes when the suffix was forgotten.
fn is_mail_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let label_ok = |label: &str| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let labels: Vec<&str> = domain.split('.').collect();
    let suffix = labels.last().copied().unwrap_or_default();
    !local.is_empty()
        && !local
            .chars()
            .any(|c| c.is_whitespace() || "@,;<>()[]\\\"".contains(c))
        && labels.len() >= 2
        && labels.iter().all(|l| label_ok(l))
        && suffix.chars().count() >= 2
        && suffix.chars().all(char::is_alphabetic)
}

impl Schema {
    /// Compile a schema embedded in the binary (draft 2020-12, formats
    /// checked). Only embedded text comes here, and the tests compile each, so
    /// a failure is a fault in shenbao's build, not in anything a user gave.
    pub fn embedded(name: &str, text: &'static str) -> Schema {
        let value: Value = serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("embedded schema {name} is not JSON: {e}"));
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .with_format("email", is_mail_address)
            .build(&value)
            .unwrap_or_else(|e| panic!("embedded schema {name} does not compile: {e}"));
        Schema { value, validator }
    }

    /// The embedded declaration schema.
    pub fn declaration() -> &'static Schema {
        static SCHEMA: OnceLock<Schema> = OnceLock::new();
        SCHEMA.get_or_init(|| Schema::embedded("declaration.schema.json", SCHEMA_TEXT))
    }

    pub fn value(&self) -> &Value {
        &self.value
    }

    /// Check a document; every error as a coded diagnostic.
    pub fn check(&self, document: &Value) -> Vec<Diagnostic> {
        if self.validator.is_valid(document) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for error in self.validator.iter_errors(document) {
            self.translate(&error, &mut out);
        }
        dedupe(out)
    }
}

/// Check a declaration against the embedded schema.
pub fn check(document: &Value) -> Vec<Diagnostic> {
    Schema::declaration().check(document)
}

fn dedupe(mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // A value of the wrong type also fails its enum, length, range… checks:
    // those are consequences, and the type error alone says what to fix.
    let mistyped: Vec<String> = out
        .iter()
        .filter(|d| d.code == diags::WRONG_TYPE.code)
        .map(|d| d.pointer.clone())
        .collect();
    out.retain(|d| d.code == diags::WRONG_TYPE.code || d.at_key || !mistyped.contains(&d.pointer));
    out
}

/// Title and description of the schema node that owns `schema_path`'s keyword.
struct FieldDoc {
    title: String,
    description: String,
}

/// Follow a schema path as jsonschema reports it: `$ref` segments jump to the
/// referenced definition.
fn schema_node<'s>(schema: &'s Value, path: &str) -> Option<&'s Value> {
    let mut node = schema;
    for segment in path.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        node = if segment == "$ref" {
            let target = node.get("$ref")?.as_str()?;
            schema.pointer(target.strip_prefix('#')?)?
        } else {
            match node {
                Value::Object(map) => map.get(&segment)?,
                Value::Array(items) => items.get(segment.parse::<usize>().ok()?)?,
                _ => return None,
            }
        };
    }
    Some(node)
}

fn field_doc(schema: &Value, subschema_path: &str) -> FieldDoc {
    let node = schema_node(schema, subschema_path);
    let get = |key: &str| {
        node.and_then(|n| n.get(key))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    FieldDoc {
        title: get("title"),
        description: get("description"),
    }
}

/// "中文。 / English." → (zh, en).
fn split_description(description: &str) -> Text {
    match description.split_once(" / ") {
        Some((zh, en)) => Text::new(zh.trim(), en.trim()),
        None => Text::new(description, description),
    }
}

/// Field as people name it: `applicant.credit_code（统一社会信用代码）`.
pub(crate) fn field_name(instance_pointer: &str, title: &str) -> String {
    let dotted = pointer::dotted(instance_pointer);
    let dotted = if dotted.is_empty() {
        "(root)".to_string()
    } else {
        dotted
    };
    if title.is_empty() {
        format!("`{dotted}`")
    } else {
        format!("`{dotted}`（{title}）")
    }
}

fn type_name(value: &Value) -> (&'static str, &'static str) {
    match value {
        Value::Null => ("空值", "empty (null)"),
        Value::Bool(_) => ("布尔值", "a boolean"),
        Value::Number(n) if n.is_f64() => ("小数", "a decimal number"),
        Value::Number(_) => ("整数", "an integer"),
        Value::String(_) => ("文字", "text"),
        Value::Array(_) => ("列表", "a list"),
        Value::Object(_) => ("字段映射", "a mapping"),
    }
}

fn expected_type_names(types: &Value) -> (String, String) {
    let names: Vec<&str> = match types {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let zh: Vec<&str> = names
        .iter()
        .map(|n| match *n {
            "string" => "文字",
            "integer" => "整数",
            "number" => "数字",
            "boolean" => "布尔值（true/false）",
            "array" => "列表",
            "object" => "字段映射",
            "null" => "空值",
            other => other,
        })
        .collect();
    let en: Vec<&str> = names
        .iter()
        .map(|n| match *n {
            "boolean" => "boolean (true/false)",
            "object" => "mapping",
            "array" => "list",
            other => other,
        })
        .collect();
    (zh.join("或"), en.join(" or "))
}

fn short(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}

fn parent_schema_path(schema_path: &str) -> &str {
    pointer::parent(schema_path)
}

impl Schema {
    fn translate(&self, error: &ValidationError, out: &mut Vec<Diagnostic>) {
        let schema = &self.value;
        let instance_pointer = error.instance_path().as_str().to_string();
        let schema_path = error.schema_path().as_str();
        let owner = parent_schema_path(schema_path);
        let doc = field_doc(schema, owner);
        let field = field_name(&instance_pointer, &doc.title);
        let instance = error.instance();
        let diagnostic = match error.kind() {
            ValidationErrorKind::Required { property } => {
                let property = property.as_str().unwrap_or_default();
                let child = pointer::join(&instance_pointer, property);
                let child_doc = field_doc(schema, &format!("{owner}/properties/{property}"));
                let name = field_name(&child, &child_doc.title);
                let mut d = Diagnostic::new(
                    &diags::MISSING_FIELD,
                    Text::new(
                        format!("缺少必填字段 {name}"),
                        format!("missing required field {name}"),
                    ),
                )
                .at_key(instance_pointer);
                if !child_doc.description.is_empty() {
                    d = d.help(split_description(&child_doc.description));
                }
                d
            }
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let allowed: Vec<String> = schema_node(schema, &format!("{owner}/properties"))
                    .and_then(Value::as_object)
                    .map(|m| m.keys().cloned().collect())
                    .unwrap_or_default();
                for key in unexpected {
                    let child = pointer::join(&instance_pointer, key);
                    let name = pointer::dotted(&child);
                    let help = match closest(key, &allowed) {
                        Some(best) => Text::new(
                            format!("是否应为 `{best}`？"),
                            format!("did you mean `{best}`?"),
                        ),
                        None => Text::new(
                            format!("此处允许的字段：{}", allowed.join(", ")),
                            format!("fields allowed here: {}", allowed.join(", ")),
                        ),
                    };
                    out.push(
                        Diagnostic::new(
                            &diags::UNKNOWN_FIELD,
                            Text::new(
                                format!("未知字段 `{name}`"),
                                format!("unknown field `{name}`"),
                            ),
                        )
                        .at_key(child)
                        .help(help),
                    );
                }
                return;
            }
            ValidationErrorKind::Type { .. } => {
                let expected = schema_node(schema, schema_path)
                    .cloned()
                    .unwrap_or(Value::Null);
                let (want_zh, want_en) = expected_type_names(&expected);
                let (got_zh, got_en) = type_name(instance);
                Diagnostic::new(
                    &diags::WRONG_TYPE,
                    Text::new(
                        format!(
                            "{field} 应为{want_zh}，实际是{got_zh} `{}`",
                            short(instance)
                        ),
                        format!(
                            "{field} must be {want_en}, found {got_en} `{}`",
                            short(instance)
                        ),
                    ),
                )
                .at(instance_pointer)
                .help(type_help(&expected, instance))
            }
            ValidationErrorKind::Enum { options } => {
                let labels = schema_node(schema, owner).and_then(|n| n.get("x-shenbao-enum"));
                not_allowed(&field, instance, options, labels, &instance_pointer)
            }
            ValidationErrorKind::Constant { expected_value } => not_allowed(
                &field,
                instance,
                &Value::Array(vec![(**expected_value).clone()]),
                None,
                &instance_pointer,
            ),
            ValidationErrorKind::OneOfNotValid { .. } | ValidationErrorKind::AnyOf { .. } => {
                // Only the category uses alternatives (a number 1–10 or a name).
                let own = field_doc(schema, owner);
                Diagnostic::new(
                    &diags::NOT_ALLOWED,
                    Text::new(
                        format!("{field} 的值 `{}` 不是允许的写法", short(instance)),
                        format!("{field}: `{}` is not an accepted value", short(instance)),
                    ),
                )
                .at(instance_pointer)
                .help(category_help(
                    instance,
                    schema_node(schema, owner),
                    split_description(&own.description),
                ))
            }
            ValidationErrorKind::Format { format } => {
                let (zh, en) = match format.as_str() {
                    "date" => (
                        "应为真实存在的日期，写作 YYYY-MM-DD（如 2021-03-20）",
                        "must be a real calendar date written YYYY-MM-DD (e.g. 2021-03-20)",
                    ),
                    "email" => ("不是有效的电子邮箱地址", "is not a valid e-mail address"),
                    _ => ("格式不对", "is not in the required format"),
                };
                let full_width = instance
                    .as_str()
                    .is_some_and(|t| t.contains(['。', '．', '＠']));
                let help = match format.as_str() {
                    "email" if full_width => Text::new(
                        "地址中的 。、． 和 ＠ 是全角字符，应改为半角的 . 和 @（切换到英文输入法再输入）",
                        "the 。, ． and ＠ in it are full-width: type them as . and @ (with the input method in English mode)",
                    ),
                    "email" => Text::new(
                        "写作 名字@单位域名：只有一个 @，不含空格，域名带后缀，\
                         如 zhoujing@chengheng-robot.com（没有后缀的地址收不到邮件）",
                        "write it name@domain: one @, no spaces, the domain with its suffix, \
                         as in zhoujing@chengheng-robot.com (mail cannot reach an address without one)",
                    ),
                    _ => Text::new(
                        format!("按 {format} 格式改写"),
                        format!("rewrite it as a valid {format}"),
                    ),
                };
                Diagnostic::new(
                    &diags::INVALID_FORMAT,
                    Text::new(
                        format!("{field} 的值 `{}` {zh}", short(instance)),
                        format!("{field}: `{}` {en}", short(instance)),
                    ),
                )
                .at(instance_pointer)
                .help(help)
            }
            ValidationErrorKind::Minimum { limit }
            | ValidationErrorKind::ExclusiveMinimum { limit } => range(
                &field,
                instance,
                "不能小于",
                "must not be less than",
                limit,
                &instance_pointer,
            ),
            ValidationErrorKind::Maximum { limit }
            | ValidationErrorKind::ExclusiveMaximum { limit } => range(
                &field,
                instance,
                "不能大于",
                "must not be greater than",
                limit,
                &instance_pointer,
            ),
            ValidationErrorKind::Pattern { .. } => Diagnostic::new(
                &diags::PATTERN_MISMATCH,
                Text::new(
                    format!("{field} 的值 `{}` 写法不对", short(instance)),
                    format!("{field}: `{}` is not written correctly", short(instance)),
                ),
            )
            .at(instance_pointer)
            .help(split_description(&doc.description)),
            ValidationErrorKind::MinLength { limit } => length(
                &field,
                instance,
                true,
                *limit,
                "个字",
                "characters",
                &instance_pointer,
            ),
            ValidationErrorKind::MaxLength { limit } => length(
                &field,
                instance,
                false,
                *limit,
                "个字",
                "characters",
                &instance_pointer,
            ),
            ValidationErrorKind::MinItems { limit } => length(
                &field,
                instance,
                true,
                *limit,
                "项",
                "items",
                &instance_pointer,
            ),
            ValidationErrorKind::MaxItems { limit } => length(
                &field,
                instance,
                false,
                *limit,
                "项",
                "items",
                &instance_pointer,
            ),
            ValidationErrorKind::UniqueItems => Diagnostic::new(
                &diags::BAD_LENGTH,
                Text::new(
                    format!("{field} 中有重复项"),
                    format!("{field} has duplicate items"),
                ),
            )
            .at(instance_pointer)
            .help(Text::new("删去重复的项", "remove the duplicates")),
            _ => Diagnostic::new(
                &diags::OTHER,
                Text::new(
                    format!("{field} 不符合申报文件格式：{error}"),
                    format!("{field} does not match the declaration format: {error}"),
                ),
            )
            .at(instance_pointer),
        };
        out.push(diagnostic);
    }
}

/// The category written another way than the guide's number or full name:
/// a quoted number ("4"), a short or numbered name (数字惠民, 4.数字惠民服务).
/// The suggestion is the number, which reads the same in every form.
fn category_help(instance: &Value, node: Option<&Value>, description: Text) -> Text {
    let names: Vec<&str> = node
        .and_then(|n| n["oneOf"].as_array())
        .and_then(|alternatives| alternatives.iter().find_map(|a| a["enum"].as_array()))
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(written) = instance.as_str().map(str::trim) else {
        return description;
    };
    let number = written
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=names.len()).contains(n))
        .or_else(|| {
            let name =
                written.trim_start_matches(|c: char| c.is_ascii_digit() || ".、． ".contains(c));
            let matching: Vec<usize> = if name.is_empty() {
                Vec::new()
            } else {
                names
                    .iter()
                    .enumerate()
                    .filter(|(_, full)| full.contains(name) || name.contains(*full))
                    .map(|(i, _)| i + 1)
                    .collect()
            };
            (matching.len() == 1).then(|| matching[0])
        });
    let quoted = written.parse::<usize>().is_ok();
    let (quotes_zh, quotes_en) = if quoted {
        ("写序号时不加引号。", "A number is written without quotes. ")
    } else {
        ("", "")
    };
    match number {
        Some(n) => Text::new(
            format!(
                "是否应为 `category: {n}`（{}）？{quotes_zh}{}",
                names[n - 1],
                description.zh
            ),
            format!(
                "did you mean `category: {n}` ({})? {quotes_en}{}",
                names[n - 1],
                description.en
            ),
        ),
        None => description,
    }
}

/// The allowed value whose Chinese label (`x-shenbao-enum`) is the one
/// written, or the only one that holds it (省 → province), as
/// `province`（省）.
fn by_label(written: &str, labels: Option<&Value>) -> Option<String> {
    let labels = labels?.as_object()?;
    let written = written.trim();
    let label = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let exact = labels.iter().find(|(_, l)| l.as_str() == Some(written));
    let holding: Vec<_> = labels
        .iter()
        .filter(|(_, l)| l.as_str().is_some_and(|l| l.contains(written)))
        .collect();
    exact
        .or_else(|| (holding.len() == 1).then(|| holding[0]))
        .map(|(value, l)| format!("`{value}`（{}）", label(l)))
}

fn not_allowed(
    field: &str,
    instance: &Value,
    options: &Value,
    labels: Option<&Value>,
    at: &str,
) -> Diagnostic {
    let listed: Vec<String> = options
        .as_array()
        .map(|a| a.iter().map(short).collect())
        .unwrap_or_default();
    let suggestion = instance
        .as_str()
        .and_then(|s| by_label(s, labels).or_else(|| closest(s, &listed).map(|b| format!("`{b}`"))))
        .map(|best| {
            (
                format!("是否应为 {best}？"),
                format!("did you mean {best}? "),
            )
        })
        .unwrap_or_default();
    Diagnostic::new(
        &diags::NOT_ALLOWED,
        Text::new(
            format!("{field} 的值 `{}` 不在允许范围内", short(instance)),
            format!("{field}: `{}` is not an allowed value", short(instance)),
        ),
    )
    .at(at)
    .help(Text::new(
        format!("{}可选值：{}", suggestion.0, listed.join(", ")),
        format!("{}allowed: {}", suggestion.1, listed.join(", ")),
    ))
}

fn range(field: &str, instance: &Value, zh: &str, en: &str, limit: &Value, at: &str) -> Diagnostic {
    Diagnostic::new(
        &diags::OUT_OF_RANGE,
        Text::new(
            format!("{field} 的值 {instance} {zh} {limit}"),
            format!("{field}: {instance} {en} {limit}"),
        ),
    )
    .at(at)
    .help(Text::new(
        "改为允许范围内的数值",
        "use a number within the allowed range",
    ))
}

fn length(
    field: &str,
    instance: &Value,
    too_short: bool,
    limit: u64,
    unit_zh: &str,
    unit_en: &str,
    at: &str,
) -> Diagnostic {
    let actual = match instance {
        Value::String(s) => s.chars().count(),
        Value::Array(a) => a.len(),
        _ => 0,
    };
    let (zh, en) = if too_short {
        (
            format!("{field} 只有 {actual} {unit_zh}，至少需要 {limit} {unit_zh}"),
            format!("{field} has {actual} {unit_en}; at least {limit} are required"),
        )
    } else {
        (
            format!("{field} 有 {actual} {unit_zh}，最多 {limit} {unit_zh}"),
            format!("{field} has {actual} {unit_en}; at most {limit} are allowed"),
        )
    };
    let help = if too_short {
        Text::new("补充内容", "say more")
    } else {
        Text::new("精简内容", "shorten it")
    };
    Diagnostic::new(&diags::BAD_LENGTH, Text::new(zh, en))
        .at(at)
        .help(help)
}

/// A fix for the common ways YAML mistypes a value.
fn type_help(expected: &Value, instance: &Value) -> Text {
    let wants = |t: &str| match expected {
        Value::String(s) => s == t,
        Value::Array(a) => a.iter().any(|v| v == t),
        _ => false,
    };
    match instance {
        Value::Number(n) if wants("string") => Text::new(
            format!("加引号写成文字：\"{n}\"（不加引号的长数字会被当作数字并可能丢失精度）"),
            format!("quote it to make it text: \"{n}\" (unquoted long numbers are read as numbers and may lose digits)"),
        ),
        Value::Bool(b) if wants("string") => Text::new(
            format!("加引号写成文字：\"{b}\""),
            format!("quote it to make it text: \"{b}\""),
        ),
        Value::String(s) if wants("boolean") => {
            let lower = s.to_ascii_lowercase();
            let guess = match lower.as_str() {
                "yes" | "y" | "on" | "是" | "true" => Some(true),
                "no" | "n" | "off" | "否" | "false" => Some(false),
                _ => None,
            };
            match guess {
                Some(b) => Text::new(
                    format!("YAML 1.2 中只有 true/false 是布尔值，`{s}` 是文字；请写 {b}"),
                    format!("in YAML 1.2 only true/false are booleans and `{s}` is text; write {b}"),
                ),
                None => Text::new("写 true 或 false", "write true or false"),
            }
        }
        Value::String(s) if wants("number") || wants("integer") => {
            let trimmed = s.trim();
            if trimmed.len() > 1 && trimmed.starts_with('0') && trimmed.bytes().all(|b| b.is_ascii_digit()) {
                Text::new(
                    format!("去掉前导零：{}（`{s}` 以 0 开头，按 YAML 1.2 是文字）", trimmed.trim_start_matches('0')),
                    format!("drop the leading zero: {} (`{s}` starts with 0, so YAML 1.2 reads it as text)", trimmed.trim_start_matches('0')),
                )
            } else {
                Text::new(
                    "只写数字，不加引号、单位或千位分隔符（金额单位固定为万元）",
                    "write a bare number, without quotes, units or thousands separators (amounts are in 万元)",
                )
            }
        }
        Value::String(_) if wants("array") => Text::new(
            "写成列表：[甲, 乙] 或每项一行，以“- ”开头",
            "write a list: [a, b], or one item per line starting with \"- \"",
        ),
        _ => Text::new("改为正确类型的值", "use a value of the right type"),
    }
}

/// The candidate closest to `word` by edit distance, if close enough to be a typo.
fn closest(word: &str, candidates: &[String]) -> Option<String> {
    let word: Vec<char> = word.to_lowercase().chars().collect();
    candidates
        .iter()
        .map(|c| {
            (
                edit_distance(&word, &c.to_lowercase().chars().collect::<Vec<_>>()),
                c,
            )
        })
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.clone())
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(prev + usize::from(ca != cb));
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {

    #[test]
    fn mail_addresses_need_a_domain_with_a_suffix() {
        for good in [
            "zhoujing@chengheng-robot.com",
            "wang.xy@chengheng.com.cn",
            "li+shenbao@163.com",
            "info@例子.中国",
        ] {
            assert!(is_mail_address(good), "{good}");
        }
        for bad in [
            "zhoujing@chengheng-robot",
            "zhoujing@",
            "@chengheng.com",
            "zhou jing@chengheng.com",
            "zhou@chengheng..com",
            "zhou@chengheng.c",
            "zhou@192.168.1.1",
            "zhou@-chengheng.com",
            "zhoujing.chengheng.com",
        ] {
            assert!(!is_mail_address(bad), "{bad}");
        }
    }
    use super::*;

    #[test]
    fn typo_suggestions() {
        let keys = vec!["legal_representative".to_string(), "legal_form".to_string()];
        assert_eq!(
            closest("legal_represntative", &keys).as_deref(),
            Some("legal_representative")
        );
        assert_eq!(closest("zzz", &keys), None);
    }

    #[test]
    fn embedded_schema_compiles_and_every_property_is_documented() {
        let schema = Schema::declaration().value();
        fn walk(node: &Value, path: &str, missing: &mut Vec<String>) {
            if let Some(props) = node.get("properties").and_then(Value::as_object) {
                for (name, sub) in props {
                    let here = format!("{path}/{name}");
                    let title = sub.get("title").and_then(Value::as_str).unwrap_or("");
                    let description = sub.get("description").and_then(Value::as_str).unwrap_or("");
                    if !title
                        .chars()
                        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                        || !description.contains(" / ")
                    {
                        missing.push(here.clone());
                    }
                    walk(sub, &here, missing);
                }
            }
            for key in ["items", "$defs"] {
                match node.get(key) {
                    Some(Value::Object(m)) if key == "$defs" => {
                        for (name, sub) in m {
                            walk(sub, &format!("{path}/$defs/{name}"), missing);
                        }
                    }
                    Some(sub) => walk(sub, &format!("{path}/{key}"), missing),
                    None => {}
                }
            }
        }
        let mut missing = Vec::new();
        walk(schema, "", &mut missing);
        assert!(
            missing.is_empty(),
            "properties without zh title / bilingual description: {missing:?}"
        );
    }
}
