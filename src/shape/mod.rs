//! The declaration's shape has one source: the JSON Schema
//! (`schemas/declaration.schema.json`, with `x-shenbao-*` annotations for what
//! only people need: the part of the form a field feeds, the template's
//! placeholder and comment, an example) and, for what the call decides (the
//! categories, channels, deadline, quotas, the narrative's minimum length, the
//! attachment limits), the call profile the checks read. From them this module
//! writes the field reference `docs/declaration.md` (`markdown`) and the
//! template `shenbao init` writes (`template`), and fills in the figures
//! that hand-written pages quote between `<!-- shape:KEY -->` markers
//! ([`fill_facts`]). `tests/shape.rs` fails when a checked-in copy is stale
//! (`SHENBAO_BLESS=1` rewrites them).

mod field;
mod markdown;
mod template;

pub use field::Field;

use serde_json::Value;
use shenbao_check::call::{CallProfile, DEFAULT_CALL_ID, EMBEDDED_2021};
use shenbao_check::schema::Schema;

/// A fault in the schema's annotations or in a page's markers: the generated
/// files cannot be made. Only developers meet it (the tests run the generator).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ShapeError(String);

impl From<String> for ShapeError {
    fn from(message: String) -> ShapeError {
        ShapeError(message)
    }
}

/// Where the schema lives in the repository.
pub const SCHEMA_PATH: &str = "schemas/declaration.schema.json";
/// The field reference.
pub const DOCS_PATH: &str = "docs/declaration.md";
/// The template `shenbao init` writes, after its generated-file notice.
pub const TEMPLATE_PATH: &str = "schemas/init-template.yaml";
/// Hand-written pages whose limits are filled in between markers.
pub const PAGES_WITH_FACTS: &[&str] = &["examples/README.md", "docs/call-profile.md"];

/// The sources every generated text is made from.
pub struct Sources<'a> {
    pub schema: &'a Value,
    pub profile: &'a CallProfile,
    /// The same profile as plain data, for `profile:` facts.
    pub profile_data: Value,
    /// Where the profile lives in the repository.
    pub profile_path: String,
}

impl Sources<'static> {
    /// The embedded schema and the embedded 2021 call profile.
    pub fn embedded() -> Sources<'static> {
        let document = shenbao_load::Document::from_text("call profile", EMBEDDED_2021);
        Sources {
            schema: Schema::declaration().value(),
            profile: CallProfile::embedded(),
            profile_data: document.value.unwrap_or(Value::Null),
            profile_path: format!("schemas/calls/{DEFAULT_CALL_ID}.yaml"),
        }
    }
}

impl Sources<'_> {
    pub fn root(&self) -> Field<'_> {
        Field::root(self.schema)
    }

    /// The field at a dotted path (`applicant.contact.name`, `attachments[].kind`).
    pub fn field(&self, path: &str) -> Result<Field<'_>, ShapeError> {
        self.root()
            .at(path)
            .ok_or_else(|| ShapeError(format!("{SCHEMA_PATH} has no field `{path}`")))
    }
}

/// A generated file: its path in the repository and its text.
pub struct Generated {
    pub path: &'static str,
    pub text: String,
}

/// The `x-shenbao-*` annotations the generators read.
pub const ANNOTATIONS: &[&str] = &[
    "x-shenbao-feeds",
    "x-shenbao-unit",
    "x-shenbao-quote",
    "x-shenbao-advised",
    "x-shenbao-enum",
    "x-shenbao-profile",
    "x-shenbao-doc",
    "x-shenbao-template",
    "x-shenbao-placeholders",
];
/// What `x-shenbao-template` may say.
const TEMPLATE_KEYS: &[&str] = &[
    "value",
    "hint",
    "before",
    "block",
    "commented",
    "placeholder",
];
/// The parts of the call profile a field can name in `x-shenbao-profile`.
pub const PROFILE_LINKS: &[&str] = &[
    "categories",
    "paper_channels",
    "deadline",
    "online_system",
    "narrative",
    "quotas",
    "attachments",
];

