//! 统一社会信用代码 (GB 32100-2015): alphabet, check character, the embedded
//! 组织机构代码 (GB 11714-1997) and what the first two characters say about
//! legal personhood. Facts, with their public sources, in `docs/sources/uscc_notes.md`.

/// The 31-character code set, values 0–30 in this order (no I, O, S, V, Z).
pub const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights for positions 1–17: 3^(i−1) mod 31.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
/// GB 11714 weights for the 8-character body of the organisation code.
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

pub fn value_of(c: char) -> Option<u32> {
    ALPHABET.find(c).map(|i| i as u32)
}

fn char_of(value: u32) -> char {
    ALPHABET.as_bytes()[value as usize] as char
}

/// The check character for the first 17 characters (all in the alphabet).
pub fn check_char(first17: &[char]) -> Option<char> {
    let mut sum = 0;
    for (c, w) in first17.iter().zip(WEIGHTS) {
        sum += value_of(*c)? * w;
    }
    Some(char_of((31 - sum % 31) % 31))
}

/// GB 11714 check character of positions 9–17 (`None` if a character is out
/// of its code set: digits and A–Z, letters valued 10–35).
pub fn org_code_valid(code: &[char]) -> Option<bool> {
    let value = |c: char| match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        'A'..='Z' => Some(c as u32 - 'A' as u32 + 10),
        _ => None,
    };
    let mut sum = 0;
    for (c, w) in code[..8].iter().zip(ORG_WEIGHTS) {
        sum += value(*c)? * w;
    }
    let expected = match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10)?,
    };
    Some(code[8] == expected)
}

/// What the registration department and organisation category (positions
/// 1–2) say about legal personhood.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Personhood {
    /// A legal person by its category (机关, 事业单位, 社会团体, 基金会, 合作社…).
    LegalPerson,
    /// An enterprise (91): the business licence's 类型 decides.
    Enterprise,
    /// Not a legal person (个体工商户, foreign representative offices).
    NotLegalPerson(&'static str),
    /// The category exists in legal-person and other forms (民办非企业单位,
    /// law firms, "other").
    Undecidable(&'static str),
    /// Not a department/category pair of GB 32100.
    Unknown,
}

/// Positions 1–2 → personhood, from the GB 32100 department/category table.
pub fn personhood(dept: char, category: char) -> Personhood {
    use Personhood::*;
    match (dept, category) {
        ('9', '1') => Enterprise,
        ('9', '2') => NotLegalPerson("个体工商户"),
        ('9', '3') => LegalPerson, // 农民专业合作社: 特别法人 (民法典 第96条)
        ('1', '1' | '2' | '3') | ('5', '1' | '3') | ('N', '1' | '2' | '3') | ('A', '1') => {
            LegalPerson
        }
        ('2', '1') => NotLegalPerson("外国常驻新闻机构"),
        ('4', '1') => NotLegalPerson("外国在华文化中心"),
        ('6', '1') => NotLegalPerson("外国旅游部门常驻代表机构"),
        ('6', '2') => NotLegalPerson("港澳台地区旅游部门常驻内地（大陆）代表机构"),
        ('5', '2') => Undecidable("民办非企业单位（可能是法人、合伙或个体形式）"),
        ('3', '1') => Undecidable("律师执业机构（多为合伙制）"),
        ('3', '2' | '3' | '4' | '5') | ('7', '1' | '2') | ('8', '1') => LegalPerson,
        ('1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | 'A' | 'N', '9') | ('Y', '1') => {
            Undecidable("“其他”类机构")
        }
        _ => Unknown,
    }
}

/// Words on the licence's 类型 line that mean "not an independent legal person".
pub fn non_legal_person_form(legal_form: &str) -> Option<&'static str> {
    const FORMS: &[(&str, &str)] = &[
        ("分公司", "分公司"),
        ("分支机构", "分支机构"),
        ("非法人", "非法人企业"),
        ("个人独资", "个人独资企业"),
        ("合伙", "合伙企业"),
        ("个体", "个体工商户"),
        ("代表机构", "代表机构"),
        ("办事处", "办事处"),
    ];
    FORMS
        .iter()
        .find(|(needle, _)| legal_form.contains(needle))
        .map(|(_, name)| *name)
}

