//! The categories' concepts as scoring uses them: every concept of every
//! category numbered in one list, every phrase in one index, each phrase
//! pointing at its concept. A category's `terms` are concepts of one phrase.

use super::{CallProfile, TermIndex};

/// One concept of one category.
#[derive(Clone, Debug)]
pub struct ScoredConcept {
    /// The category's number.
    pub category: u32,
    /// The category's place in the profile's list.
    pub category_index: usize,
    pub name: String,
    pub name_en: String,
    pub weight: u32,
}

/// The profile's concepts and their phrases.
#[derive(Clone, Debug)]
pub struct Lexicon {
    pub index: TermIndex,
    /// Per phrase id: the concept it says.
    phrase_concept: Vec<u32>,
    pub concepts: Vec<ScoredConcept>,
    pub negations: Vec<String>,
}

impl Lexicon {
    pub fn new(profile: &CallProfile) -> Lexicon {
        let mut phrases: Vec<&str> = Vec::new();
        let mut phrase_concept = Vec::new();
        let mut concepts = Vec::new();
        for (category_index, category) in profile.categories.iter().enumerate() {
            // A phrase twice in one category counts for its first concept only.
            let mut seen = std::collections::HashSet::new();
            let singles = category
                .terms
                .iter()
                .map(|t| (t.term.as_str(), "", t.weight, std::slice::from_ref(&t.term)));
            let grouped = category.concepts.iter().map(|c| {
                (
                    c.concept.as_str(),
                    c.concept_en.as_str(),
                    c.weight,
                    c.phrases.as_slice(),
                )
            });
            for (name, name_en, weight, said_by) in singles.chain(grouped) {
                let id = u32::try_from(concepts.len()).expect("fewer than 4 billion concepts");
                concepts.push(ScoredConcept {
                    category: category.number,
                    category_index,
                    name: name.to_string(),
                    name_en: name_en.to_string(),
                    weight,
                });
                for phrase in said_by {
                    if seen.insert(phrase.to_ascii_lowercase()) {
                        phrases.push(phrase);
                        phrase_concept.push(id);
                    }
                }
            }
        }
        Lexicon {
            index: TermIndex::new(phrases),
            phrase_concept,
            concepts,
            negations: profile.negations.clone(),
        }
    }

    /// The concept (an index into `concepts`) the phrase with id `phrase` says.
    pub fn concept_of(&self, phrase: usize) -> usize {
        self.phrase_concept[phrase] as usize
    }

    /// Is the phrase found at byte `at` of `text` denied by a negation in the
    /// same clause, within the ten characters before it (不是电商, 并非一个
    /// 电商, 无需到店)?
    pub fn negated(&self, text: &str, at: usize) -> bool {
        if self.negations.is_empty() {
            return false;
        }
        let before = &text[..at];
        let start = before
            .char_indices()
            .rev()
            .take(6 + 4)
            .take_while(|(_, c)| !is_clause_break(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let window = &before[start..];
        self.negations
            .iter()
            .any(|cue| window.contains(cue.as_str()))
    }
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '！' | '？' | '、' | ',' | '.' | ';' | '!' | '?' | '\n' | '：' | ':'
    )
}

/// What a phrase of the facet rules shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FacetPhrase {
    /// Group `group` of facet rule `facet` is shown.
    Shows { facet: usize, group: usize },
    /// Facet rule `facet` is denied outright.
    Denies { facet: usize },
}

/// Every phrase of the facet rules (C003) in one index, so that a
/// declaration's texts are read once, not once per phrase.
#[derive(Clone, Debug)]
pub struct FacetIndex {
    pub index: TermIndex,
    pub phrases: Vec<FacetPhrase>,
}

impl FacetIndex {
    pub fn new(profile: &CallProfile) -> FacetIndex {
        let mut words: Vec<&str> = Vec::new();
        let mut phrases = Vec::new();
        for (facet, rule) in profile.facets.iter().enumerate() {
            for (group, required) in rule.requires.iter().enumerate() {
                for word in &required.any_of {
                    words.push(word);
                    phrases.push(FacetPhrase::Shows { facet, group });
                }
            }
            for word in &rule.denied_by {
                words.push(word);
                phrases.push(FacetPhrase::Denies { facet });
            }
        }
        FacetIndex {
            index: TermIndex::new(words),
            phrases,
        }
    }
}
