//! Why a document could not be written as a PDF.

use shenbao_diagnostic::{CodedError, Diagnostic, Text};

/// The font could not be subset, or the PDF could not be serialised. Both
/// are faults of the composer, not of the text it was given.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded font could not be subset: {0}")]
    Font(String),
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

impl CodedError for PdfError {
    fn to_diagnostic(&self) -> Diagnostic {
        let zh = match self {
            PdfError::Font(detail) => format!("内嵌字体无法生成子集：{detail}"),
            PdfError::Write(detail) => format!("PDF 无法写出：{detail}"),
        };
        Diagnostic::new(&crate::diags::NOT_RENDERED, Text::new(zh, self.to_string())).help(
            Text::new(
                "这是 shenbao 自身的问题：请附上命令和申报文件报告",
                "this is a fault in shenbao: please report it with the command and the declaration",
            ),
        )
    }
}
