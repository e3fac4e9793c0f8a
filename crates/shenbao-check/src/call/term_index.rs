//! Which phrases of the category lexicon occur in a text, and where, ASCII
//! letters case-insensitively (so 5G, VR, APP match however written).
//!
//! An Aho-Corasick DFA over a few hundred mostly Chinese phrases ran at
//! 3-5 ns per byte: ~150 byte classes and a transition table larger than the
//! L2 cache. Here each character start is keyed by the bytes of that
//! character and the next, read as one 8-byte word (ASCII letters folded
//! with a few word operations, never a decoded `char`); the key's slot in a
//! small table says which phrases begin so, and only those are compared.
//! Phrases of 8 bytes or more (three Chinese characters) are keyed by their
//! first 8 bytes instead, in a second table, so that an opening shared by
//! many (智能…) costs no more than one of its own. Thousands of phrases fill
//! a tenth of the slots, so most characters cost two loads, two hashes and
//! empty slots.

/// Every phrase, searchable in one pass over a text.
#[derive(Clone, Debug)]
pub struct TermIndex {
    terms: Vec<String>,
    /// Per phrase: has it ASCII letters (compared case-insensitively)?
    folds: Vec<bool>,
    /// Indexed by the hash of a phrase's first two characters' bytes (ASCII
    /// letters lowercased): 0, or 1 + the index in `groups` of the phrases
    /// there. Collisions only add candidates: each is compared in full.
    slots: Vec<u32>,
    groups: Vec<Vec<usize>>,
    /// Phrases of 8 bytes or more, by their first 8 bytes (folded): common
    /// openings such as 智能 start many phrases, and the third character
    /// tells them apart without comparing each.
    long_slots: Vec<u32>,
    long_groups: Vec<Vec<usize>>,
    /// Phrases of one character, by that character's key.
    singles: Vec<(u64, usize)>,
    /// One bit per hash of a phrase's first two characters (65,536 bits, in
    /// the L1 cache): a text position whose bit is clear begins no phrase,
    /// and the two larger tables are not touched.
    prefixes: Vec<u64>,
    /// Empty phrases, found in every text.
    empty: Vec<usize>,
}

/// 16,384 slots of 4 bytes: a few thousand phrases rarely share one.
const SLOT_BITS: u32 = 14;

/// Bytes in a UTF-8 sequence, by its first byte (continuation bytes: 1, so
/// that a broken sequence still advances).
#[inline(always)]
const fn utf8_len(lead: u8) -> usize {
    match lead {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

/// The first `n` bytes (1 <= n <= 8) of `bytes` from `at`, little-endian,
/// zero beyond them and beyond the end.
#[inline(always)]
fn word(bytes: &[u8], at: usize, n: usize) -> u64 {
    let mask = u64::MAX >> (8 * (8 - n));
    if let Some(eight) = bytes.get(at..at + 8) {
        // One unaligned load: the common case, away from the text's end.
        return u64::from_le_bytes(eight.try_into().expect("8 bytes")) & mask;
    }
    let mut buf = [0u8; 8];
    let end = bytes.len().min(at + n);
    buf[..end - at].copy_from_slice(&bytes[at..end]);
    u64::from_le_bytes(buf)
}

/// `word` with ASCII capitals lowercased, all eight bytes at once; bytes of
/// multi-byte characters (high bit set) are left alone.
#[inline(always)]
fn fold(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = word & !HIGH;
    let at_least_a = low7 + ONES * u64::from(0x80 - b'A');
    let beyond_z = low7 + ONES * u64::from(0x80 - b'Z' - 1);
    let upper = at_least_a & !beyond_z & !word & HIGH;
    word | (upper >> 2)
}

/// The key of the text at `at` (a character start): the bytes of the
/// character there and of the next one, if any, folded. None when one
/// character is all that is left.
fn key_at(bytes: &[u8], at: usize) -> (u64, Option<u64>) {
    let first = utf8_len(bytes[at]);
    let one = fold(word(bytes, at, first));
    let next = at + first;
    if next >= bytes.len() {
        return (one, None);
    }
    let both = (first + utf8_len(bytes[next])).min(8);
    (one, Some(fold(word(bytes, at, both))))
}

/// Bits in the prefix filter.
const PREFIX_BITS: u32 = 16;

/// A key's bit in the prefix filter (another hash than the slots').
#[inline(always)]
fn prefix_bit(key: u64) -> usize {
    (key.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> (64 - PREFIX_BITS)) as usize
}

/// File phrase `id` under `key` in a slot table and its groups.
fn add(slots: &mut [u32], groups: &mut Vec<Vec<usize>>, key: u64, id: usize) {
    let at = &mut slots[slot(key)];
    if *at == 0 {
        groups.push(Vec::new());
        *at = u32::try_from(groups.len()).expect("fewer groups than slots");
    }
    groups[*at as usize - 1].push(id);
}

#[inline(always)]
fn slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOT_BITS)) as usize
}

