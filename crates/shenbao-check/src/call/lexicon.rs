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

/// What a phrase of the index says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhraseUse {
    /// A concept (an index into `Lexicon::concepts`).
    Concept(u32),
    /// Something about a facet rule (C003).
    Facet(FacetPhrase),
    /// A negation: it denies a concept's phrase shortly after it.
    Negation,
}

/// The profile's concepts and their phrases, and the facet rules' phrases:
/// one index, so that a text is read once for both.
#[derive(Clone, Debug)]
pub struct Lexicon {
    pub index: TermIndex,
    /// Per phrase id: what it says.
    phrase_use: Vec<PhraseUse>,
    pub concepts: Vec<ScoredConcept>,
}

impl Lexicon {
    pub fn new(profile: &CallProfile) -> Lexicon {
        let mut phrases: Vec<&str> = Vec::new();
        let mut phrase_use = Vec::new();
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
                        phrase_use.push(PhraseUse::Concept(id));
                    }
                }
            }
        }
        for (facet, rule) in profile.facets.iter().enumerate() {
            for (group, required) in rule.requires.iter().enumerate() {
                for word in &required.any_of {
                    phrases.push(word);
                    phrase_use.push(PhraseUse::Facet(FacetPhrase::Shows { facet, group }));
                }
            }
            for word in &rule.denied_by {
                phrases.push(word);
                phrase_use.push(PhraseUse::Facet(FacetPhrase::Denies { facet }));
            }
        }
        for cue in &profile.negations {
            phrases.push(cue);
            phrase_use.push(PhraseUse::Negation);
        }
        Lexicon {
            index: TermIndex::new(phrases),
            phrase_use,
            concepts,
        }
    }

    /// What the phrase with id `phrase` says.
    pub fn use_of(&self, phrase: usize) -> PhraseUse {
        self.phrase_use[phrase]
    }

    /// Is the phrase found at byte `at` of `text` denied by one of the
    /// negations found there (byte ranges, in order): one in the same
    /// clause, within the ten characters before it (不是电商, 并非一个电商)?
    pub fn negated(text: &str, at: usize, negations: &[(usize, usize)]) -> bool {
        negations.iter().any(|&(start, end)| {
            // A character is at most 4 bytes: farther than that many bytes
            // is farther than the reach, without counting characters.
            end <= at && at - start <= 4 * NEGATION_REACH && {
                let between = &text[start..at];
                between.chars().count() <= NEGATION_REACH && !between.chars().any(is_clause_break)
            }
        })
    }
}

/// How far back, in characters, a negation reaches (its own included).
const NEGATION_REACH: usize = 10;

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
