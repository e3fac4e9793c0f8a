//! The Chinese text of the command line: every command's about and every
//! argument's help and value name. The English is the doc comments in
//! [`super`]; a test holds the two to cover the same commands and arguments.

/// An argument's Chinese help, and the name of its value (empty for a flag).
#[derive(Clone, Copy, Debug)]
pub struct ArgText {
    pub help: &'static str,
    pub value: &'static str,
}

/// Printed after the main help.
pub const AFTER_HELP: &str = "退出码：0 无错误；1 发现问题；2 无法运行。";

/// Commands by path below `shenbao` ("" is shenbao itself).
pub const COMMANDS: &[(&str, &str)] = &[
    (
        "",
        "检查并准备 2021 年工业和信息化部新型信息消费示范项目的申报材料",
    ),
    ("validate", "检查申报文件，一次列出全部问题"),
    ("explain", "解释诊断代码（如 S003）"),
    ("schema", "输出申报文件的 JSON Schema"),
    (
        "call",
        "正在使用的申报指南配置（类别、截止日期、名额、名单）",
    ),
    (
        "call show",
        "显示正在使用的申报指南配置：摘要，或加 --raw 显示 YAML 原文",
    ),
    ("call schema", "输出申报指南配置必须满足的 JSON Schema"),
    ("fit", "按每个类别给申报文件评分，并列出依据"),
    ("form", "生成可打印的申报书 PDF（先做检查）"),
    ("keygen", "生成为申报材料包签名用的 minisign 密钥对"),
    (
        "package",
        "检查申报文件、生成申报书，写出签名的申报材料包（ZIP）",
    ),
    ("verify", "核验申报材料包，无需解压"),
    (
        "intake",
        "受理收到的申报材料包并放在一起检查：名额、推荐渠道、重复申报",
    ),
    (
        "recommend",
        "把选定的申报材料报送工业和信息化部：推荐函、汇总表、签名的推荐材料包",
    ),
    ("init", "在文件夹中写入带注释的 shenbao.yaml 模板"),
    ("completions", "输出命令行补全脚本"),
    (
        "man",
        "输出 man 手册页：shenbao(1)，或某个子命令的 shenbao-子命令(1)",
    ),
    (
        "help",
        "显示本帮助，或某个子命令的帮助（如 shenbao help validate）",
    ),
];

const fn text(help: &'static str, value: &'static str) -> ArgText {
    ArgText { help, value }
}

const PATH: ArgText = text(
    "申报文件，或放有 shenbao.yaml 的文件夹（默认：当前文件夹）",
    "路径",
);
const AS_OF: ArgText = text("按此日期判断申报是否已截止（YYYY-MM-DD）", "日期");
const AS_OF_INSIDE: ArgText = text("按此日期检查材料包里的申报文件（YYYY-MM-DD）", "日期");
const FORMAT: ArgText = text("输出格式", "格式");
const BATCH_FORMAT: ArgText = text(
    "标准输出上的格式（junit 和 sarif 见 docs/reports.md）",
    "格式",
);
const REPORT: ArgText = text(
    "另外把独立的 HTML 报告写入此文件（任何 --format 都可）",
    "文件.html",
);
const STRICT: ArgText = text("把警告当作错误", "");
const ENCODING: ArgText = text(
    "YAML 的文字编码：utf8 只接受 UTF-8；auto 识别 GBK/GB18030 并转换，同时给出警告",
    "编码",
);

