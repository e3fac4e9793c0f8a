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
    bad: "$ shenbao form . -o 不存在的文件夹/申报书.pdf",
    good: "$ shenbao form . -o 申报书.pdf",
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
    bad: "$ prlimit --nproc=5 shenbao validate --jobs 64 .      # the system allows this user 5 processes",
    good: "$ shenbao validate --jobs 2 .",
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
    bad: "$ shenbao explain X999",
    good: "$ shenbao explain S003",
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
    bad: "$ shenbao init .      # shenbao.yaml is already here",
    good: "$ shenbao init 新项目",
    ..FAMILY
};

pub const OUTPUT_NOT_A_FILE: Rule = Rule {
    code: "F011",
    name: "output-not-a-file",
    severity: Severity::Error,
    could_not_run: true,
    summary: Bilingual {
        zh: "输出路径不是普通文件",
        en: "the output path is not a regular file",
    },
    why: Bilingual {
        zh: "shenbao 写输出时先写临时文件再改名替换目标。目标若是文件夹、设备文件（如 /dev/null）或命名管道，替换会毁掉它，因此拒绝。",
        en: "shenbao writes an output to a temporary file and renames it over the target. A folder, a device (such as /dev/null) or a named pipe would be destroyed by that, so it is refused.",
    },
    bad: "$ shenbao form . -o /dev/null",
    good: "$ shenbao form . -o 申报书.pdf",
    ..FAMILY
};

pub const OUTPUT_IS_INPUT: Rule = Rule {
    code: "F012",
    name: "output-is-an-input",
    severity: Severity::Error,
    could_not_run: true,
    summary: Bilingual {
        zh: "输出文件就是本次命令的输入文件",
        en: "the output file is one of the command's inputs",
    },
    why: Bilingual {
        zh: "输出会整个替换目标文件。目标若是本次读取的密钥、申报文件、附件或材料包，原件就没了（例如把材料包写到秘密密钥上，密钥再也找不回来）。shenbao 按文件身份比较，换个写法或符号链接也能识别。",
        en: "An output replaces its target whole. When the target is a key, declaration, attachment or dossier this very command reads, the original is lost (a dossier written over the secret key loses the key for good). shenbao compares files by identity, so another spelling or a symbolic link is caught too.",
    },
    bad: "$ shenbao form . -o attachments/robot-photo.png      # the form would replace an attachment",
    good: "$ shenbao form . -o 申报书.pdf",
    ..FAMILY
};

pub const COMMAND_LINE: Rule = Rule {
    code: "F013",
    name: "command-line-not-understood",
    severity: Severity::Error,
    could_not_run: true,
    summary: Bilingual {
        zh: "命令行无法识别（命令、选项或其取值有误）",
        en: "the command line is not understood (a command, option or value is wrong)",
    },
    why: Bilingual {
        zh: "shenbao 只认识 `shenbao --help` 列出的子命令和选项。拼错的命令、不存在的选项、缺少的参数或不允许的取值都会让命令无法开始。消息会指出是哪一处，并在有相近的写法时给出建议。",
        en: "shenbao knows the subcommands and options `shenbao --help` lists. A misspelt command, an unknown option, a missing argument or a value not allowed stops the command before it starts; the message says which, and suggests the nearest spelling when there is one.",
    },
    bad: "$ shenbao valdate .",
    good: "$ shenbao validate .",
    ..FAMILY
};

pub const RULES: &[Rule] = &[
    OUTPUT_NOT_WRITTEN,
    CANNOT_START,
    UNKNOWN_CODE,
    OUTPUT_EXISTS,
    OUTPUT_NOT_A_FILE,
    OUTPUT_IS_INPUT,
    COMMAND_LINE,
];
