//! Category fit, deterministic and explainable: each category's concepts
//! (the profile's lexicon) are looked up in the project's texts; a concept
//! found in a field adds its weight times the field's factor (once per field,
//! however often and in however many words it recurs, so long texts do not
//! win by repetition). The concept a project's name ends in (its head:
//! ……体验馆建设项目, ……手环研发项目) counts once more.

use crate::call::lexicon::{FacetPhrase, PhraseUse};
use crate::call::{CallProfile, Lexicon};
use crate::rules::Context;
use std::borrow::Cow;

/// The texts that describe the project, and how much each one counts.
pub const FIELDS: &[(&str, u32)] = &[
    (NAME, 3),
    ("/project/keywords", 2),
    ("/project/summary", 2),
    ("/narrative/background", 1),
    ("/narrative/content", 1),
    ("/narrative/innovation", 1),
    ("/narrative/results", 1),
    ("/narrative/replicability", 1),
];

/// The field that names the project: the concept it ends in is what the
/// project is.
pub const NAME: &str = "/project/name";

/// How many times its weight the head of the name earns on top of the
/// name's factor. A Chinese name puts what the project is last and what
/// qualifies it before (梅岭古镇皮影数字小剧场: a small theatre; 老年人跌倒报警
/// 定位手表: a watch); measured in docs/category-fit.md.
pub const HEAD_BONUS: u32 = 1;

/// One field's text and how much it counts.
#[derive(Clone, Debug)]
pub struct FieldText<'a> {
    pub text: Cow<'a, str>,
    pub factor: u32,
    /// The project's name, whose head concept counts once more.
    pub is_name: bool,
}

/// One category's score and the concepts that earned it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fit {
    pub number: u32,
    pub score: u32,
    /// Concepts found, highest contribution first.
    pub evidence: Vec<Evidence>,
}

/// A concept found in the project's texts: what it earned and the phrases
/// that said it (as written in the profile, in the order found).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Evidence {
    pub concept: String,
    pub concept_en: String,
    pub score: u32,
    pub phrases: Vec<String>,
    /// The concept the project's name ends in: its score holds
    /// [`HEAD_BONUS`] times its weight more.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub head: bool,
}

/// The project's texts, one per field (keywords joined), with the field's
/// factor.
pub fn texts<'a>(cx: &Context<'a>) -> Vec<FieldText<'a>> {
    FIELDS
        .iter()
        .filter_map(|(pointer, factor)| {
            let text = match cx.get(pointer)? {
                serde_json::Value::String(s) => Cow::Borrowed(s.as_str()),
                serde_json::Value::Array(items) => Cow::Owned(
                    items
                        .iter()
                        .filter_map(serde_json::Value::as_str)
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                _ => return None,
            };
            Some(FieldText {
                text,
                factor: *factor,
                is_name: *pointer == NAME,
            })
        })
        .collect()
}

/// What the lexicon found in a project's texts: every category's score, and
/// what earned it, kept as ids until [`Scores::fit`] puts it into words.
pub struct Scores<'p> {
    profile: &'p CallProfile,
    /// Per category, in profile order.
    pub scores: Vec<u32>,
    /// (concept, field, phrase) of every phrase found, in text order.
    found: Vec<(u32, u32, u32)>,
    factors: Vec<u32>,
    /// What the facet rules' phrases said, with the field and byte offset.
    pub facets: Vec<(FacetPhrase, usize, usize)>,
    /// The concept the project's name ends in.
    head: Option<u32>,
}

/// Every category's score. A concept earns its weight times the field's
/// factor once per field it is found in, whichever of its phrases said it;
/// a phrase a negation denies (不是电商), or one inside a longer phrase
/// found at the same place, says nothing. The concept found last in the
/// name earns [`HEAD_BONUS`] times its weight more.
pub fn score<'p>(profile: &'p CallProfile, texts: &[FieldText]) -> Scores<'p> {
    let lexicon = profile.lexicon();
    // Few phrases are found per text: sorting them beats clearing a table
    // the size of the lexicon.
    let mut found: Vec<(u32, u32, u32)> = Vec::new();
    let mut facets = Vec::new();
    let mut spans: Vec<(usize, usize, u32)> = Vec::new();
    let mut negations: Vec<(usize, usize)> = Vec::new();
    // (concept, end) of the concept that ends last in the name.
    let mut head: Option<(u32, usize)> = None;
    for (field, FieldText { text, is_name, .. }) in texts.iter().enumerate() {
        spans.clear();
        negations.clear();
        lexicon.index.for_each_match(text, |phrase, at| {
            let end = at + lexicon.index.term(phrase).len();
            match lexicon.use_of(phrase) {
                PhraseUse::Concept(_) => spans.push((at, end, phrase as u32)),
                PhraseUse::Facet(said) => facets.push((said, field, at)),
                PhraseUse::Negation => negations.push((at, end)),
            }
        });
        // A phrase inside a longer one found at the same place says nothing
        // of its own: 线上展厅 (an online exhibition, 1) is no 展厅 (a
        // showroom, 10); 急救箱 is no 急救.
        spans.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let (mut reach, mut reach_start) = (0, usize::MAX);
        for &(at, end, phrase) in &spans {
            let inside = end <= reach && (at, end) != (reach_start, reach);
            if end > reach {
                (reach, reach_start) = (end, at);
            }
            if inside || Lexicon::negated(text, at, &negations) {
                continue;
            }
            let PhraseUse::Concept(concept) = lexicon.use_of(phrase as usize) else {
                continue;
            };
            if *is_name && head.is_none_or(|(_, last)| end >= last) {
                head = Some((concept, end));
            }
            found.push((concept, field as u32, phrase));
        }
    }
    let factors: Vec<u32> = texts.iter().map(|t| t.factor).collect();
    let mut scores = vec![0; profile.categories.len()];
    // The last field (plus one) each concept was credited for: matches come
    // field by field, so a concept is credited once per field without a sort.
    let mut credited = vec![0u32; lexicon.concepts.len()];
    for &(concept, field, _) in &found {
        if credited[concept as usize] != field + 1 {
            credited[concept as usize] = field + 1;
            let scored = &lexicon.concepts[concept as usize];
            scores[scored.category_index] += factors[field as usize] * scored.weight;
        }
    }
    let head = head.map(|(concept, _)| concept);
    if let Some(concept) = head {
        let scored = &lexicon.concepts[concept as usize];
        scores[scored.category_index] += HEAD_BONUS * scored.weight;
    }
    Scores {
        profile,
        scores,
        found,
        factors,
        facets,
        head,
    }
}

