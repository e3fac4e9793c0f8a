//! Applicant eligibility (R1): the credit code is well-formed and names a
//! mainland independent legal person, and the R1 commitments are affirmed.

pub mod diags;
pub mod uscc;

use super::Context;
use shenbao_diagnostic::{Diagnostic, Text};
use uscc::Personhood;

const CODE: &str = "/applicant/credit_code";
const FORM: &str = "/applicant/legal_form";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    check_credit_code(cx, out);
    check_commitments(cx, out);
}

/// The code's characters, uppercase; `None` (after reporting) if unusable.
fn code_chars(cx: &Context, out: &mut Vec<Diagnostic>) -> Option<Vec<char>> {
    let code = cx.str(CODE)?;
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        out.push(
            Diagnostic::new(
                &diags::MALFORMED_CODE,
                Text::new(
                    format!("统一社会信用代码应为 18 位，这里是 {} 位", chars.len()),
                    format!(
                        "a credit code has 18 characters; this one has {}",
                        chars.len()
                    ),
                ),
            )
            .help(Text::new(
                "对照营业执照逐位核对，看是否漏写或多写了一位",
                "compare it with the licence character by character: one is missing or extra",
            ))
            .at(CODE),
        );
        return None;
    }
    let bad: Vec<(usize, char)> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| uscc::value_of(**c).is_none())
        .map(|(i, c)| (i + 1, *c))
        .collect();
    if bad.is_empty() {
        return Some(chars);
    }
    let listing = bad
        .iter()
        .map(|(pos, c)| format!("第{pos}位“{c}”"))
        .collect::<Vec<_>>()
        .join("、");
    let listing_en = bad
        .iter()
        .map(|(pos, c)| format!("`{c}` at position {pos}"))
        .collect::<Vec<_>>()
        .join(", ");
    let fixed: String = chars.iter().map(|c| likely_meant(*c)).collect();
    // Suggested only when it passes its own check character: a suggestion
    // that fails A002 next would only mislead.
    let fixed_chars: Vec<char> = fixed.chars().collect();
    let fix_works = fixed_chars.iter().all(|c| uscc::value_of(*c).is_some())
        && uscc::check_char(&fixed_chars[..17]) == Some(fixed_chars[17]);
    let help = if fix_works {
        Text::new(
            format!("统一社会信用代码不用 I、O、S、V、Z 和小写字母；可能应为 \"{fixed}\""),
            format!("credit codes use no I, O, S, V, Z or lower case; perhaps \"{fixed}\""),
        )
    } else {
        Text::new(
            "统一社会信用代码只含数字和大写字母（不含 I、O、S、V、Z）；请对照营业执照",
            "credit codes contain only digits and capital letters (no I, O, S, V, Z); check the licence",
        )
    };
    out.push(
        Diagnostic::new(
            &diags::MALFORMED_CODE,
            Text::new(
                format!("统一社会信用代码含有不允许的字符：{listing}"),
                format!("the credit code contains characters it cannot contain: {listing_en}"),
            ),
        )
        .at(CODE)
        .help(help),
    );
    None
}

/// The character a typist most likely meant.
fn likely_meant(c: char) -> char {
    match c.to_ascii_uppercase() {
        'O' => '0',
        'I' => '1',
        'Z' => '2',
        'S' => '5',
        'V' => 'U',
        other => other,
    }
}

