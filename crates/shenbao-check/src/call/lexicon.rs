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
}

/// The profile's concepts and their phrases, and the facet rules' phrases:
/// one index, so that a text is read once for both.
#[derive(Clone, Debug)]
pub struct Lexicon {
    pub index: TermIndex,
    /// Per phrase id: what it says.
    phrase_use: Vec<PhraseUse>,
    pub concepts: Vec<ScoredConcept>,
    pub negations: Vec<String>,
    /// The negations by their first character: a window is searched by
    /// its characters, each compared only with the negations it can begin.
    negation_leads: Vec<(char, Vec<String>)>,
    /// Bit `c % 64` set for each first character `c`: most characters of a
    /// window are ruled out by one test.
    lead_bits: u64,
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
        Lexicon {
            index: TermIndex::new(phrases),
            phrase_use,
            concepts,
            negations: profile.negations.clone(),
            negation_leads: {
                let mut leads: Vec<(char, Vec<String>)> = Vec::new();
                for cue in &profile.negations {
                    let Some(first) = cue.chars().next() else {
                        continue;
                    };
                    match leads.iter_mut().find(|(c, _)| *c == first) {
                        Some((_, cues)) => cues.push(cue.clone()),
                        None => leads.push((first, vec![cue.clone()])),
                    }
                }
                leads
            },
            lead_bits: profile
                .negations
                .iter()
                .filter_map(|n| n.chars().next())
                .fold(0, |bits, c| bits | 1 << (c as u32 % 64)),
        }
    }

    /// What the phrase with id `phrase` says.
    pub fn use_of(&self, phrase: usize) -> PhraseUse {
        self.phrase_use[phrase]
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
        // Each character of the window compared with the negations it can
        // begin: far cheaper than searching the window for each negation.
        window.char_indices().any(|(i, c)| {
            self.lead_bits & (1 << (c as u32 % 64)) != 0
                && self
                    .negation_leads
                    .iter()
                    .find(|(lead, _)| *lead == c)
                    .is_some_and(|(_, cues)| {
                        cues.iter().any(|cue| window[i..].starts_with(cue.as_str()))
                    })
        })
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