impl TermIndex {
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> TermIndex {
        let mut index = TermIndex {
            terms: Vec::new(),
            folds: Vec::new(),
            slots: vec![0; 1 << SLOT_BITS],
            groups: Vec::new(),
            long_slots: vec![0; 1 << SLOT_BITS],
            long_groups: Vec::new(),
            singles: Vec::new(),
            empty: Vec::new(),
            prefixes: vec![0; 1 << (PREFIX_BITS - 6)],
        };
        for (id, term) in terms.into_iter().enumerate() {
            index.terms.push(term.to_string());
            index
                .folds
                .push(term.bytes().any(|b| b.is_ascii_alphabetic()));
            if term.is_empty() {
                index.empty.push(id);
                continue;
            }
            let bytes = term.as_bytes();
            if let (_, Some(both)) = key_at(bytes, 0) {
                let bit = prefix_bit(both);
                index.prefixes[bit >> 6] |= 1 << (bit & 63);
            }
            match key_at(bytes, 0) {
                (one, None) => index.singles.push((one, id)),
                _ if bytes.len() >= 8 => {
                    let key = fold(word(bytes, 0, 8));
                    add(&mut index.long_slots, &mut index.long_groups, key, id);
                }
                (_, Some(both)) => add(&mut index.slots, &mut index.groups, both, id),
            }
        }
        index
    }

    /// How many phrases (the bound of the ids passed to `found`).
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The phrase with id `id`.
    pub fn term(&self, id: usize) -> &str {
        &self.terms[id]
    }

