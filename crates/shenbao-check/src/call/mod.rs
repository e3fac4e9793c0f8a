//! The call profile: everything a call decides that can be data — categories
//! and their terms, the deadline, channels, quotas, recommending bodies, the
//! attachment rules. The 2021 profile is embedded from `schemas/calls/`;
//! `--call FILE` loads another without a rebuild. Knows nothing of
//! declarations or output.

pub mod diags;
pub mod lexicon;
mod lookup;
pub(crate) mod term_index;

pub use lexicon::Lexicon;
pub use lookup::{RecommenderKind, RegionScope};
pub use term_index::TermIndex;

use crate::date::{parse_utc_offset, Date};
use crate::schema::Schema;
use serde::Deserialize;
use shenbao_diagnostic::{Diagnostic, Lang, Text};
use shenbao_load::Document;
use std::path::Path;
use std::sync::OnceLock;

/// The profile of the 2021 call, as shipped.
pub const EMBEDDED_2021: &str = include_str!("../../../../schemas/calls/miit-xxxf-2021.yaml");
/// [`EMBEDDED_2021`] as JSON, written by build.rs: what [`CallProfile::embedded`]
/// reads at start.
const EMBEDDED_2021_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/miit-xxxf-2021.json"));
/// The schema every profile must satisfy.
pub const PROFILE_SCHEMA: &str = include_str!("../../../../schemas/call-profile.schema.json");
/// The id declarations use when they do not name a call.
pub const DEFAULT_CALL_ID: &str = "miit-xxxf-2021";