/// Every `x-shenbao-*` keyword is one the generators know, so a misspelt
/// annotation fails instead of silently dropping out of the docs.
fn check_annotations(node: &Value, at: &str) -> Result<(), ShapeError> {
    match node {
        Value::Object(map) => {
            for (key, value) in map {
                let here = format!("{at}/{key}");
                if key.starts_with("x-shenbao-") && !ANNOTATIONS.contains(&key.as_str()) {
                    return Err(ShapeError::from(format!(
                        "{SCHEMA_PATH}: unknown annotation {here}"
                    )));
                }
                if key == "x-shenbao-template" {
                    let known = value.as_object().is_some_and(|note| {
                        note.keys().all(|k| TEMPLATE_KEYS.contains(&k.as_str()))
                    });
                    if !known {
                        return Err(ShapeError::from(format!(
                            "{SCHEMA_PATH}: {here} may only say {}",
                            TEMPLATE_KEYS.join(", ")
                        )));
                    }
                    continue;
                }
                if key == "x-shenbao-profile"
                    && !value.as_str().is_some_and(|v| PROFILE_LINKS.contains(&v))
                {
                    return Err(ShapeError::from(format!(
                        "{SCHEMA_PATH}: {here} must be one of {}",
                        PROFILE_LINKS.join(", ")
                    )));
                }
                check_annotations(value, &here)?;
            }
            Ok(())
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| check_annotations(item, &format!("{at}/{i}"))),
        _ => Ok(()),
    }
}

/// Every file generated from the sources.
pub fn generated(sources: &Sources) -> Result<Vec<Generated>, ShapeError> {
    check_annotations(sources.schema, "")?;
    Ok(vec![
        Generated {
            path: DOCS_PATH,
            text: markdown::declaration(sources)?,
        },
        Generated {
            path: TEMPLATE_PATH,
            text: template::checked_in(sources)?,
        },
    ])
}

/// What `shenbao init` writes: the checked-in template without its notice.
pub fn template_body(checked_in: &str) -> &str {
    checked_in
        .find(template::FIRST_LINE)
        .map_or(checked_in, |at| &checked_in[at..])
}

const OPEN: &str = "<!-- shape:";
const CLOSE: &str = "<!-- /shape -->";

/// Replace what stands between `<!-- shape:KEY -->` and `<!-- /shape -->`
/// with the value KEY names in the sources: `profile:narrative.min_chars` (a
/// value of the call profile) or `schema:project.summary:minLength` (a
/// keyword of a field of the schema).
pub fn fill_facts(sources: &Sources, text: &str) -> Result<String, ShapeError> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        let after_open = &rest[at + OPEN.len()..];
        let end_key = after_open
            .find("-->")
            .ok_or_else(|| format!("unclosed marker at `{}`", &rest[at..]))?;
        let key = after_open[..end_key].trim();
        let body = &after_open[end_key + 3..];
        let close = body
            .find(CLOSE)
            .ok_or_else(|| format!("marker `{key}` has no `{CLOSE}`"))?;
        out.push_str(&rest[..at + OPEN.len() + end_key + 3]);
        out.push_str(&fact(sources, key)?);
        out.push_str(CLOSE);
        rest = &body[close + CLOSE.len()..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The value a marker names, as text.
pub fn fact(sources: &Sources, key: &str) -> Result<String, ShapeError> {
    let value = if let Some(path) = key.strip_prefix("profile:") {
        path.split('.')
            .try_fold(&sources.profile_data, |node, segment| node.get(segment))
            .ok_or_else(|| format!("the call profile has no `{path}`"))?
    } else if let Some(rest) = key.strip_prefix("schema:") {
        let (path, keyword) = rest
            .rsplit_once(':')
            .ok_or_else(|| format!("`{key}`: write schema:FIELD:KEYWORD"))?;
        sources
            .field(path)?
            .node
            .get(keyword)
            .ok_or_else(|| format!("field `{path}` has no `{keyword}`"))?
    } else {
        return Err(ShapeError::from(format!(
            "unknown marker `{key}`: write profile:PATH or schema:FIELD:KEYWORD"
        )));
    };
    Ok(match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    })
}