    /// Call `found(id, at)` for every occurrence of a phrase in `text`, `at`
    /// its byte offset; overlapping occurrences included. Empty phrases are
    /// found once, at 0.
    pub fn for_each_match(&self, text: &str, mut found: impl FnMut(usize, usize)) {
        self.empty.iter().for_each(|&id| found(id, 0));
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
        // Two passes: the first keeps every character start whose first two
        // characters pass the prefix filter, without a branch on the filter
        // (on varied text that branch is a coin toss); the second looks only
        // at those.
        let mut candidates = [0u32; 512];
        let mut at = 0;
        while at < bytes.len() {
            let mut kept = 0;
            while at < bytes.len() && kept < candidates.len() {
                let first = utf8_len(bytes[at]);
                if !self.singles.is_empty() {
                    let one = fold(word(bytes, at, first));
                    for &(single, id) in &self.singles {
                        if single == one {
                            found(id, at);
                        }
                    }
                }
                let next = at + first;
                if next < bytes.len() {
                    let both = (first + utf8_len(bytes[next])).min(8);
                    let two = fold(word(bytes, at, both));
                    let bit = prefix_bit(two);
                    candidates[kept] = at as u32;
                    kept += ((self.prefixes[bit >> 6] >> (bit & 63)) & 1) as usize;
                }
                at = next;
            }
            for &start in &candidates[..kept] {
                let start = start as usize;
                let first = utf8_len(bytes[start]);
                let next = start + first;
                // One load and one fold serve both tables: the first two
                // characters are a prefix of the first 8 bytes.
                let eight = fold(word(bytes, start, 8));
                let both = (first + utf8_len(bytes[next])).min(8);
                let two = eight & (u64::MAX >> (8 * (8 - both)));
                let group = self.slots[slot(two)];
                if group != 0 {
                    for &id in &self.groups[group as usize - 1] {
                        if occurs_at(start, id) {
                            found(id, start);
                        }
                    }
                }
                if start + 8 <= bytes.len() {
                    let group = self.long_slots[slot(eight)];
                    if group != 0 {
                        for &id in &self.long_groups[group as usize - 1] {
                            if occurs_at(start, id) {
                                found(id, start);
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{fold, TermIndex};

    /// Every (phrase, offset) found, by the obvious definition.
    fn naive(terms: &[&str], text: &str) -> Vec<(usize, usize)> {
        let lower = text.to_ascii_lowercase();
        let mut found = Vec::new();
        for (id, term) in terms.iter().enumerate() {
            if term.is_empty() {
                found.push((id, 0));
                continue;
            }
            let term = term.to_ascii_lowercase();
            found.extend(
                (0..lower.len())
                    .filter(|&at| lower.is_char_boundary(at) && lower[at..].starts_with(&term))
                    .map(|at| (id, at)),
            );
        }
        found.sort_unstable();
        found
    }

    fn found(index: &TermIndex, text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        index.for_each_match(text, |id, at| found.push((id, at)));
        found.sort_unstable();
        found
    }

    const TERMS: [&str; 16] = [
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
        "g",
    ];

    #[test]
    fn agrees_with_substring_search() {
        let index = TermIndex::new(TERMS);
        assert_eq!(index.len(), TERMS.len());
        for text in [
            "",
            "直播电商平台，5g 与 VLOG",
            "移动app和移动APP、Mobile App",
            "c2m 反向定制, 3d打印",
            "𠀀字 and 𐀀字 (U+20000 and U+10000)",
            "āb ĀB Āb",
            "商商商直播",
            "g",
            "电",
        ] {
            assert_eq!(found(&index, text), naive(&TERMS, text), "{text}");
        }
    }

    /// xorshift64: the same texts on every run.
    fn next_random(state: &mut u64) {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
    }

    /// Up to `most` characters of `alphabet`, picked by the bits of `state`.
    fn random_text(state: u64, alphabet: &[char], most: u64) -> String {
        (0..state % most)
            .map(|k| alphabet[(state.rotate_left(k as u32 * 5) % alphabet.len() as u64) as usize])
            .collect()
    }

    /// Random texts over an alphabet that makes phrases occur often, at
    /// every offset, in every case.
    #[test]
    fn agrees_with_substring_search_on_random_texts() {
        let alphabet: Vec<char> = "电商直播5GgAaPpVvLlOo移动𠀀字C2Mm3Dd打印ĀāBb ，"
            .chars()
            .collect();
        let index = TermIndex::new(TERMS);
        let mut state = 2021u64;
        for _ in 0..5_000 {
            next_random(&mut state);
            let text = random_text(state, &alphabet, 24);
            assert_eq!(found(&index, &text), naive(&TERMS, &text), "{text}");
        }
    }

    /// Phrases past 8 and 16 bytes (keyed in the long table by their first
    /// 8), with ASCII letters in either half, compared case-insensitively.
    const LONG_TERMS: [&str; 8] = [
        "信息消费",             // 12 bytes
        "信息消费体验中心",     // 24
        "新型信息消费示范项目", // 30
        "Mobile App Store",     // 16, letters in both words
        "Mobile App Stores",    // 17
        "VR体验馆AR",           // letters at both ends
        "12345678",             // exactly one word
        "一二三四五六七八九十", // 30, no letters
    ];

    #[test]
    fn long_phrases_agree_with_substring_search() {
        let index = TermIndex::new(LONG_TERMS);
        let alphabet: Vec<char> = "信息消费体验中心新型示范项目MmOoBbIiLlEe ApPsStTrR vV体验馆aA12345678一二三四五六七八九十"
            .chars()
            .collect();
        let mut state = 13u64;
        for round in 0..20_000 {
            let mut text = String::new();
            next_random(&mut state);
            // Every other text is built from whole phrases, so that long
            // ones occur, cut and case-changed at random.
            if round % 2 == 0 {
                for k in 0..(state % 5) {
                    let term = LONG_TERMS[(state.rotate_left(k as u32 * 7) % 8) as usize];
                    let cut = (state.rotate_left(k as u32 * 11) % 4) as usize;
                    let chars: Vec<char> = term.chars().collect();
                    let keep = chars.len() - cut.min(chars.len());
                    for (j, c) in chars[..keep].iter().enumerate() {
                        let flip = state.rotate_left(j as u32) & 1 == 1;
                        text.push(if flip { c.to_ascii_uppercase() } else { *c });
                    }
                }
            } else {
                text = random_text(state, &alphabet, 40);
            }
            assert_eq!(found(&index, &text), naive(&LONG_TERMS, &text), "{text}");
        }
    }

    /// The 2021 profile's whole lexicon, on texts that use it.
    #[test]
    fn the_whole_lexicon_agrees_with_substring_search() {
        let profile = crate::call::CallProfile::embedded();
        let index = &profile.lexicon().index;
        let terms: Vec<&str> = (0..index.len()).map(|id| index.term(id)).collect();
        let mut texts: Vec<String> = terms.chunks(37).map(|c| c.join("，")).collect();
        texts.push(terms.concat());
        texts.push(terms.iter().rev().map(|t| t.to_ascii_uppercase()).collect());
        for text in &texts {
            assert_eq!(found(index, text), naive(&terms, text), "{text}");
        }
    }

    #[test]
    fn folding_touches_ascii_capitals_only() {
        for byte in 0..=255u8 {
            let folded = fold(u64::from_le_bytes([byte; 8])).to_le_bytes();
            let expected = if byte.is_ascii_uppercase() {
                byte + 32
            } else {
                byte
            };
            assert_eq!(folded, [expected; 8], "{byte:#x}");
        }
    }
}
