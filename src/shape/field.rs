//! One property of the declaration schema as the generators see it: its
//! texts, its `x-shenbao-*` annotations, and its limits in words.

use serde_json::{Map, Value};

/// A property of the schema (or the root), with where it sits.
#[derive(Clone, Copy)]
pub struct Field<'s> {
    /// The property's name; empty for the root.
    pub key: &'s str,
    /// The schema node.
    pub node: &'s Value,
    /// Whether the parent object requires it.
    pub required: bool,
}

/// How the template writes a field (`x-shenbao-template`).
#[derive(Default)]
pub struct TemplateNote<'s> {
    pub value: Option<&'s Value>,
    pub hint: Option<&'s str>,
    pub before: Option<&'s str>,
    pub block: bool,
    pub commented: bool,
}

/// Length or count limits of a string or list.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct Bounds {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

impl<'s> Field<'s> {
    pub fn root(schema: &'s Value) -> Field<'s> {
        Field {
            key: "",
            node: schema,
            required: true,
        }
    }

    fn text(&self, keyword: &str) -> Option<&'s str> {
        self.node.get(keyword).and_then(Value::as_str)
    }

    pub fn title(&self) -> &'s str {
        self.text("title").unwrap_or_default()
    }

    fn description_halves(&self) -> (&'s str, &'s str) {
        let description = self.text("description").unwrap_or_default();
        match description.split_once(" / ") {
            Some((zh, en)) => (zh.trim(), en.trim()),
            None => (description, description),
        }
    }

    /// The English half of the bilingual description.
    pub fn description_en(&self) -> &'s str {
        self.description_halves().1
    }

    pub fn feeds(&self) -> Option<&'s str> {
        self.text("x-shenbao-feeds")
    }

    pub fn unit(&self) -> Option<&'s str> {
        self.text("x-shenbao-unit")
    }

    /// A code that YAML would read as a number unless quoted.
    pub fn quoted(&self) -> bool {
        self.node.get("x-shenbao-quote") == Some(&Value::Bool(true))
    }

    /// The rule that warns when this optional field is left out.
    pub fn advised(&self) -> Option<&'s str> {
        self.text("x-shenbao-advised")
    }

    /// The part of the call profile that adds to this field's checks.
    pub fn profile_link(&self) -> Option<&'s str> {
        self.text("x-shenbao-profile")
    }

    pub fn doc(&self) -> Option<&'s str> {
        self.text("x-shenbao-doc")
    }

    /// Chinese labels of the enum's values, in the enum's order.
    pub fn enum_labels(&self) -> Vec<(&'s str, &'s str)> {
        let labels = self.node.get("x-shenbao-enum").and_then(Value::as_object);
        self.enum_values()
            .into_iter()
            .filter_map(|value| {
                let label = labels?.get(value)?.as_str()?;
                Some((value, label))
            })
            .collect()
    }

    pub fn enum_values(&self) -> Vec<&'s str> {
        self.node
            .get("enum")
            .and_then(Value::as_array)
            .map(|values| values.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    pub fn template(&self) -> TemplateNote<'s> {
        let Some(note) = self.node.get("x-shenbao-template") else {
            return TemplateNote::default();
        };
        TemplateNote {
            value: note.get("value"),
            hint: note.get("hint").and_then(Value::as_str),
            before: note.get("before").and_then(Value::as_str),
            block: note.get("block") == Some(&Value::Bool(true)),
            commented: note.get("commented") == Some(&Value::Bool(true)),
        }
    }

    /// The JSON type named by `type` (the first, if several).
    pub fn json_type(&self) -> Option<&'s str> {
        match self.node.get("type")? {
            Value::String(t) => Some(t),
            Value::Array(types) => types.first().and_then(Value::as_str),
            _ => None,
        }
    }

    pub fn items(&self) -> Option<Field<'s>> {
        Some(Field {
            key: self.key,
            node: self.node.get("items")?,
            required: true,
        })
    }

    /// An object, or a list of objects: what gets a table of its own.
    pub fn has_properties(&self) -> bool {
        self.node.get("properties").is_some()
            || self.items().is_some_and(|items| items.has_properties())
    }

    /// The properties of an object, or of a list's items, in schema order.
    pub fn properties(&self) -> Vec<Field<'s>> {
        let node = match self.node.get("properties") {
            Some(_) => self.node,
            None => match self.node.get("items") {
                Some(items) => items,
                None => return Vec::new(),
            },
        };
        let required: Vec<&str> = node
            .get("required")
            .and_then(Value::as_array)
            .map(|names| names.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        node.get("properties")
            .and_then(Value::as_object)
            .map(Map::iter)
            .into_iter()
            .flatten()
            .map(|(key, node)| Field {
                key,
                node,
                required: required.contains(&key.as_str()),
            })
            .collect()
    }

    /// The field at a dotted path below this one (`contact.name`,
    /// `metrics[].unit`).
    pub fn at(&self, path: &str) -> Option<Field<'s>> {
        let mut field = *self;
        for segment in path.split('.').filter(|s| !s.is_empty()) {
            let (name, items) = match segment.strip_suffix("[]") {
                Some(name) => (name, true),
                None => (segment, false),
            };
            field = field.properties().into_iter().find(|f| f.key == name)?;
            if items {
                field = field.items()?;
            }
        }
        Some(field)
    }

    fn number(&self, keyword: &str) -> Option<u64> {
        self.node.get(keyword).and_then(Value::as_u64)
    }

    /// Length limits of a string.
    pub fn length(&self) -> Bounds {
        Bounds {
            min: self.number("minLength"),
            max: self.number("maxLength"),
        }
    }

    /// Item-count limits of a list.
    pub fn count(&self) -> Bounds {
        Bounds {
            min: self.number("minItems"),
            max: self.number("maxItems"),
        }
    }

    /// Numeric range, as written in the schema.
    pub fn range(&self) -> (Option<&'s Value>, Option<&'s Value>) {
        (self.node.get("minimum"), self.node.get("maximum"))
    }

    /// `^[0-9]{N}$`: exactly N digits.
    pub fn digits(&self) -> Option<u64> {
        let pattern = self.text("pattern")?;
        pattern
            .strip_prefix("^[0-9]{")?
            .strip_suffix("}$")?
            .parse()
            .ok()
    }

    /// The length every match of a fixed-length pattern has: `^[0-9]{6}$`
    /// is 6, `^1[3-9][0-9]{9}$` is 11. Only literals and `[...]` classes,
    /// each with an optional `{n}`, count as fixed.
    pub fn fixed_length(&self) -> Option<u64> {
        let pattern = self.text("pattern")?;
        let body: Vec<char> = pattern
            .strip_prefix('^')?
            .strip_suffix('$')?
            .chars()
            .collect();
        let mut length = 0;
        let mut i = 0;
        while i < body.len() {
            match body[i] {
                '[' => i += body[i..].iter().position(|&c| c == ']')? + 1,
                c if c.is_alphanumeric() || c == '-' || c == '_' => i += 1,
                _ => return None,
            }
            let mut times = 1;
            if body.get(i) == Some(&'{') {
                let close = i + body[i..].iter().position(|&c| c == '}')?;
                times = body[i + 1..close].iter().collect::<String>().parse().ok()?;
                i = close + 1;
            }
            length += times;
        }
        Some(length)
    }

    pub fn pattern(&self) -> Option<&'s str> {
        self.text("pattern")
    }

    pub fn format(&self) -> Option<&'s str> {
        self.text("format")
    }

    /// Example values: `examples`, else the default, else the constant.
    pub fn examples(&self) -> Vec<&'s Value> {
        if let Some(Value::Array(examples)) = self.node.get("examples") {
            return examples.iter().collect();
        }
        self.node
            .get("default")
            .or_else(|| self.node.get("const"))
            .into_iter()
            .collect()
    }

    /// `oneOf` alternatives.
    pub fn alternatives(&self) -> Vec<Field<'s>> {
        self.node
            .get("oneOf")
            .and_then(Value::as_array)
            .map(|nodes| {
                nodes
                    .iter()
                    .map(|node| Field {
                        key: self.key,
                        node,
                        required: self.required,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Bounds {
    /// In Chinese, for the template: `18 位`, `4–100 字`, `不少于 50 字`.
    /// Floors of one or two only rule out empty values and are left unsaid.
    pub fn zh(&self, unit: &str, exact_unit: &str) -> Option<String> {
        match (self.min, self.max) {
            (Some(min), Some(max)) if min == max => Some(format!("{min} {exact_unit}")),
            (Some(min), Some(max)) => Some(format!("{min}–{max} {unit}")),
            (None, Some(max)) => Some(format!("不超过 {max} {unit}")),
            (Some(min), None) if min > 2 => Some(format!("不少于 {min} {unit}")),
            _ => None,
        }
    }

    /// In English, for the field reference: `exactly 18 chars`, `≥ 2 chars`.
    pub fn en(&self, unit: &str) -> Option<String> {
        let plural = |n: u64| {
            if n == 1 {
                unit.trim_end_matches('s').to_string()
            } else {
                unit.to_string()
            }
        };
        match (self.min, self.max) {
            (Some(min), Some(max)) if min == max => Some(format!("exactly {min} {}", plural(min))),
            (Some(min), Some(max)) => Some(format!("{min}–{max} {unit}")),
            (None, Some(max)) => Some(format!("≤ {max} {}", plural(max))),
            (Some(min), None) => Some(format!("≥ {min} {}", plural(min))),
            (None, None) => None,
        }
    }
}