/// A single-character correction that makes the code consistent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    /// 1-based position.
    pub position: usize,
    pub found: char,
    pub replacement: char,
}

/// All single substitutions that make the code pass every structural check
/// (alphabet, department/category table, digits in the region code, the
/// organisation-code and the credit-code check characters). `known_code2`
/// says whether a two-digit province prefix exists.
pub fn corrections(code: &[char], known_code2: impl Fn(&str) -> bool) -> Vec<Correction> {
    let mut out = Vec::new();
    let mut candidate = code.to_vec();
    for position in 0..18 {
        let original = code[position];
        for replacement in ALPHABET.chars() {
            if replacement == original {
                continue;
            }
            candidate[position] = replacement;
            if plausible(&candidate, &known_code2) {
                out.push(Correction {
                    position: position + 1,
                    found: original,
                    replacement,
                });
            }
        }
        candidate[position] = original;
    }
    out
}

fn plausible(code: &[char], known_code2: &impl Fn(&str) -> bool) -> bool {
    if personhood(code[0], code[1]) == Personhood::Unknown {
        return false;
    }
    if !code[2..8].iter().all(char::is_ascii_digit) {
        return false;
    }
    let code2: String = code[2..4].iter().collect();
    if !known_code2(&code2) {
        return false;
    }
    if org_code_valid(&code[8..17]) != Some(true) {
        return false;
    }
    check_char(&code[..17]) == Some(code[17])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn worked_example_of_the_standard() {
        assert_eq!(check_char(&chars("91350100M000100Y4")), Some('3'));
    }

    #[test]
    fn widely_cited_codes_validate() {
        for code in [
            "914403001922038216",
            "9144030071526726XG",
            "91330100799655058B",
            "91110108558521630L",
        ] {
            let c = chars(code);
            assert_eq!(check_char(&c[..17]), Some(c[17]), "{code}");
        }
        for bad in ["91310115MA1G4L1WXK", "91440300713555564J"] {
            let c = chars(bad);
            assert_ne!(check_char(&c[..17]), Some(c[17]), "{bad}");
        }
    }

    #[test]
    fn organisation_code_check() {
        assert_eq!(org_code_valid(&chars("D2143569X")), Some(true));
        assert_eq!(org_code_valid(&chars("D21435690")), Some(false));
    }

    #[test]
    fn a_typo_is_located_when_only_one_substitution_fits() {
        // 914403001922038216 with position 18 changed: the check character.
        let typo = chars("914403001922038217");
        let fixes = corrections(&typo, |c| c == "44");
        assert!(
            fixes.contains(&Correction {
                position: 18,
                found: '7',
                replacement: '6'
            }),
            "{fixes:?}"
        );
        assert!(fixes.len() <= 4, "few plausible fixes: {fixes:?}");
    }

    #[test]
    fn personhood_by_prefix() {
        assert_eq!(
            personhood('9', '2'),
            Personhood::NotLegalPerson("个体工商户")
        );
        assert_eq!(personhood('9', '1'), Personhood::Enterprise);
        assert_eq!(personhood('9', '3'), Personhood::LegalPerson);
        assert_eq!(personhood('Z', '1'), Personhood::Unknown);
        assert_eq!(
            non_legal_person_form("有限责任公司分公司(自然人投资或控股)"),
            Some("分公司")
        );
        assert_eq!(non_legal_person_form("有限合伙企业"), Some("合伙企业"));
        assert_eq!(
            non_legal_person_form("有限责任公司（自然人投资或控股）"),
            None
        );
    }
}
