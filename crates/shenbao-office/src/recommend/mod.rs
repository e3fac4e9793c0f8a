//! What a recommending office sends to MIIT. The office picks the dossiers it
//! forwards; the selection is checked (each dossier verifies; quotas, routes
//! and duplicates across them; whether this office may forward directly; the
//! letter's date), and the bundle holds the 推荐意见函, the 汇总表 and the
//! forwarded dossiers' digests, signed with the office's key. `verify` checks
//! a bundle and every dossier it names (verify.rs).

pub mod bundle;
pub mod diags;
pub mod letter;
pub mod verify;

use crate::intake::{self, Arrival};
use shenbao_check::call::{CallProfile, RecommenderKind};
use shenbao_check::date::Date;
use shenbao_diagnostic::{Bilingual, Diagnostic, Text};

/// Findings about the office and its letter, not about one dossier. The
/// office must be a body that forwards to MIIT itself (R4): a province-level
/// region, a 计划单列市, the XPCC, a central enterprise, or a demonstration city
/// that is a municipality or 计划单列市.
pub fn check_office(
    office: &str,
    profile: &CallProfile,
    letter_date: Date,
    arrivals: &[Arrival],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let cannot = |zh: String, en: String, help: Text| {
        Diagnostic::new(&diags::OFFICE_CANNOT_FORWARD, Text::new(zh, en)).help(help)
    };
    match profile.kind_of_name(office) {
        Some(RecommenderKind::DemonstrationCity) => {
            let province = profile
                .demonstration_city(office)
                .map(|c| c.province.clone())
                .unwrap_or_default();
            out.push(cannot(
                format!("{office}的额外推荐项目须经{province}统一上报"),
                format!("{office}'s extra projects are forwarded by {province}, not directly"),
                Text::new(
                    format!("把材料包交给{province}，由其在推荐材料包中一并上报"),
                    format!("hand the dossiers to {province}, which forwards them in its bundle"),
                ),
            ));
        }
        Some(_) => {}
        // An enterprise the incomplete list lacks, named so by its dossiers.
        None if profile.knows_recommender(RecommenderKind::CentralEnterprise, office).is_none()
            && !arrivals.is_empty()
            && arrivals.iter().all(|a| {
                a.recommender == office && a.kind == Some(RecommenderKind::CentralEnterprise)
            }) => {}
        None => out.push(cannot(
            format!("“{office}”不是可直接向工业和信息化部推荐的单位"),
            format!("`{office}` is not a body that recommends directly to MIIT"),
            Text::new(
                "--office 写省级地区、计划单列市、新疆生产建设兵团或中央企业的全称，与申报文件中的 recommender.name 一致",
                "give --office the full name of a province-level region, 计划单列市, the XPCC or a central enterprise, as the declarations' recommender.name writes it",
            ),
        )),
    }
    let (deadline, _) = profile.deadline();
    if letter_date > deadline {
        out.push(
            Diagnostic::new(
                &diags::LETTER_AFTER_DEADLINE,
                Text::new(
                    format!("推荐意见函日期 {letter_date} 晚于截止日期 {deadline}"),
                    format!("the letter is dated {letter_date}, after the deadline {deadline}"),
                ),
            )
            .help(Text::new(
                "用 --date 写明实际发函日期；逾期报送请先与工业和信息化部联系",
                "give the real date with --date; for a late submission, ask MIIT first",
            )),
        );
    }
    out
}

/// Every check of a selection: across the dossiers (onto each dossier) and of
/// the office (returned).
pub fn check_selection(
    arrivals: &mut [Arrival],
    profile: &CallProfile,
    office: &str,
    letter_date: Date,
) -> Vec<Diagnostic> {
    intake::cross_check(arrivals, profile, Some(office));
    check_office(office, profile, letter_date, arrivals)
}

/// The letter's order: the office's own projects first, then each
/// demonstration city's extra ones; by category and name within.
pub fn rank(arrivals: &mut [Arrival], office: &str) {
    arrivals.sort_by(|a, b| {
        (is_extra(a) || a.recommender != office)
            .cmp(&(is_extra(b) || b.recommender != office))
            .then_with(|| a.recommender.cmp(&b.recommender))
            .then_with(|| a.category.cmp(&b.category))
            .then_with(|| a.project.cmp(&b.project))
    });
}

