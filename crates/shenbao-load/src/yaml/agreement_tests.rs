//! The fast path against the full one. Whatever the fast path accepts, the
//! full path must give the same value (keys in the same order) and the same
//! spans; and the fast path must take the block style examples are written in.
//! Checked on the examples, on edge cases, on generated block documents and on
//! mutations of all of them.

use super::events;
#[path = "rng.rs"]
mod rng;
use rng::Rng;

/// Did the fast path take `text`? Panics if the paths disagree.
fn agree(text: &str) -> bool {
    super::differential(text).unwrap_or_else(|disagreement| panic!("{disagreement}\n{text:?}"))
}

fn example_texts() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let mut texts = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_name() == "shenbao.yaml" || entry.path().extension() == Some("yaml".as_ref())
        {
            texts.push(std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    assert!(texts.len() >= 4, "examples not found under {root}");
    texts
}

/// Small documents on the edges of the fast path: each is either taken and
/// agrees, or refused.
const EDGES: &[&str] = &[
    "a: b  \nc: \"x y\"  # c\nd: 'q''r'\n",
    "a: |-\n  line1\n\n  line2\n\nb: |\n  x\n  y\n\n\nc: 1\n",
    "k:\n- a\n- b: 1\n  c: 2\n",
    "k:\n  - a\n  -   b: 1\n      c: 2\n  - 'x' # c\nz: 0\n",
    "a:   v # c\n",
    "a: |\n  x\n",
    "a: |-\n  x",
    "a: |\n  x",
    "a: \"p\"",
    "m:\n  a: |\n    x\n     y\n\n  b: 1\n",
    "m:\n  a: |-\n    x\n  # c\n  b: 1\n",
    "m:\n  a: |\n    x\n      \n  b: 1\n",
    "m:\n  a: |\n    x\n    \n  b: 1\n",
    "a: |  # c\n  # not a comment\n  x: y\n",
    "a: b:c\nd: e#f\ng: -1\nh: -x\ni: ?x\nj: :x\n",
    "a: 010\nb: 0x1F\nc: 1e3\nd: .inf\ne: ~\nf: no\ng: 2021-03-31\nh: 1_000\n",
    "# head\n\n  # indented\na: 1\n# tail\n",
    "a:\n  # c\n  b: 1\n",
    "a: 1\n  # deeper comment\nb: 2\n",
    "a/b~c: 1\n中文: 值\n",
    "a: [1, 2]\n",
    "a: &x 1\nb: *x\n",
    "a: 1\na: 2\n",
    "a:\nb: 1\n",
    "a: b\n  c\n",
    "- a\n",
    "---\na: 1\n",
    "a: 1\n...\n",
    "a : 1\n",
    "'a': 1\n",
    "a: \"x\\ty\"\n",
    "a: >\n  x\n",
    "a: |+\n  x\n",
    "a: |2\n  x\n",
    "a: x\n b: y\n",
    "a:\n  b: 1\n c: 2\n",
    "a:\n  - 1\n  b: 2\n",
    "a: '\n",
    "a: \"x\" y\n",
    "a:\n  - - 1\n",
    "a:\n  -\n    b\n",
    "a: b # c: d\n",
    "a: b: c\n",
    "a: 'it''s'\nb: ''\nc: \"\"\n",
    "a: |\n\n  x\n",
    "a: |\n  x\n\n",
    "a: |-\n  x\n  \n",
    "l:\n- |\n  x\n- y\n",
    "l:\n- a: |-\n    x\n  b: 2\n",
    "a: |\r\n  x\r\n\r\n  y\r\nb: b \r\nc: 'x'  # c\r\nd:\r\n- e\r\n",
    "a: |-\r\n  x\r\n  \r\n",
    "a: b\rc: d\n",
    "a: b\r\n\rc: d\n",
];

#[test]
fn the_fast_path_takes_every_example_and_agrees() {
    for text in example_texts() {
        // Examples are written in the block style: every one that parses
        // must take the fast path, or the speed it exists for is lost.
        let taken = agree(&text);
        assert!(
            taken || events::parse(&text).is_err(),
            "the fast path refused:\n{text}"
        );
        // The same with Windows line breaks.
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(
            agree(&crlf),
            taken,
            "CRLF changed the path taken:\n{crlf:?}"
        );
    }
}

#[test]
fn the_fast_path_agrees_on_its_edges() {
    let taken = EDGES.iter().filter(|text| agree(text)).count();
    assert!(
        taken >= 20,
        "only {taken} edge documents took the fast path"
    );
}

/// The generator and the number of rounds: SHENBAO_FUZZ_SEED and
/// SHENBAO_FUZZ_ROUNDS run a test longer, or elsewhere.
fn fuzzing(seed: u64, rounds: usize) -> (Rng, usize) {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let seed = env("SHENBAO_FUZZ_SEED").unwrap_or(seed);
    let rounds = env("SHENBAO_FUZZ_ROUNDS").map_or(rounds, |n| n as usize);
    (Rng(seed | 1), rounds)
}

/// Pieces that matter to YAML, for mutations.
const PIECES: &[&str] = &[
    " ",
    "  ",
    "\n",
    "\n\n",
    "#",
    " #",
    ":",
    ": ",
    "- ",
    "-",
    "'",
    "''",
    "\"",
    "|",
    "|-",
    "|+",
    ">",
    "\\",
    "\t",
    "\r\n",
    "\r",
    "a",
    "中",
    "&x ",
    "*x",
    "!x ",
    "---",
    "...",
    "[",
    "]",
    "{",
    "}",
    ",",
    "0",
    "-1",
    "~",
    "null",
    "true",
    "?",
    "%",
    "@",
    "`",
    "\u{feff}",
    "\u{85}",
    "\u{2028}",
    "\u{a0}",
    "：",
    "k: v\n",
    "  k: v\n",
    "- k: v\n",
    "  - x\n",
    "x: |\n  y\n",
    "010",
    "1_0",
    ".5",
];

fn char_boundary(text: &str, rng: &mut Rng) -> usize {
    let mut i = rng.below(text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut out = text.to_owned();
    for _ in 0..1 + rng.below(3) {
        let at = char_boundary(&out, rng);
        match rng.below(4) {
            0 | 1 => out.insert_str(at, PIECES[rng.below(PIECES.len())]),
            2 => {
                let end = char_boundary(&out, rng).max(at);
                let end = end.min(at + 6);
                let end = (end..=out.len())
                    .find(|&i| out.is_char_boundary(i))
                    .unwrap();
                out.replace_range(at..end, "");
            }
            _ => {
                // Re-indent the line `at` is on.
                let line = out[..at].rfind('\n').map_or(0, |i| i + 1);
                if rng.below(2) == 0 {
                    out.insert_str(line, " ".repeat(1 + rng.below(3)).as_str());
                } else if out[line..].starts_with(' ') {
                    out.remove(line);
                }
            }
        }
    }
    out
}

#[test]
fn the_fast_path_agrees_on_mutated_documents() {
    let (mut rng, rounds) = fuzzing(0x5EED_5EB0, 6000);
    let mut bases = example_texts();
    bases.extend(EDGES.iter().map(|s| s.to_string()));
    bases.extend((0..60).map(|_| generate(&mut rng)));
    let crlf: Vec<String> = bases.iter().map(|t| t.replace('\n', "\r\n")).collect();
    bases.extend(crlf);
    let (mut taken, mut tried) = (0, 0);
    for round in 0..rounds {
        let base = &bases[round % bases.len()];
        let text = mutate(base, &mut rng);
        tried += 1;
        if agree(&text) {
            taken += 1;
        }
    }
    // Both paths must be exercised: many mutations keep the block style,
    // many break it.
    assert!(
        taken > tried / 5 && taken < tried * 19 / 20,
        "{taken} of {tried} taken"
    );
}

const KEYS: &[&str] = &[
    "name",
    "a/b",
    "x~y",
    "<<",
    "true",
    "1",
    "中文键",
    "k-v",
    "a b",
    "a:b",
    "e#f",
];
const PLAIN: &[&str] = &[
    "text",
    "中文 文本",
    "x  y",
    "-1",
    "+1",
    "-.5",
    "1e3",
    "0x1F",
    "0o17",
    "010",
    "1_000",
    ".inf",
    "no",
    "on",
    "~",
    "null",
    "true",
    "False",
    "2021-03-31",
    "a:b",
    "a#b",
    "-x",
    "?x",
    ":x",
    "x]",
    "a, b",
    "9223372036854775808",
    "3.0",
    "1.",
    "“引号”",
    "—",
    "a'b",
    "a\"b",
];
const QUOTED: &[&str] = &[
    "'it''s'",
    "''",
    "'x: y'",
    "'# no'",
    "\"\"",
    "\"x: y # z\"",
    "\"中文\"",
    "\"010\"",
    "' sp '",
];

struct Writer<'r> {
    rng: &'r mut Rng,
    out: String,
}

impl Writer<'_> {
    fn pick<'s>(&mut self, from: &[&'s str]) -> &'s str {
        from[self.rng.below(from.len())]
    }

    /// Maybe a comment or a blank line between entries.
    fn filler(&mut self, indent: usize) {
        match self.rng.below(8) {
            0 => self.out.push('\n'),
            1 => {
                let column = self.rng.below(indent + 1);
                self.out.push_str(&" ".repeat(column));
                self.out.push_str("# 注释: x\n");
            }
            _ => {}
        }
    }

    fn end_of_line(&mut self) {
        if self.rng.below(5) == 0 {
            self.out.push_str(&" ".repeat(1 + self.rng.below(3)));
            if self.rng.below(2) == 0 {
                self.out.push_str("# c: d");
            }
        }
        self.out.push('\n');
    }

    fn scalar(&mut self, parent: usize) {
        match self.rng.below(6) {
            0 => {
                let q = self.pick(QUOTED);
                self.out.push_str(q);
                self.end_of_line();
            }
            1 => {
                self.out
                    .push_str(if self.rng.below(2) == 0 { "|" } else { "|-" });
                self.end_of_line();
                let indent = parent + 1 + self.rng.below(3);
                for line in 0..1 + self.rng.below(4) {
                    if line > 0 && self.rng.below(3) == 0 {
                        self.out.push_str(&" ".repeat(self.rng.below(indent + 1)));
                        self.out.push('\n');
                    }
                    let extra = if line > 0 { self.rng.below(3) } else { 0 };
                    self.out.push_str(&" ".repeat(indent + extra));
                    let text = self.pick(&["正文 # 不是注释", "key: value", "- item", "'q'", "x"]);
                    self.out.push_str(text);
                    self.out.push('\n');
                }
                if self.rng.below(3) == 0 {
                    self.out.push('\n');
                }
            }
            _ => {
                let p = self.pick(PLAIN);
                self.out.push_str(p);
                self.end_of_line();
            }
        }
    }

    fn mapping(&mut self, indent: usize, first_inline: bool, depth: usize) {
        let (first, keys) = (self.rng.below(KEYS.len()), 1 + self.rng.below(4));
        for i in 0..keys {
            let key = KEYS[(first + i) % KEYS.len()];
            if i > 0 || !first_inline {
                self.filler(indent);
                self.out.push_str(&" ".repeat(indent));
            }
            self.out.push_str(key);
            self.out.push(':');
            match self.rng.below(if depth > 3 { 1 } else { 4 }) {
                0 | 1 => {
                    self.out.push(' ');
                    self.scalar(indent);
                }
                2 => {
                    self.end_of_line();
                    self.filler(indent + 2);
                    let inner = indent + 1 + self.rng.below(3);
                    self.out.push_str(&" ".repeat(inner));
                    self.mapping(inner, true, depth + 1);
                }
                _ => {
                    self.end_of_line();
                    let inner = indent + self.rng.below(3);
                    self.sequence(inner, depth + 1);
                }
            }
        }
    }

    fn sequence(&mut self, indent: usize, depth: usize) {
        for _ in 0..1 + self.rng.below(3) {
            self.out.push_str(&" ".repeat(indent));
            self.out.push('-');
            let gap = 1 + self.rng.below(2);
            self.out.push_str(&" ".repeat(gap));
            if self.rng.below(3) == 0 {
                self.mapping(indent + 1 + gap, true, depth + 1);
            } else {
                self.scalar(indent);
            }
        }
    }
}

/// A random document in the block style the fast path takes.
fn generate(rng: &mut Rng) -> String {
    let mut writer = Writer {
        rng,
        out: String::new(),
    };
    writer.mapping(0, false, 0);
    writer.out
}

#[test]
fn the_fast_path_takes_generated_block_documents() {
    let (mut rng, rounds) = fuzzing(0xB10C_5EED, 3000);
    for round in 0..rounds {
        let mut text = generate(&mut rng);
        if round % 2 == 1 {
            text = text.replace('\n', "\r\n");
        }
        assert!(
            agree(&text),
            "the fast path refused a block document:\n{text}"
        );
    }
}
