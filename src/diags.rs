//! The command line's own diagnostics: what stops a command before or after
//! the library's work (writing an output, starting threads, an unknown code).

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("output", "");

pub const OUTPUT_NOT_WRITTEN: Rule = Rule {
    code: "F006",
    name: "output-not-written",
    severity: Severity::Error,
    could_not_run: true,
    summary: Bilingual {
        zh: "输出文件无法写入",
        en: "the output file could not be written",
    },
    why: Bilingual {
        zh: "shenbao 先写入同一文件夹中的临时文件，完成后再改名为目标文件；若文件夹不存在、没有写入权限或磁盘已满，就什么也不写，已有文件保持不变。",
        en: "shenbao writes a temporary file in the same folder and renames it into place when done; when the folder is missing, not writable or full, nothing is written and any existing file is left as it was.",
    },
    bad: "shenbao form . -o 不存在的文件夹/申报书.pdf",
    good: "shenbao form . -o 申报书.pdf",
    ..FAMILY
};

pub const CANNOT_START: Rule = Rule {
    code: "F007",
    name: "cannot-start",
    severity: Severity::Error,
    could_not_run: true,
    summary: Bilingual {
        zh: "系统资源不足，无法开始检查",
        en: "the system could not give shenbao what it needs to start",
    },
    why: Bilingual {
        zh: "批量检查按 --jobs 启动多个线程；系统拒绝时（进程数或内存达到上限）无法运行。减小 --jobs 或关闭其他程序后重试。",
        en: "Batch checks start one thread per --jobs; when the system refuses (process or memory limits), nothing can run. Lower --jobs or close other programs and try again.",
    },
    bad: "shenbao validate --jobs 60000 申报材料/",
    good: "shenbao validate --jobs 2 申报材料/",
    ..FAMILY
};

pub const UNKNOWN_CODE: Rule = Rule {
    code: "F008",
    name: "unknown-rule-code",
    severity: Severity::Error,
    could_not_run: true,
    summary: Bilingual {
        zh: "没有这个规则代码",
        en: "there is no rule with this code",
    },
    why: Bilingual {
        zh: "`shenbao explain` 说明的是 shenbao 报告中出现的规则代码（如 S003、A002）或规则名称。`shenbao explain --all` 列出全部规则。",
        en: "`shenbao explain` documents the codes shenbao reports (such as S003 or A002) or a rule's name. `shenbao explain --all` lists them all.",
    },
    bad: "shenbao explain X999",
    good: "shenbao explain S003",
    ..FAMILY
};

pub const OUTPUT_EXISTS: Rule = Rule {
    code: "F009",
    name: "output-exists",
    severity: Severity::Error,
    could_not_run: true,
    summary: Bilingual {
        zh: "要写入的文件已存在",
        en: "the file to be written exists",
    },
    why: Bilingual {
        zh: "`shenbao init` 和 `shenbao keygen` 不会覆盖已有的申报文件或密钥：覆盖会丢失已填写的内容，或让已分发的公钥失效。",
        en: "`shenbao init` and `shenbao keygen` never overwrite an existing declaration or key: that would lose what was filled in, or orphan a public key already handed out.",
    },
    bad: "shenbao init 我的项目   # 我的项目/shenbao.yaml 已存在",
    good: "shenbao init 新项目",
    ..FAMILY
};

pub const RULES: &[Rule] = &[
    OUTPUT_NOT_WRITTEN,
    CANNOT_START,
    UNKNOWN_CODE,
    OUTPUT_EXISTS,
];