/// The file name a dossier travels under, as the bundle lists it.
pub fn file_name(arrival: &Arrival) -> String {
    arrival
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Why a name (the office's, a dossier's file) cannot go into a bundle, which
/// carries it in file and folder names and in a line-based list; `None` if it can.
pub fn unportable_name(name: &str) -> Option<Bilingual> {
    const RESERVED: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];
    let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    let device = RESERVED.contains(&stem.as_str())
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    let (zh, en) = if name.is_empty() {
        ("名称为空", "empty name")
    } else if name.chars().any(char::is_control) {
        (
            "名称中有控制字符或换行",
            "control character or line break in the name",
        )
    } else if name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|', '%']) {
        (
            "名称中有 / \\ : * ? \" < > | % 之一",
            "one of / \\ : * ? \" < > | % in the name",
        )
    } else if name != name.trim() || name.ends_with('.') {
        (
            "名称首尾有空格，或以句点结尾",
            "leading or trailing space, or trailing dot, in the name",
        )
    } else if device {
        (
            "名称是 Windows 设备名（CON、PRN、AUX、NUL、COM1…、LPT1…）",
            "a Windows device name (CON, PRN, AUX, NUL, COM1…, LPT1…)",
        )
    } else {
        return None;
    };
    Some(Bilingual { zh, en })
}

/// `<sha256>  <file name>` per forwarded dossier, in the letter's order: what
/// `sha256sum -c` reads in the folder where the dossiers are.
pub fn forwarded_list(arrivals: &[Arrival]) -> String {
    arrivals
        .iter()
        .map(|a| format!("{}  {}\n", a.digest, file_name(a)))
        .collect()
}

/// The bundle's id and top folder: `shenbao-recommendation-<office>-<date>`.
pub fn bundle_id(office: &str, date: Date) -> String {
    format!(
        "shenbao-recommendation-{office}-{}",
        date.to_string().replace('-', "")
    )
}

/// Is this dossier a demonstration city's extra project (its own quota)?
pub fn is_extra(arrival: &Arrival) -> bool {
    arrival.kind == Some(RecommenderKind::DemonstrationCity)
}

/// Who forwards a dossier, as the letter says it: this office on its own
/// quota, or a demonstration city's extra project (through this office, or
/// the office's own when it is such a city itself).
pub fn channel(arrival: &Arrival) -> String {
    if is_extra(arrival) {
        format!("{}额外推荐", arrival.recommender)
    } else {
        "本单位推荐".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shenbao_pdf::code::{letter_code, LetterCodeInput};

    #[test]
    fn a_demonstration_city_outside_the_direct_ones_cannot_forward() {
        let profile = CallProfile::embedded();
        let in_time = Date::parse("2021-03-30").unwrap();
        let codes = |office: &str, date: Date| -> Vec<&'static str> {
            check_office(office, profile, date, &[])
                .iter()
                .map(|d| d.code)
                .collect()
        };
        assert_eq!(codes("合肥市", in_time), vec!["I006"]);
        assert!(codes("安徽省", in_time).is_empty());
        assert!(codes("宁波市", in_time).is_empty());
        assert_eq!(
            codes("安徽省", Date::parse("2021-04-01").unwrap()),
            vec!["I007"]
        );
        assert!(codes("安徽省", Date::parse("2021-03-31").unwrap()).is_empty());
    }

    #[test]
    fn names_that_cannot_travel_are_refused() {
        assert_eq!(unportable_name("江苏省"), None);
        assert_eq!(
            unportable_name("shenbao-913201153021847731-20210319.zip"),
            None
        );
        for bad in [
            "a\nb.zip", " a.zip", "a.zip ", "a:b.zip", "con.zip", "COM3", "x.", "a/b", "",
        ] {
            assert!(unportable_name(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn the_letter_code_depends_on_everything_the_letter_states() {
        let base = LetterCodeInput {
            office: "江苏省",
            date: "2021-03-30",
            reference: "苏工信函〔2021〕15号",
            list: "ab  x.zip\n",
            signer: "K1",
        };
        let code = |i: &LetterCodeInput| letter_code(i).short();
        let a = code(&base);
        assert_eq!(a, code(&LetterCodeInput { ..base }));
        for changed in [
            LetterCodeInput {
                office: "浙江省",
                ..base
            },
            LetterCodeInput {
                date: "2021-03-31",
                ..base
            },
            LetterCodeInput {
                reference: "",
                ..base
            },
            LetterCodeInput {
                list: "ab  y.zip\n",
                ..base
            },
            LetterCodeInput {
                signer: "K2",
                ..base
            },
        ] {
            assert_ne!(a, code(&changed));
        }
    }
}
