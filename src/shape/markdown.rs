//! `docs/declaration.md`: the field reference, one table per object of the
//! schema, with the call profile's figures where the call adds to a field.

use super::field::{Bounds, Field};
use super::ShapeError;
use super::{Sources, SCHEMA_PATH, TEMPLATE_PATH};
use crate::registry::find_rule;
use serde_json::Value;
use std::fmt::Write;

pub fn declaration(src: &Sources) -> Result<String, ShapeError> {
    let mut out = String::new();
    intro(src, &mut out);
    let root = src.root();

    out.push_str("## Top level\n\n");
    table(src, &root, &mut out)?;
    out.push_str(
        "No other keys are allowed at any level (`additionalProperties: false`), so a misspelt key\n\
         such as `legal_represntative` is reported instead of being silently ignored.\n\n",
    );
    for field in root.properties() {
        if field.has_properties() {
            section(src, &field, field.key.to_string(), 2, &mut out)?;
        }
    }
    out.push_str(YAML_NOTES);
    Ok(out)
}

fn intro(src: &Sources, out: &mut String) {
    let id = src.schema["$id"].as_str().unwrap_or_default();
    let profile = &src.profile_path;
    let _ = write!(
        out,
        "# The declaration file: `shenbao.yaml`

<!-- Generated from {SCHEMA_PATH} and {profile} by src/shape/; do not edit by hand. Change those files and run `SHENBAO_BLESS=1 cargo test --test shape`. -->

One `shenbao.yaml` describes one application (申报) to MIIT's 2021 call for
新型信息消费示范项目. Everything that goes onto the application form
(《新型信息消费示范项目申报书》) comes from this file: the cover page (封面), table 1
(表一《申报单位基本情况》), table 2 (表二《项目基本情况》), part 3 (项目详细内容) and
the pledge (承诺). Attachment files sit in the same folder, usually in `attachments/`.

This page is generated from the one source of the file's shape: the declaration's JSON
Schema, [`{SCHEMA_PATH}`](../{SCHEMA_PATH}) (its titles, descriptions, limits and
examples, and its `x-shenbao-*` annotations: which part of the form a field feeds, how
the template writes it), and, for what the call decides (categories, channels, deadline,
quotas, the narrative's minimum length, attachment limits), the call profile
[`{profile}`](../{profile}). The checks read the same two files, so every limit below is
the one `shenbao validate` enforces. To change this page, change them and run
`SHENBAO_BLESS=1 cargo test --test shape`, which also rewrites the template.

* Schema: [`{SCHEMA_PATH}`](../{SCHEMA_PATH})
  (JSON Schema draft 2020-12, `$id` `{id}`).
  Every field has a Chinese `title` and a bilingual `description` (\"中文。 / English.\"),
  which editors show on hover and `shenbao` uses in its messages.
* Template: `shenbao init` writes [`{TEMPLATE_PATH}`](../{TEMPLATE_PATH})
  (generated from the same sources) as `shenbao.yaml`, with the schema next to it as
  `shenbao.schema.json`.
* Complete, passing examples: [`examples/`](../examples/README.md).

The schema checks shape only: types, required keys, allowed values, lengths, date and
e-mail formats. Facts that need more than one field or outside data (the credit code's
check character, the region in the code against the recommender, date order, the
deadline, quotas, whether attachment files exist) are separate rules, each with its own
code and clause of the call; `shenbao explain CODE` describes them ([`rules.md`](rules.md)).

Form layout caveat: the 2021 form template itself was not found in public sources
(see [`docs/sources/form_structure.md`](sources/form_structure.md)). The \"feeds\" column below follows the usual
layout of MIIT demonstration-project forms of those years; the call text confirms the
cover items 项目名称 / 申报单位 / 推荐单位, the ten categories, the deadline and the
delivery channels.

## Editor support

The first line of the file points the YAML language server (VS Code \"YAML\" extension,
and others) at the schema, which gives completion, hover help and live errors:

```yaml
# yaml-language-server: $schema=./shenbao.schema.json
```

Use a path relative to the file (`shenbao init` puts the schema beside it; the examples
use `../../{SCHEMA_PATH}`).

"
    );
}

/// A heading, what the call adds, the table, then the sub-objects' sections.
fn section(
    src: &Sources,
    field: &Field,
    path: String,
    level: usize,
    out: &mut String,
) -> Result<(), ShapeError> {
    let title = field.title();
    let _ = write!(out, "{} `{path}` — {title}", "#".repeat(level));
    match field.feeds() {
        Some(feeds) if feeds != title => {
            let _ = writeln!(out, " ({feeds})\n");
        }
        _ => out.push_str("\n\n"),
    }
    before_table(src, field, out);
    if field.items().is_some() && level > 2 {
        out.push_str("Each item of the list:\n\n");
    }
    table(src, field, out)?;
    after_table(src, field, out);
    for child in field.properties() {
        if child.has_properties() {
            section(src, &child, format!("{path}.{}", child.key), level + 1, out)?;
        }
    }
    for child in field.properties() {
        if child.profile_link() == Some("categories") {
            categories(src, out);
        }
    }
    Ok(())
}

/// Prose that the call profile's figures go into, ahead of a table.
fn before_table(src: &Sources, field: &Field, out: &mut String) {
    match field.profile_link() {
        Some("narrative") => {
            let rules = &src.profile.narrative;
            let sections: Vec<String> = rules.required.iter().map(|k| format!("`{k}`")).collect();
            let _ = write!(
                out,
                "Rule [P001](rules.md#p001) asks each of the sections {} for at least **{} characters**,\n\
                 not counting spaces and line breaks (the call profile's `narrative.min_chars`, a\n\
                 shenbao default: the call sets no length); the schema itself only requires the\n\
                 sections to be non-empty. Write each as a `|-` block (see YAML notes). Figures in\n\
                 `results` should agree with `project.metrics`.\n\n",
                sections.join(", "),
                rules.min_chars
            );
        }
        Some("attachments") => {
            let rules = &src.profile.attachments;
            let count = field.count();
            let at_least = count.min.unwrap_or(0);
            let kinds: Vec<String> = rules
                .required_kinds
                .iter()
                .map(|k| format!("`{k}`"))
                .collect();
            let extensions: Vec<String> = rules
                .extensions
                .iter()
                .map(|e| format!("`.{}`", e.ext))
                .collect();
            let _ = write!(
                out,
                "A list with at least {at_least} item{}. Paths are relative to the folder holding `shenbao.yaml`;\n\
                 use ASCII file names without spaces. The call profile sets the rules for the files\n\
                 (shenbao defaults: the call sets none):\n\n\
                 * required kinds: {} (rule [T009](rules.md#t009));\n\
                 * file types: {}, each recognised by its first bytes (rule [T004](rules.md#t004));\n\
                 * at most **{} MiB** per file and **{} MiB** for all attachments together (rule [T006](rules.md#t006));\n\
                 * at most **{} characters** per file or folder name (rule [T007](rules.md#t007)).\n\n",
                if at_least == 1 { "" } else { "s" },
                kinds.join(", "),
                extensions.join(", "),
                rules.max_file_mib,
                rules.max_total_mib,
                rules.max_name_chars
            );
        }
        _ => {}
    }
    if let Some(note) = section_note(field.key) {
        out.push_str(note);
        out.push_str("\n\n");
    }
}

/// Hand-written words about a whole object (no figures: those come from the
/// sources).
fn section_note(key: &str) -> Option<&'static str> {
    match key {
        "commitments" => Some(
            "The pledge repeats the applicant requirements of clause R1 (独立法人, 履行社会责任,\n\
             保障消费者合法权益, 维护公共利益) and the truthfulness declaration. The schema only\n\
             requires booleans; rule [A008](rules.md#a008) requires them to be `true`.",
        ),
        _ => None,
    }
}

fn after_table(src: &Sources, field: &Field, out: &mut String) {
    if field.profile_link() == Some("quotas") {
        let q = &src.profile.quotas;
        let _ = write!(
            out,
            "Quotas (clause {}) and who may recommend whom are rules, not schema (rules G001–G005 and\n\
             the recommending office's `shenbao intake`): at most {} projects per province, {} per\n\
             autonomous region, {} per municipality (直辖市), {} per 计划单列市, {} for the XPCC (兵团),\n\
             {} per central enterprise, and {} extra per demonstration city.\n\n",
            q.clause,
            q.province,
            q.autonomous_region,
            q.municipality,
            q.separately_planned_city,
            q.xpcc,
            q.central_enterprise,
            q.demonstration_city_extra
        );
    }
}

/// The ten categories of the call profile.
fn categories(src: &Sources, out: &mut String) {
    let _ = write!(
        out,
        "### The {} categories (`project.category`)\n\n\
         Write the number or the name, spelt exactly as below (simplified characters, no spaces).\n\n\
         | no. | name | direction (for reports) |\n|---|---|---|\n",
        src.profile.categories.len()
    );
    for category in &src.profile.categories {
        let direction = src
            .profile
            .direction_of(category.number)
            .map_or("", |d| d.name.as_str());
        let _ = writeln!(
            out,
            "| {} | {} | {direction} |",
            category.number, category.name
        );
    }
    out.push('\n');
}

/// One row per property; columns that would be empty in every row are left out.
fn table(src: &Sources, parent: &Field, out: &mut String) -> Result<(), ShapeError> {
    const HEAD: [&str; 6] = ["key", "type", "required", "meaning", "example", "feeds"];
    let mut rows = Vec::new();
    for field in parent.properties() {
        rows.push([
            format!("`{}`", field.key),
            type_of(src, parent, &field),
            required(&field)?,
            meaning(&field)?,
            example(&field),
            field.feeds().unwrap_or_default().to_string(),
        ]);
    }
    let shown: Vec<usize> = (0..HEAD.len())
        .filter(|&column| column < 4 || rows.iter().any(|row| !row[column].is_empty()))
        .collect();
    let line = |cells: Vec<&str>| format!("| {} |\n", cells.join(" | "));
    out.push_str(&line(shown.iter().map(|&c| HEAD[c]).collect()));
    out.push_str(&line(shown.iter().map(|_| "---").collect()).replace(' ', ""));
    for row in &rows {
        let cells: Vec<String> = shown.iter().map(|&c| cell(&row[c])).collect();
        out.push_str(&line(cells.iter().map(String::as_str).collect()));
    }
    out.push('\n');
    Ok(())
}

/// A table cell: `|` would end it.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The type column, with every limit the schema or the call sets.
fn type_of(src: &Sources, parent: &Field, field: &Field) -> String {
    let floor = (parent.profile_link() == Some("narrative")
        && src
            .profile
            .narrative
            .required
            .iter()
            .any(|k| k == field.key))
    .then_some(src.profile.narrative.min_chars);
    if let Some(min) = floor {
        return format!("string, ≥ {min} chars without spaces (rule P001)");
    }
    match field.profile_link() {
        Some("categories") => {
            let number = field
                .alternatives()
                .into_iter()
                .find(|a| a.json_type() == Some("integer"));
            let range = number.map(|n| range_text(&n)).unwrap_or_default();
            return format!("integer{range}, **or** the exact category name (see below)");
        }
        Some("paper_channels") => {
            let ids: Vec<String> = src
                .profile
                .paper_channels
                .iter()
                .map(|c| format!("`{}`", c.id))
                .collect();
            return format!("{} (the call profile's `paper_channels`)", ids.join(" or "));
        }
        _ => {}
    }
    plain_type(field)
}

fn plain_type(field: &Field) -> String {
    if let Some(constant) = field.node.get("const") {
        return format!(
            "{}, always `{constant}`",
            field.json_type().unwrap_or("value")
        );
    }
    let alternatives = field.alternatives();
    if !alternatives.is_empty() {
        return alternatives
            .iter()
            .map(plain_type)
            .collect::<Vec<_>>()
            .join(", **or** ");
    }
    match field.json_type() {
        Some("string") => string_type(field),
        Some(kind @ ("integer" | "number")) => {
            let mut text = format!("{kind}{}", range_text(field));
            if let Some(unit) = field.unit() {
                let _ = write!(text, ", {unit}");
            }
            text
        }
        Some("array") => {
            let items = field.items();
            let what = match items.as_ref().and_then(Field::json_type) {
                Some("object") => "objects",
                Some("string") => "strings",
                _ => "values",
            };
            let mut text = format!("list of {what}");
            if let Some(count) = field.count().en("items") {
                let _ = write!(text, ", {count}");
            }
            if field.node.get("uniqueItems") == Some(&Value::Bool(true)) {
                text.push_str(", no duplicates");
            }
            text
        }
        Some(other) => other.to_string(),
        None => "value".to_string(),
    }
}

fn string_type(field: &Field) -> String {
    match field.format() {
        Some("date") => return "date".to_string(),
        Some(format) => return format!("string, format `{format}`"),
        None => {}
    }
    let values = field.enum_values();
    if !values.is_empty() {
        let labels = field.enum_labels();
        let listed: Vec<String> = values
            .iter()
            .map(|v| match labels.iter().find(|(value, _)| value == v) {
                Some((_, label)) => format!("`{v}` ({label})"),
                None => format!("`{v}`"),
            })
            .collect();
        return format!("one of {}", listed.join(" "));
    }
    let length = field.length();
    let mut text = if length
        == (Bounds {
            min: Some(1),
            max: None,
        }) {
        "non-empty string".to_string()
    } else {
        "string".to_string()
    };
    if let Some(n) = field.digits() {
        let _ = write!(text, " of {n} digits");
    } else if field.pattern() == Some("^\\S+$") {
        text.push_str(" without spaces");
    } else if let Some(pattern) = field.pattern() {
        if let Some(n) = field.fixed_length() {
            let _ = write!(text, " of {n} characters");
        }
        let _ = write!(text, " matching `{pattern}`");
    }
    if length.min.is_some_and(|min| min > 1) || length.max.is_some() {
        if let Some(bounds) = length.en("chars") {
            let _ = write!(text, ", {bounds}");
        }
    }
    text
}

/// ` ≥ 0`, ` 1–10`, ` ≤ 5` or nothing.
fn range_text(field: &Field) -> String {
    match field.range() {
        (Some(min), Some(max)) => format!(" {min}–{max}"),
        (Some(min), None) => format!(" ≥ {min}"),
        (None, Some(max)) => format!(" ≤ {max}"),
        (None, None) => String::new(),
    }
}

fn required(field: &Field) -> Result<String, ShapeError> {
    if field.required {
        return Ok("yes".to_string());
    }
    if let Some(code) = field.advised() {
        let rule = find_rule(code)
            .ok_or_else(|| format!("`{}`: x-shenbao-advised names no rule: {code}", field.key))?;
        return Ok(format!(
            "no, but advised: rule [{}](rules.md#{}) warns without it",
            rule.code,
            rule.code.to_ascii_lowercase()
        ));
    }
    if let Some(default) = field.node.get("default") {
        return Ok(format!("no (default `{}`)", yaml_text(default, false)));
    }
    Ok("no".to_string())
}

fn meaning(field: &Field) -> Result<String, ShapeError> {
    let mut text = format!("{}: {}", field.title(), field.description_en());
    if let Some(doc) = field.doc() {
        check_codes(doc)?;
        let _ = write!(text, " {doc}");
    }
    Ok(text)
}

/// Rule codes a note names must exist.
fn check_codes(text: &str) -> Result<(), ShapeError> {
    let chars: Vec<char> = text.chars().collect();
    for (at, window) in chars.windows(4).enumerate() {
        let starts = at == 0 || !chars[at - 1].is_alphanumeric();
        let ends = chars.get(at + 4).is_none_or(|c| !c.is_alphanumeric());
        if starts
            && ends
            && window[0].is_ascii_uppercase()
            && window[1..].iter().all(char::is_ascii_digit)
        {
            let code: String = window.iter().collect();
            if find_rule(&code).is_none() {
                return Err(ShapeError::from(format!(
                    "a note names rule {code}, which does not exist"
                )));
            }
        }
    }
    Ok(())
}

fn example(field: &Field) -> String {
    let examples = field.examples();
    if examples.is_empty() {
        return if field.template().block {
            "(a paragraph)".to_string()
        } else {
            String::new()
        };
    }
    examples
        .iter()
        .map(|value| format!("`{}`", yaml_text(value, field.quoted())))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A value as it is written in YAML: lists in flow style, codes quoted.
fn yaml_text(value: &Value, quoted: bool) -> String {
    match value {
        Value::String(s) if quoted => format!("\"{s}\""),
        Value::String(s) => s.clone(),
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|item| yaml_text(item, quoted))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

const YAML_NOTES: &str = r#"## YAML notes

`shenbao` reads YAML 1.2 (core schema), which differs from the YAML 1.1 that many older
tools use:

* **Quote anything that is a code, not a quantity**: credit codes, postal codes, phone
  and mobile numbers, stock codes. `credit_code: 913201153021847731` is a number and
  fails; write `credit_code: "913201153021847731"`. A number with a leading zero
  (`postal_code: 010010`) is kept as a string by `shenbao`, but other tools will read
  10010: quote it anyway.
* **Dates** are written `2021-03-20` (four-digit year, two-digit month and day). In YAML
  1.2 this is a plain string that the schema checks as a calendar date, so
  `2021-02-30` is rejected. `2021/3/20` and `2021年3月20日` are not dates.
* **Booleans are only `true` and `false`.** `yes`, `no`, `on`, `off`, `y`, `n` are plain
  strings in YAML 1.2, so `truthful: yes` is a string and fails the schema.
* **Amounts are bare numbers in 万元**: `registered_capital: 3000`, not `3000万元` or
  `"3000"`.
* **Long Chinese text**: use a literal block `|-` and write each paragraph on one line.
  Do not use the folded style `>`: it joins lines with a space, which shows up between
  Chinese characters.

  ```yaml
  profile: |-
    南京澄衡智能机器人有限公司成立于 2014 年，……
  ```
* **ASCII punctuation for YAML itself**: the colon after a key must be an ASCII `:`
  followed by a space; a full-width `：` makes the whole line one string. Indent with
  spaces, never tabs (or the full-width space `　`).
* A plain value that contains `: ` or ` #` must be quoted; `#` after a space starts a
  comment.
* Lists are written one item per line with `- `, e.g. `keywords:` then `  - 人工智能`;
  a comma-separated string is one string, not a list.
* Each key may appear once per mapping: a duplicate key is an error, not "last wins".
* Save the file as UTF-8 (with or without BOM). A GBK/GB18030 file is refused with a
  message saying so; `shenbao validate --encoding auto` detects and converts it instead,
  with a warning.
"#;
