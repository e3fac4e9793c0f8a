//! The declaration schema as a tree of fields, compiled once: what the
//! checks that visit every value need (its title, the kind of value it
//! wants, the template's placeholders), with no map lookup per value.

use serde_json::Value;
use std::sync::OnceLock;

/// What a field wants, by its schema node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wants {
    Number,
    Integer,
    Date,
    /// A code, phone number or e-mail address: half-width characters only.
    Code,
}

impl Wants {
    fn of(node: &Value) -> Option<Wants> {
        match node["type"].as_str() {
            Some("number") => return Some(Wants::Number),
            Some("integer") => return Some(Wants::Integer),
            _ => {}
        }
        match node["format"].as_str() {
            Some("date") => Some(Wants::Date),
            Some("email") => Some(Wants::Code),
            _ => node.get("x-shenbao-quote").map(|_| Wants::Code),
        }
    }
}

/// One field of the declaration.
#[derive(Debug, Default)]
pub struct Field {
    /// Its title (a list item's: its list's, unless it has its own).
    pub title: String,
    pub wants: Option<Wants>,
    /// A code to quote in YAML (`x-shenbao-quote`).
    pub code: bool,
    /// The values the template writes here as placeholders (a list item's:
    /// its list's sample items).
    pub samples: Vec<Value>,
    properties: Vec<(String, Field)>,
    items: Option<Box<Field>>,
}

impl Field {
    /// The embedded declaration schema's root.
    pub fn declaration() -> &'static Field {
        static ROOT: OnceLock<Field> = OnceLock::new();
        ROOT.get_or_init(|| Field::compile(super::Schema::declaration().value(), None))
    }

    fn compile(node: &Value, list: Option<&Value>) -> Field {
        let placeholder = |n: &Value| -> Option<Value> {
            let note = &n["x-shenbao-template"];
            (note["placeholder"] == Value::Bool(true)).then(|| note["value"].clone())
        };
        let samples = match (placeholder(node), list.and_then(placeholder)) {
            (Some(Value::Array(_)), _) | (None, None) => Vec::new(),
            (Some(value), _) => vec![value],
            (None, Some(Value::Array(items))) => items,
            (None, Some(_)) => Vec::new(),
        };
        let title = node["title"]
            .as_str()
            .or_else(|| list.and_then(|l| l["title"].as_str()))
            .unwrap_or_default();
        Field {
            title: title.to_string(),
            wants: Wants::of(node),
            code: node.get("x-shenbao-quote").is_some(),
            samples,
            properties: node["properties"]
                .as_object()
                .map(|properties| {
                    properties
                        .iter()
                        .map(|(key, child)| (key.clone(), Field::compile(child, None)))
                        .collect()
                })
                .unwrap_or_default(),
            items: node
                .get("items")
                .map(|items| Box::new(Field::compile(items, Some(node)))),
        }
    }

    /// The field `key` of a mapping (a few keys each: a scan beats hashing).
    pub fn property(&self, key: &str) -> Option<&Field> {
        self.properties
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, field)| field)
    }

    /// The field of a list's items.
    pub fn items(&self) -> Option<&Field> {
        self.items.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_samples_belong_to_their_field() {
        let root = Field::declaration();
        let applicant = root.property("applicant").unwrap();
        assert_eq!(applicant.property("name").unwrap().samples.len(), 1);
        assert_eq!(
            applicant.property("employees").unwrap().samples,
            [Value::from(0)]
        );
        assert!(applicant.property("ownership").unwrap().samples.is_empty());
        let keywords = root
            .property("project")
            .unwrap()
            .property("keywords")
            .unwrap();
        // The list itself is no scalar to judge; its items carry its samples.
        assert!(keywords.samples.is_empty());
        assert_eq!(keywords.items().unwrap().samples, [Value::from("关键词一")]);
        assert_eq!(keywords.items().unwrap().title, "关键词");
    }

    #[test]
    fn what_fields_want() {
        let applicant = Field::declaration().property("applicant").unwrap();
        let wants = |key: &str| applicant.property(key).unwrap().wants;
        assert_eq!(wants("employees"), Some(Wants::Integer));
        assert_eq!(wants("registered_capital"), Some(Wants::Number));
        assert_eq!(wants("established"), Some(Wants::Date));
        assert_eq!(wants("credit_code"), Some(Wants::Code));
        assert_eq!(wants("name"), None);
    }
}
