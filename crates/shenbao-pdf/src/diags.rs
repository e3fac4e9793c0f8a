//! The composer's own diagnostic: a document that could not be made into a PDF.

use shenbao_diagnostic::{Bilingual, Rule, Severity};

pub const NOT_RENDERED: Rule = Rule {
    code: "M002",
    name: "pdf-not-rendered",
    severity: Severity::Error,
    clause: "",
    family: "pdf",
    could_not_run: true,
    summary: Bilingual {
        zh: "PDF 文件无法生成",
        en: "the PDF could not be made",
    },
    why: Bilingual {
        zh: "申报书、推荐意见函和汇总表都用内嵌字体排版并写成 PDF。字体子集或 PDF 写出失败属于 shenbao 自身的问题，请附上命令和申报文件报告。",
        en: "The form, the letter and the summary table are set in the embedded font and written as PDF. A failure to subset the font or write the PDF is a fault in shenbao: please report it with the command and the declaration.",
    },
    bad: "$ shenbao form .      # with the font embedded in shenbao damaged",
    good: "$ shenbao form .",
};

pub const RULES: &[Rule] = &[NOT_RENDERED];