fn check_credit_code(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(code) = code_chars(cx, out) else {
        return;
    };
    let text: String = code.iter().collect();
    let expected = uscc::check_char(&code[..17]).expect("alphabet checked");
    if expected != code[17] {
        let known = |code2: &str| cx.profile.provincial_by_code2(code2).is_some();
        let fixes = uscc::corrections(&code, known);
        let (zh, en) = match fixes.as_slice() {
            [only] => (
                format!(
                    "第 {} 位“{}”可能抄错了：改为“{}”后代码有效；请对照营业执照核实",
                    only.position, only.found, only.replacement
                ),
                format!(
                    "position {} (`{}`) is probably wrong: `{}` makes the code valid; check the licence",
                    only.position, only.found, only.replacement
                ),
            ),
            [] => (
                "不止一位有误；请对照营业执照逐位核对".to_string(),
                "more than one character is wrong; compare it with the licence character by character".to_string(),
            ),
            several => {
                let list = |sep: &str, zh: bool| {
                    several
                        .iter()
                        .take(4)
                        .map(|f| {
                            if zh {
                                format!("第 {} 位改为“{}”", f.position, f.replacement)
                            } else {
                                format!("position {} → `{}`", f.position, f.replacement)
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(sep)
                };
                (
                    format!("可能是一位抄错了（{}）；请对照营业执照核实", list("，或", true)),
                    format!("probably one character is wrong ({}); check the licence", list(", or ", false)),
                )
            }
        };
        out.push(
            Diagnostic::new(
                &diags::CODE_CHECK,
                Text::new(
                    format!(
                        "统一社会信用代码 {text} 的校验位应为“{expected}”，实际为“{}”",
                        code[17]
                    ),
                    format!(
                        "credit code {text}: the check character should be `{expected}`, not `{}`",
                        code[17]
                    ),
                ),
            )
            .at(CODE)
            .help(Text::new(zh, en)),
        );
        // A mistyped code says nothing reliable about region or personhood.
        return;
    }
    if uscc::org_code_valid(&code[8..17]) == Some(false) {
        out.push(
            Diagnostic::new(
                &diags::ORG_CODE_CHECK,
                Text::new(
                    format!(
                        "代码第 9–17 位（组织机构代码 {}）的校验位不符",
                        code[8..17].iter().collect::<String>()
                    ),
                    format!(
                        "positions 9–17 (organisation code {}) fail the GB 11714 check",
                        code[8..17].iter().collect::<String>()
                    ),
                ),
            )
            .at(CODE)
            .help(Text::new(
                "请对照营业执照核实代码",
                "check the code against the business licence",
            )),
        );
    }
    check_region(cx, &code, out);
    check_personhood(cx, &code, out);
}

fn check_region(cx: &Context, code: &[char], out: &mut Vec<Diagnostic>) {
    let code2: String = code[2..4].iter().collect();
    let region: String = code[2..8].iter().collect();
    let non_mainland = cx.profile.regions.non_mainland_code2.contains(&code2);
    if !non_mainland && cx.profile.provincial_by_code2(&code2).is_some() {
        return;
    }
    let (zh, en) = if non_mainland {
        (
            format!("代码第 3–8 位 {region} 表示在港澳台地区登记，不是境内（内地）注册的主体"),
            format!("positions 3–8 ({region}) show a registration in Hong Kong, Macao or Taiwan, not the mainland"),
        )
    } else {
        (
            format!("代码第 3–8 位 {region} 不是有效的省级行政区划代码"),
            format!("positions 3–8 ({region}) are not a valid provincial region code"),
        )
    };
    out.push(
        Diagnostic::new(&diags::NOT_MAINLAND, Text::new(zh, en))
            .at(CODE)
            .help(Text::new(
                "应由在内地登记注册的独立法人申报；请核对代码",
                "the applicant must be a legal person registered in the mainland; check the code",
            )),
    );
}

fn check_personhood(cx: &Context, code: &[char], out: &mut Vec<Diagnostic>) {
    let prefix: String = code[..2].iter().collect();
    match uscc::personhood(code[0], code[1]) {
        Personhood::LegalPerson => {}
        Personhood::NotLegalPerson(what) => out.push(not_legal_person(CODE, &format!("代码以 {prefix} 开头，是{what}"), &format!("the code starts with {prefix}: {what}"))),
        Personhood::Undecidable(what) => out.push(
            Diagnostic::new(
                &diags::PERSONHOOD_UNCERTAIN,
                Text::new(
                    format!("代码以 {prefix} 开头（{what}），无法确定是否为独立法人"),
                    format!("the code starts with {prefix} ({what}); legal personhood cannot be told from it"),
                ),
            )
            .at(CODE)
            .help(Text::new(
                "请确认申报单位具备独立法人资格，并准备法人登记证书",
                "confirm the applicant is an independent legal person and have its certificate ready",
            )),
        ),
        Personhood::Unknown => out.push(
            Diagnostic::new(
                &diags::MALFORMED_CODE,
                Text::new(
                    format!("代码前两位 {prefix} 不是 GB 32100 规定的登记管理部门和机构类别"),
                    format!("the first two characters {prefix} are not a GB 32100 department and category"),
                ),
            )
            .at(CODE)
            .help(Text::new("请对照营业执照核实代码", "check the code against the business licence")),
        ),
        Personhood::Enterprise => match cx.str(FORM) {
            None => out.push(
                Diagnostic::new(
                    &diags::LEGAL_FORM_NEEDED,
                    Text::new(
                        "代码以 91 开头：需填写营业执照“类型”（legal_form）以确认不是分公司、合伙或个人独资企业",
                        "the code starts with 91: fill in the licence's 类型 (legal_form) to show it is not a branch, partnership or sole proprietorship",
                    ),
                )
                .at_key("/applicant")
                .help(Text::new(
                    "照营业执照填写，例如 legal_form: 有限责任公司（自然人投资或控股）",
                    "copy it from the licence, e.g. legal_form: 有限责任公司（自然人投资或控股）",
                )),
            ),
            Some(form) => {
                if let Some(what) = uscc::non_legal_person_form(form) {
                    out.push(not_legal_person(
                        FORM,
                        &format!("营业执照类型“{form}”表明是{what}"),
                        &format!("the licence type `{form}` makes it a {what}"),
                    ));
                }
            }
        },
    }
}

fn not_legal_person(pointer: &str, zh: &str, en: &str) -> Diagnostic {
    Diagnostic::new(
        &diags::NOT_LEGAL_PERSON,
        Text::new(
            format!("{zh}，不具备独立法人资格"),
            format!("{en}, which is not an independent legal person"),
        ),
    )
    .at(pointer)
    .help(Text::new(
        "应由具备独立法人资格的主体（如总公司）作为申报单位",
        "the application must come from an independent legal person (e.g. the head company)",
    ))
}

fn check_commitments(cx: &Context, out: &mut Vec<Diagnostic>) {
    const COMMITMENTS: &[(&str, &str, &str)] = &[
        (
            "truthful",
            "申报材料真实、准确、完整",
            "the material is true, accurate and complete",
        ),
        (
            "social_responsibility",
            "积极履行社会责任",
            "fulfil its social responsibility",
        ),
        (
            "consumer_rights",
            "切实保障消费者合法权益",
            "protect consumers' lawful rights",
        ),
        (
            "public_interest",
            "积极维护公共利益",
            "protect the public interest",
        ),
    ];
    for (key, zh, en) in COMMITMENTS {
        let pointer = format!("/commitments/{key}");
        if cx.get(&pointer).and_then(serde_json::Value::as_bool) == Some(false) {
            out.push(
                Diagnostic::new(
                    &diags::COMMITMENT,
                    Text::new(
                        format!("未承诺“{zh}”"),
                        format!("the commitment to {en} is not affirmed"),
                    ),
                )
                .at(pointer)
                .help(Text::new(
                    "指南第（一）条要求作出此项承诺；确认后改为 true",
                    "clause R1 of the call requires it; once true, write true",
                )),
            );
        }
    }
    if let (Some(signatory), Some(representative)) = (
        cx.str("/commitments/signatory"),
        cx.str("/applicant/legal_representative"),
    ) {
        if signatory.trim() != representative.trim() {
            out.push(
                Diagnostic::new(
                    &diags::SIGNATORY,
                    Text::new(
                        format!("签字人“{signatory}”不是法定代表人“{representative}”"),
                        format!("the signatory `{signatory}` is not the legal representative `{representative}`"),
                    ),
                )
                .at("/commitments/signatory")
                .help(Text::new(
                    "由法定代表人签字，或附法定代表人授权委托书",
                    "have the legal representative sign, or attach a power of attorney",
                )),
            );
        }
    }
}