/// Arguments by command path and argument id; `*` serves every command
/// that has no entry of its own.
pub const ARGS: &[(&str, &str, ArgText)] = &[
    ("*", "help", text("显示帮助", "")),
    ("", "version", text("显示版本", "")),
    (
        "*",
        "lang",
        text("提示语言（默认按系统的区域设置：zh 开头为中文）", "语言"),
    ),
    (
        "*",
        "color",
        text("何时使用颜色（设置了环境变量 NO_COLOR 时不用颜色）", "何时"),
    ),
    (
        "*",
        "call",
        text(
            "用这个申报指南配置 YAML 代替内置的 2021 年指南（其他年份的指南，或推荐单位内部截止日期更早的版本）",
            "文件",
        ),
    ),
    (
        "validate",
        "paths",
        text(
            "申报文件，或要在其中查找 shenbao.yaml 的文件夹（默认：当前文件夹）",
            "路径",
        ),
    ),
    ("validate", "format", BATCH_FORMAT),
    ("validate", "report", REPORT),
    ("validate", "strict", STRICT),
    (
        "validate",
        "jobs",
        text(
            "检查文件的线程数（默认：每个处理器核心一个）；遍历文件夹另用一个线程",
            "N",
        ),
    ),
    ("validate", "encoding", ENCODING),
    ("validate", "quiet", text("只列出有问题的文件和汇总", "")),
    (
        "validate",
        "fix",
        text(
            "就地改正只有一种改法的机械性问题（全角冒号、空格、引号和数字，2021年3月15日 这样的日期，GBK 文件），然后检查；注释、排版和换行符保持不变",
            "",
        ),
    ),
    (
        "validate",
        "diff",
        text("以统一差异格式显示 --fix 会做的修改，不改动任何文件", ""),
    ),
    (
        "validate",
        "as_of",
        text(
            "按此日期判断申报是否已截止（YYYY-MM-DD；默认：北京时间今天）",
            "日期",
        ),
    ),
    ("call show", "raw", text("输出配置的 YAML 原文", "")),
    ("fit", "path", PATH),
    ("fit", "format", FORMAT),
    ("form", "path", PATH),
    (
        "form",
        "output",
        text("PDF 写到哪里（默认：申报文件旁的 申报书.pdf）", "文件.pdf"),
    ),
    ("form", "encoding", ENCODING),
    ("form", "as_of", AS_OF),
    (
        "keygen",
        "output",
        text(
            "路径前缀：写出 前缀.key（私钥）和 前缀.pub（公钥）",
            "前缀",
        ),
    ),
    (
        "keygen",
        "no_password",
        text(
            "私钥不加密码（用于自动化）；否则密码取自环境变量 SHENBAO_PASSWORD，或在终端输入",
            "",
        ),
    ),
    ("package", "path", PATH),
    (
        "package",
        "key",
        text(
            "minisign 私钥（由 shenbao keygen 生成）；密码取自环境变量 SHENBAO_PASSWORD，或在终端输入",
            "私钥",
        ),
    ),
    (
        "package",
        "output",
        text(
            "申报材料包写到哪里（默认：申报文件旁的 〈材料包编号〉.zip）；给出文件夹时写在其中",
            "文件.zip",
        ),
    ),
    ("package", "as_of", AS_OF),
    (
        "verify",
        "files",
        text(
            "申报材料包（ZIP 文件），或推荐材料包（其中列出的每个申报材料包也一并核验）",
            "文件.zip",
        ),
    ),
    (
        "verify",
        "office_key",
        text(
            "推荐单位的公钥，写作 单位=公钥：与 --trusted-key 一样可信，但只用于该单位的推荐材料包；可重复给出",
            "单位=公钥",
        ),
    ),
    (
        "verify",
        "dossiers",
        text(
            "到哪里（含子文件夹）查找推荐材料包列出的申报材料包（默认：推荐材料包所在的文件夹，不含子文件夹）",
            "文件夹",
        ),
    ),
    (
        "verify",
        "trusted_key",
        text(
            "签名必须来自的公钥（前缀.pub），或放公钥的文件夹；可重复给出",
            "公钥|文件夹",
        ),
    ),
    (
        "verify",
        "paper_code",
        text("纸质申报书上印的核验码，检查两者是否一致", "核验码"),
    ),
    ("verify", "format", BATCH_FORMAT),
    ("verify", "report", REPORT),
    ("verify", "strict", STRICT),
    ("verify", "as_of", AS_OF_INSIDE),
    (
        "*",
        "trusted_key",
        text(
            "可信的申报单位公钥：一个公钥（前缀.pub），或放公钥（*.pub）的文件夹；可重复给出",
            "公钥|文件夹",
        ),
    ),
    ("intake", "format", FORMAT),
    ("intake", "strict", STRICT),
    ("intake", "as_of", AS_OF_INSIDE),
    (
        "intake",
        "paths",
        text(
            "申报材料包（ZIP 文件），或要在其中查找它们的文件夹",
            "文件夹|文件.zip",
        ),
    ),
    (
        "intake",
        "office",
        text(
            "本单位名称（如 江苏省）：报给其他单位的材料包会被标出",
            "名称",
        ),
    ),
    (
        "intake",
        "csv",
        text("把汇总表写成 CSV 文件（带 BOM 的 UTF-8）", "文件.csv"),
    ),
    ("intake", "pdf", text("把汇总表写成可打印的 PDF", "文件.pdf")),
    (
        "recommend",
        "paths",
        text(
            "本单位报送的申报材料包：ZIP 文件，或放有它们的文件夹",
            "文件夹|文件.zip",
        ),
    ),
    (
        "recommend",
        "office",
        text(
            "本单位名称，与申报文件中的写法一致（如 江苏省）",
            "名称",
        ),
    ),
    (
        "recommend",
        "key",
        text(
            "本单位的 minisign 私钥；密码取自环境变量 SHENBAO_PASSWORD，或在终端输入",
            "私钥",
        ),
    ),
    (
        "recommend",
        "output",
        text(
            "推荐材料包写到哪里（默认：当前文件夹下的 〈推荐材料包编号〉.zip）",
            "文件.zip",
        ),
    ),
    (
        "recommend",
        "issuer",
        text(
            "推荐函的落款单位（默认：申报文件中写的主管部门，否则为本单位）",
            "名称",
        ),
    ),
    (
        "recommend",
        "reference",
        text("推荐函的文号，如 苏工信函〔2021〕15号", "文号"),
    ),
    ("recommend", "contact", text("推荐函上印的联系人和电话", "文字")),
    (
        "recommend",
        "date",
        text(
            "推荐函的日期（YYYY-MM-DD；默认：--as-of 的日期，否则为北京时间今天）",
            "日期",
        ),
    ),
    ("recommend", "format", FORMAT),
    (
        "recommend",
        "strict",
        text("把警告当作错误：有任何警告即拒绝报送", ""),
    ),
    ("recommend", "as_of", AS_OF_INSIDE),
    (
        "explain",
        "code",
        text("规则的代码（如 S003）或名称（如 `unknown-field`）", "代码"),
    ),
    ("explain", "all", text("解释全部规则", "")),
    (
        "explain",
        "markdown",
        text("输出 Markdown（即 docs/rules.md 的内容），而不是纯文本", ""),
    ),
    (
        "init",
        "dir",
        text(
            "写入 shenbao.yaml 和 shenbao.schema.json 的文件夹（不存在则创建）",
            "文件夹",
        ),
    ),
    ("init", "force", text("覆盖已有的文件", "")),
    (
        "completions",
        "shell",
        text("为哪种命令行外壳生成补全脚本", "外壳"),
    ),
    (
        "man",
        "command",
        text("要输出手册页的子命令（如 validate、form、package）", "命令"),
    ),
    (
        "help",
        "command",
        text("要显示帮助的子命令（及其下一级子命令）", "命令"),
    ),
];

/// The Chinese about of the command at `path`.
pub fn about(path: &str) -> Option<&'static str> {
    COMMANDS
        .iter()
        .find(|(at, _)| *at == path)
        .map(|(_, text)| *text)
}

/// The Chinese text of argument `id` of the command at `path`.
pub fn arg(path: &str, id: &str) -> Option<ArgText> {
    let find = |at: &str| {
        ARGS.iter()
            .find(|(p, i, _)| *p == at && *i == id)
            .map(|(_, _, t)| *t)
    };
    find(path).or_else(|| find("*"))
}
