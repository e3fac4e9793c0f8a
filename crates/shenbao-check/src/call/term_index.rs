//! Which category terms occur in a text, ASCII letters case-insensitively (so
//! 5G, VR, APP match however written).
//!
//! An Aho-Corasick DFA over the ~300 terms did this at about 3-5 ns per byte:
//! mostly Chinese terms give it ~150 byte classes and a transition table
//! larger than the L2 cache. Terms are few and short, and few pairs of
//! characters in a text begin one, so each pair of adjacent characters is
//! looked up in a table of the terms' first two characters, and only the
//! terms found there are compared.

/// Every term, searchable in one pass over a text. Term ids run through the
/// categories in order, each category's terms in order.
#[derive(Clone, Debug)]
pub struct TermIndex {
    terms: Vec<String>,
    /// Per term: has it ASCII letters (compared case-insensitively)?
    folds: Vec<bool>,
    /// Indexed by a hash of a term's first two characters (ASCII letters
    /// lowercased): 0, or 1 + the index in `groups` of the terms there.
    /// Collisions only add candidates: every candidate is compared in full.
    slots: Vec<u16>,
    groups: Vec<Vec<usize>>,
    /// Terms of one character, with that character lowercased.
    singles: Vec<(char, usize)>,
    /// Empty terms, found in every text.
    empty: Vec<usize>,
}

/// 4,096 slots of 2 bytes: small enough to stay in the L1 cache, large enough
/// for a few hundred terms to rarely share one.
const SLOT_BITS: u32 = 12;

fn slot(first: char, second: char) -> usize {
    let a = first.to_ascii_lowercase() as u32;
    let b = second.to_ascii_lowercase() as u32;
    (a.wrapping_mul(0x9E37_79B1) ^ b).wrapping_mul(0x85EB_CA77) as usize >> (32 - SLOT_BITS)
}

impl TermIndex {
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> TermIndex {
        let mut index = TermIndex {
            terms: Vec::new(),
            folds: Vec::new(),
            slots: vec![0; 1 << SLOT_BITS],
            groups: Vec::new(),
            singles: Vec::new(),
            empty: Vec::new(),
        };
        for (id, term) in terms.into_iter().enumerate() {
            index.terms.push(term.to_string());
            index
                .folds
                .push(term.bytes().any(|b| b.is_ascii_alphabetic()));
            let mut chars = term.chars();
            match (chars.next(), chars.next()) {
                (None, _) => index.empty.push(id),
                (Some(c), None) => index.singles.push((c.to_ascii_lowercase(), id)),
                (Some(first), Some(second)) => {
                    let at = &mut index.slots[slot(first, second)];
                    if *at == 0 {
                        index.groups.push(Vec::new());
                        *at = u16::try_from(index.groups.len()).expect("4,096 slots at most");
                    }
                    index.groups[*at as usize - 1].push(id);
                }
            }
        }
        index
    }

    /// How many terms (the bound of the ids passed to `found`).
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Call `found` with the id of every term that occurs in `text`, once per
    /// occurrence, overlapping occurrences included.
    pub fn for_each_match(&self, text: &str, mut found: impl FnMut(usize)) {
        self.empty.iter().for_each(|&id| found(id));
        let bytes = text.as_bytes();
        let occurs_at = |at: usize, id: usize| {
            let term = self.terms[id].as_bytes();
            bytes.get(at..at + term.len()).is_some_and(|candidate| {
                if self.folds[id] {
                    candidate.eq_ignore_ascii_case(term)
                } else {
                    candidate == term
                }
            })
        };
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if !self.singles.is_empty() {
                let c = c.to_ascii_lowercase();
                for &(single, id) in &self.singles {
                    if single == c {
                        found(id);
                    }
                }
            }
            let Some(&(_, next)) = chars.peek() else {
                break;
            };
            let group = self.slots[slot(c, next)];
            if group != 0 {
                for &id in &self.groups[group as usize - 1] {
                    if occurs_at(at, id) {
                        found(id);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TermIndex;

    /// The set of terms found, by the obvious definition.
    fn naive(terms: &[&str], text: &str) -> Vec<usize> {
        let text = text.to_ascii_lowercase();
        (0..terms.len())
            .filter(|&i| text.contains(&terms[i].to_ascii_lowercase()))
            .collect()
    }

    fn found(index: &TermIndex, text: &str) -> Vec<usize> {
        let mut ids = Vec::new();
        index.for_each_match(text, |id| ids.push(id));
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    #[test]
    fn agrees_with_substring_search() {
        let terms = [
            "电商",
            "直播电商",
            "5G",
            "移动APP",
            "app",
            "Vlog",
            "商",
            "直播",
            "播电",
            "𠀀字",
            "",
            "电商",
            "C2M",
            "3D打印",
            "ĀB",
        ];
        let index = TermIndex::new(terms);
        assert_eq!(index.len(), terms.len());
        for text in [
            "",
            "直播电商平台，5g 与 VLOG",
            "移动app和移动APP、Mobile App",
            "c2m 反向定制, 3d打印",
            "𠀀字 and 𐀀字 (U+20000 and U+10000: the same slot)",
            "āb ĀB Āb",
            "商商商直播",
        ] {
            assert_eq!(found(&index, text), naive(&terms, text), "{text}");
        }
    }
}
