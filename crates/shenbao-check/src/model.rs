//! The declaration as typed data, for the stages that need a complete, valid
//! document (the form, the dossier). Rules read the raw value instead, so they
//! can speak about documents that are only partly valid.
//!
//! The fields are the schema's (`schemas/declaration.schema.json`, the one
//! source of the declaration's shape): `tests/shape.rs` fails when a field
//! here is not in the schema, a schema field is not here, their types
//! disagree, or a field the schema leaves optional is required here.

use serde::Deserialize;
use serde_json::Value;
use shenbao_diagnostic::{CodedError, Diagnostic, Text};

#[derive(Clone, Debug, Deserialize)]
pub struct Declaration {
    pub schema: u32,
    #[serde(default)]
    pub call: Option<String>,
    pub applicant: Applicant,
    pub project: Project,
    pub narrative: Narrative,
    pub recommender: Recommender,
    pub submission: Submission,
    pub attachments: Vec<Attachment>,
    pub commitments: Commitments,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Applicant {
    pub name: String,
    pub credit_code: String,
    #[serde(default)]
    pub legal_form: Option<String>,
    pub ownership: String,
    pub established: String,
    pub registered_capital: f64,
    pub address: String,
    pub postal_code: String,
    pub legal_representative: String,
    pub contact: Contact,
    pub employees: u64,
    pub rd_staff: u64,
    pub finance: Finance,
    #[serde(default)]
    pub listed: Option<bool>,
    #[serde(default)]
    pub stock_code: Option<String>,
    pub profile: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Contact {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    pub phone: String,
    #[serde(default)]
    pub mobile: Option<String>,
    pub email: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Finance {
    pub revenue: f64,
    pub profit: f64,
    pub rd_expense: f64,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Project {
    pub name: String,
    /// A number 1–10 or the category's name, as written.
    pub category: Value,
    pub summary: String,
    pub keywords: Vec<String>,
    pub start_date: String,
    #[serde(default)]
    pub launch_date: Option<String>,
    #[serde(default)]
    pub end_date: Option<String>,
    pub investment: Investment,
    #[serde(default)]
    pub metrics: Vec<Metric>,
    #[serde(default)]
    pub partners: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Investment {
    pub total: f64,
    pub completed: f64,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Metric {
    pub name: String,
    pub value: f64,
    pub unit: String,
    #[serde(default)]
    pub as_of: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Narrative {
    pub background: String,
    pub content: String,
    pub innovation: String,
    pub results: String,
    pub replicability: String,
    #[serde(default)]
    pub safeguards: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Recommender {
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub via: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Submission {
    pub date: String,
    pub channel: String,
    pub registration_id: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Attachment {
    pub path: String,
    pub kind: String,
    #[serde(default)]
    pub title: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Commitments {
    pub truthful: bool,
    pub social_responsibility: bool,
    pub consumer_rights: bool,
    pub public_interest: bool,
    pub signatory: String,
    #[serde(default)]
    pub date: Option<String>,
}

impl Declaration {
    /// The typed declaration of a schema-valid value.
    pub fn from_value(value: &Value) -> Result<Declaration, ModelError> {
        Declaration::deserialize(value).map_err(ModelError)
    }
}

/// A value the typed model cannot read. Schema-valid declarations always read
/// (a test keeps the model and the schema in step), so this reaches a user only
/// when a step skipped validation.
#[derive(Debug, thiserror::Error)]
#[error("the declaration does not have the shape shenbao needs: {0}")]
pub struct ModelError(serde_json::Error);

impl CodedError for ModelError {
    fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &crate::schema::diags::OTHER,
            Text::new(
                format!("申报文件的结构不完整：{}", self.0),
                self.to_string(),
            ),
        )
        .help(Text::new(
            "先运行 shenbao validate 并改正其中的错误",
            "run shenbao validate and fix what it reports first",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shenbao_load::Document;

    #[test]
    fn every_passing_example_is_typed() {
        for example in [
            "thermal-screening-robot",
            "remote-diagnosis-platform",
            "city-brain-platform",
            "experience-centre",
        ] {
            let path = format!(
                "{}/../../examples/{example}/shenbao.yaml",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(path).unwrap();
            let document = Document::from_text(example, &text);
            let declaration = Declaration::from_value(document.value.as_ref().unwrap()).unwrap();
            assert!(!declaration.narrative.background.is_empty());
            assert!(!declaration.attachments.is_empty());
        }
    }
}