#[derive(Clone, Debug, Deserialize)]
pub struct CallProfile {
    pub id: String,
    pub title: String,
    pub issuer: String,
    pub notice: String,
    pub issued: String,
    pub source: String,
    pub deadline: Deadline,
    #[serde(default)]
    pub internal_deadlines: Vec<InternalDeadline>,
    pub paper_channels: Vec<Channel>,
    pub online_system: OnlineSystem,
    pub directions: Vec<Direction>,
    pub categories: Vec<Category>,
    #[serde(default)]
    pub facets: Vec<FacetRule>,
    /// Words that deny what follows them in a clause (不是, 并非, 无需…): a
    /// lexicon phrase right after one does not count.
    #[serde(default)]
    pub negations: Vec<String>,
    pub quotas: Quotas,
    pub regions: Regions,
    pub central_enterprises: CentralEnterprises,
    pub demonstration_cities: DemonstrationCities,
    pub attachments: AttachmentRules,
    pub narrative: NarrativeRules,
    /// Every category's concepts in one index, built on first use.
    #[serde(skip)]
    lexicon: OnceLock<Lexicon>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Deadline {
    pub date: String,
    pub utc_offset: String,
    pub clause: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct InternalDeadline {
    pub recommender: String,
    pub date: String,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Channel {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct OnlineSystem {
    pub url: String,
    pub clause: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Direction {
    pub name: String,
    pub categories: Vec<u32>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Category {
    pub number: u32,
    pub name: String,
    pub clause: String,
    pub summary: String,
    pub summary_en: String,
    pub facet: String,
    /// Single words, each a concept of its own (the form of earlier profiles).
    #[serde(default)]
    pub terms: Vec<Term>,
    /// What projects of this category are about, each with the phrases that
    /// say it.
    #[serde(default)]
    pub concepts: Vec<Concept>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Term {
    pub term: String,
    pub weight: u32,
}

/// One idea a project of a category is about (残障人士, 直播带货…), and the
/// phrases that say it. However many of them a text holds, the concept
/// counts once per field.
#[derive(Clone, Debug, Deserialize)]
pub struct Concept {
    pub concept: String,
    #[serde(default)]
    pub concept_en: String,
    pub weight: u32,
    pub phrases: Vec<String>,
}

/// What a facet (product, venue…) requires the project's text to show: every
/// group must be matched by at least one of its terms.
#[derive(Clone, Debug, Deserialize)]
pub struct FacetRule {
    pub facet: String,
    pub requires: Vec<FacetGroup>,
    /// Phrases that state outright that a project has no such thing (纯线上,
    /// 无实体场馆): only these make a missing facet an error.
    #[serde(default)]
    pub denied_by: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct FacetGroup {
    pub what: String,
    pub what_en: String,
    pub any_of: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Quotas {
    pub province: u32,
    pub autonomous_region: u32,
    pub municipality: u32,
    pub separately_planned_city: u32,
    pub xpcc: u32,
    pub central_enterprise: u32,
    pub demonstration_city_extra: u32,
    pub clause: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Regions {
    pub source: String,
    pub provincial: Vec<Provincial>,
    pub separately_planned_cities: Vec<PlannedCity>,
    pub xpcc: Xpcc,
    pub non_mainland_code2: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Provincial {
    pub name: String,
    pub short: String,
    pub code2: String,
    pub kind: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct PlannedCity {
    pub name: String,
    pub code6: String,
    pub province: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Xpcc {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub region_code6: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct CentralEnterprises {
    pub as_of: String,
    pub complete: bool,
    pub confidence: String,
    pub source: String,
    pub list: Vec<Enterprise>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Enterprise {
    pub name: String,
    #[serde(default)]
    pub short: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct DemonstrationCities {
    pub complete: bool,
    pub expected_count: u32,
    pub source: String,
    pub list: Vec<DemoCity>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct DemoCity {
    pub name: String,
    pub code6: String,
    pub province: String,
    pub confidence: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct AttachmentRules {
    pub required_kinds: Vec<String>,
    pub max_file_mib: u64,
    pub max_total_mib: u64,
    pub max_name_chars: usize,
    pub extensions: Vec<Extension>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Extension {
    pub ext: String,
    pub magic_hex: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct NarrativeRules {
    pub min_chars: usize,
    pub required: Vec<String>,
}

/// Why a profile could not be used (the run stops with exit status 2).
#[derive(Debug)]
pub struct ProfileError {
    pub name: String,
    pub problems: Vec<Diagnostic>,
    /// The profile's text, which the problems' locations point into ("" when
    /// the file could not be read).
    pub text: String,
}

impl ProfileError {
    /// One line per problem: `path:line:column: message`.
    pub fn describe(&self, lang: Lang) -> String {
        self.problems
            .iter()
            .map(|d| match d.location {
                Some(l) => format!(
                    "{}:{}:{}: {}",
                    self.name,
                    l.line,
                    l.column,
                    d.message.get(lang)
                ),
                None => format!("{}: {}", self.name, d.message.get(lang)),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl CallProfile {
    /// The embedded 2021 profile.
    pub fn embedded() -> &'static CallProfile {
        static PROFILE: OnceLock<CallProfile> = OnceLock::new();
        // The JSON build.rs made of the YAML: the schema and consistency
        // checks of `parse` ran on the same text in the tests
        // (`the_embedded_profile_is_valid_and_its_json_is_its_yaml`).
        PROFILE.get_or_init(|| {
            serde_json::from_str(EMBEDDED_2021_JSON).expect("build.rs wrote the embedded profile")
        })
    }

    /// Read a profile file (`--call FILE`).
    pub fn load(path: &Path) -> Result<CallProfile, ProfileError> {
        let name = shenbao_diagnostic::shown_path(path);
        let document = match Document::load_file(path, &name, Default::default()) {
            Ok(document) => document,
            Err(diagnostic) => {
                return Err(ProfileError {
                    name,
                    problems: vec![*diagnostic],
                    text: String::new(),
                })
            }
        };
        CallProfile::from_document(&name, document)
    }

    /// Parse profile text: YAML, then the profile schema, then the types.
    pub fn parse(name: &str, text: &str) -> Result<CallProfile, ProfileError> {
        CallProfile::from_document(name, Document::from_text(name, text))
    }

    fn from_document(name: &str, document: Document) -> Result<CallProfile, ProfileError> {
        static SCHEMA: OnceLock<Schema> = OnceLock::new();
        let schema =
            SCHEMA.get_or_init(|| Schema::embedded("call-profile.schema.json", PROFILE_SCHEMA));
        let mut problems = document.diagnostics.clone();
        let fail = |mut problems: Vec<Diagnostic>| {
            document.resolve(&mut problems);
            Err(ProfileError {
                name: name.to_string(),
                problems,
                text: document.source.text.clone(),
            })
        };
        let Some(value) = &document.value else {
            return fail(problems);
        };
        if let Some(not_a_profile) = not_a_profile(name, value, schema.value()) {
            return fail(vec![not_a_profile]);
        }
        problems.extend(schema.check(value));
        if problems.iter().any(Diagnostic::is_error) {
            return fail(problems);
        }
        let profile: CallProfile = match serde_json::from_value(value.clone()) {
            Ok(profile) => profile,
            Err(err) => {
                return fail(vec![Diagnostic::new(
                    &diags::BAD_PROFILE,
                    shenbao_diagnostic::Text::new(
                        format!("调用配置无法读取：{err}"),
                        format!("the profile cannot be read: {err}"),
                    ),
                )])
            }
        };
        match profile.consistency_problems() {
            problems if problems.is_empty() => Ok(profile),
            problems => fail(
                problems
                    .into_iter()
                    .map(|(zh, en)| {
                        Diagnostic::new(&diags::BAD_PROFILE, shenbao_diagnostic::Text::new(zh, en))
                    })
                    .collect(),
            ),
        }
    }

    /// Facts the schema cannot express.
    fn consistency_problems(&self) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        if Date::parse(&self.deadline.date).is_none() {
            problems.push((
                format!("截止日期 `{}` 不是有效日期", self.deadline.date),
                format!("deadline `{}` is not a valid date", self.deadline.date),
            ));
        }
        if parse_utc_offset(&self.deadline.utc_offset).is_none() {
            problems.push((
                format!("时区 `{}` 应写作 +08:00", self.deadline.utc_offset),
                format!(
                    "time zone `{}` must look like +08:00",
                    self.deadline.utc_offset
                ),
            ));
        }
        for (index, category) in self.categories.iter().enumerate() {
            if category.number as usize != index + 1 {
                problems.push((
                    format!(
                        "类别应按 1、2、3…… 顺序编号，第 {} 个是 {}",
                        index + 1,
                        category.number
                    ),
                    format!(
                        "categories must be numbered 1, 2, 3…; entry {} is {}",
                        index + 1,
                        category.number
                    ),
                ));
            }
        }
        for internal in &self.internal_deadlines {
            if Date::parse(&internal.date).is_none() {
                problems.push((
                    format!(
                        "{} 的内部截止日期 `{}` 不是有效日期",
                        internal.recommender, internal.date
                    ),
                    format!(
                        "internal deadline `{}` of {} is not a valid date",
                        internal.date, internal.recommender
                    ),
                ));
            }
        }
        problems
    }

    /// The deadline day and the time zone it is read in.
    pub fn deadline(&self) -> (Date, i64) {
        (
            Date::parse(&self.deadline.date).expect("checked on load"),
            parse_utc_offset(&self.deadline.utc_offset).expect("checked on load"),
        )
    }

    /// Category by number (1-based).
    pub fn category(&self, number: u32) -> Option<&Category> {
        self.categories.iter().find(|c| c.number == number)
    }

    /// Category as a declaration writes it: a number or the exact name.
    pub fn category_of(&self, value: &serde_json::Value) -> Option<&Category> {
        match value {
            serde_json::Value::Number(n) => n.as_u64().and_then(|n| self.category(n as u32)),
            serde_json::Value::String(s) => self.categories.iter().find(|c| c.name == *s),
            _ => None,
        }
    }

    /// Every category's concepts and their phrases, indexed.
    pub fn lexicon(&self) -> &Lexicon {
        self.lexicon.get_or_init(|| Lexicon::new(self))
    }

    pub fn direction_of(&self, category: u32) -> Option<&Direction> {
        self.directions
            .iter()
            .find(|d| d.categories.contains(&category))
    }
}

/// A file with none of a profile's fields is something else given to
/// `--call` (a declaration, an office's notice written as YAML): one F005
/// that says so, rather than a missing-field error for each of twenty fields.
fn not_a_profile(
    name: &str,
    value: &serde_json::Value,
    schema: &serde_json::Value,
) -> Option<Diagnostic> {
    let known = schema["properties"].as_object()?;
    let keys: Vec<&String> = value
        .as_object()
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    if keys.iter().any(|key| known.contains_key(key.as_str())) {
        return None;
    }
    let shown: Vec<String> = keys.iter().take(5).map(|k| format!("`{k}`")).collect();
    let expected: Vec<String> = known.keys().take(6).map(|k| format!("`{k}`")).collect();
    let has = if shown.is_empty() {
        Text::new("它是空的".to_string(), "it is empty".to_string())
    } else {
        Text::new(
            format!("它的字段是 {}", shown.join("、")),
            format!("its fields are {}", shown.join(", ")),
        )
    };
    Some(
        Diagnostic::new(
            &diags::BAD_PROFILE,
            Text::new(
                format!(
                    "{name} 不是申报指南配置文件：{}，而配置文件的字段是 {} 等",
                    has.zh,
                    expected.join("、")
                ),
                format!(
                    "{name} is not a call profile: {}, while a profile's are {} and more",
                    has.en,
                    expected.join(", ")
                ),
            ),
        )
        .help(Text::new(
            "--call 给的是一整份申报指南配置（格式见 docs/call-profile.md）。要改内部截止日期，\
             先用 `shenbao call show --raw > 配置.yaml` 导出内置的 2021 年配置，\
             改其中的 `deadline` 后再用 `--call 配置.yaml`；不给 --call 就按内置配置检查",
            "--call takes a whole call profile (docs/call-profile.md). For an earlier internal \
             deadline, write out the embedded 2021 profile with `shenbao call show --raw > call.yaml`, \
             change its `deadline` and give `--call call.yaml`; without --call the embedded one is used",
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_profile_is_valid_and_its_json_is_its_yaml() {
        let parsed = CallProfile::parse("miit-xxxf-2021.yaml", EMBEDDED_2021)
            .unwrap_or_else(|e| panic!("embedded profile is invalid:\n{}", e.describe(Lang::En)));
        let from_yaml = Document::from_text("miit-xxxf-2021.yaml", EMBEDDED_2021).value;
        let from_json: serde_json::Value = serde_json::from_str(EMBEDDED_2021_JSON).unwrap();
        assert_eq!(from_yaml, Some(from_json));
        let embedded = CallProfile::embedded();
        assert_eq!(embedded.id, parsed.id);
        assert_eq!(embedded.lexicon().index.len(), parsed.lexicon().index.len());
    }

    #[test]
    fn embedded_profile_loads_with_complete_lists() {
        let p = CallProfile::embedded();
        assert_eq!(p.id, DEFAULT_CALL_ID);
        assert_eq!(p.categories.len(), 10);
        assert_eq!(p.regions.provincial.len(), 31);
        assert_eq!(p.regions.separately_planned_cities.len(), 5);
        assert_eq!(p.central_enterprises.list.len(), 97);
        assert!(!p.demonstration_cities.list.is_empty());
        assert_eq!(p.deadline().0.to_string(), "2021-03-31");
        assert_eq!(p.deadline().1, 8 * 3600);
        assert_eq!(p.category(7).unwrap().name, "智能防控创新产品");
    }

    #[test]
    fn a_broken_profile_is_reported_with_positions() {
        let text = EMBEDDED_2021.replacen("date: \"2021-03-31\"", "date: \"2021-02-30\"", 1);
        let err = CallProfile::parse("p.yaml", &text).unwrap_err();
        assert!(
            err.describe(Lang::En).contains("p.yaml:"),
            "{}",
            err.describe(Lang::En)
        );
    }
}