impl Scores<'_> {
    /// Category `number`'s fit, with its evidence in words.
    pub fn fit(&self, number: u32) -> Fit {
        let lexicon = self.profile.lexicon();
        let index = self
            .profile
            .categories
            .iter()
            .position(|c| c.number == number)
            .expect("a category of the profile");
        let mut evidence = Vec::new();
        // Put into words only when asked: sorted by concept here, not when
        // scoring.
        let mut found = self.found.clone();
        found.sort_unstable();
        for run in found.chunk_by(|a, b| a.0 == b.0) {
            let concept = &lexicon.concepts[run[0].0 as usize];
            if concept.category_index != index {
                continue;
            }
            let mut fields = 0u32;
            let mut phrases: Vec<String> = Vec::new();
            for (i, &(_, field, phrase)) in run.iter().enumerate() {
                if i == 0 || run[i - 1].1 != field {
                    fields += self.factors[field as usize];
                }
                let phrase = lexicon.index.term(phrase as usize);
                if !phrases.iter().any(|p| p == phrase) {
                    phrases.push(phrase.to_string());
                }
            }
            let head = self.head == Some(run[0].0);
            if head {
                fields += HEAD_BONUS;
            }
            evidence.push(Evidence {
                concept: concept.name.clone(),
                concept_en: concept.name_en.clone(),
                score: fields * concept.weight,
                phrases,
                head,
            });
        }
        evidence.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| a.concept.cmp(&b.concept))
        });
        Fit {
            number,
            score: self.scores[index],
            evidence,
        }
    }

    /// The best-scoring category's number; ties go to `prefer` (the declared
    /// category), then to the lower number.
    pub fn best(&self, prefer: u32) -> u32 {
        let numbered = self
            .profile
            .categories
            .iter()
            .zip(&self.scores)
            .map(|(c, s)| (c.number, *s));
        numbered
            .max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then_with(|| (a.0 == prefer).cmp(&(b.0 == prefer)))
                    .then_with(|| b.0.cmp(&a.0))
            })
            .map_or(prefer, |(number, _)| number)
    }

    /// Category `number`'s score.
    pub fn of(&self, number: u32) -> u32 {
        self.profile
            .categories
            .iter()
            .position(|c| c.number == number)
            .map_or(0, |i| self.scores[i])
    }
}

/// Every category's fit with its evidence, in category order.
pub fn all_fits(profile: &CallProfile, texts: &[FieldText]) -> Vec<Fit> {
    let scores = score(profile, texts);
    profile
        .categories
        .iter()
        .map(|c| scores.fit(c.number))
        .collect()
}

/// The best fit; ties go to `prefer` (the declared category), then to the
/// lower number.
pub fn best(fits: &[Fit], prefer: u32) -> &Fit {
    fits.iter()
        .max_by(|a, b| {
            a.score
                .cmp(&b.score)
                .then_with(|| (a.number == prefer).cmp(&(b.number == prefer)))
                .then_with(|| b.number.cmp(&a.number))
        })
        .expect("a profile has categories")
}

/// Every category's fit for a declaration, highest score first (then by
/// number): what `shenbao fit` prints and the web page shows.
pub struct Ranking {
    pub ranked: Vec<Fit>,
    /// The category the declaration names, when it names one of the profile's.
    pub declared: Option<u32>,
    /// The best fit (ties to the declared category).
    pub best: u32,
}

/// Score every category for a parsed declaration.
pub fn rank(value: &serde_json::Value, profile: &CallProfile) -> Ranking {
    let cx = Context {
        value,
        profile,
        files: crate::rules::Files::None,
        as_of: profile.deadline().0,
    };
    let fits = all_fits(profile, &texts(&cx));
    let declared = value
        .pointer("/project/category")
        .and_then(|v| profile.category_of(v))
        .map(|c| c.number);
    let best = best(&fits, declared.unwrap_or(0)).number;
    let mut ranked = fits;
    ranked.sort_by(|a, b| b.score.cmp(&a.score).then(a.number.cmp(&b.number)));
    Ranking {
        ranked,
        declared,
        best,
    }
}

/// Is a category scoring `best` clearly better than the declared one,
/// scoring `declared`? Half again the score and a margin of at least 12
/// (two distinctive concepts in the summary).
pub fn clearly_better(best: u32, declared: u32) -> bool {
    best * 2 >= declared * 3 && best >= declared + 12
}
