//! A first run from Windows Explorer. Double-clicking `shenbao.exe` opens a
//! console that closes the moment the program exits: a command-line tool
//! would flash its usage and vanish. Started that way (the console holds no
//! other process), shenbao instead says what it is and how to use it, and
//! waits for Enter; a folder or a `shenbao.yaml` dropped onto the exe (its
//! one argument) is validated, and the window waits too.

use super::{Context, Exit};
use crate::console::{self, Launch};
use shenbao_diagnostic::Lang;
use std::io::{BufRead, Write};
use std::path::Path;

/// `SHENBAO_LAUNCH=explorer|terminal` overrides what the console says (for
/// tests on any platform, and for shortcuts that wrap shenbao).
pub fn launch() -> Launch {
    match std::env::var("SHENBAO_LAUNCH").as_deref() {
        Ok("explorer") => Launch::OwnConsole,
        Ok("terminal") => Launch::Terminal,
        _ => console::launch(),
    }
}

/// The first run of a clerk: `Some(exit)` when the process was started from
/// Explorer with nothing or with one dropped path, `None` for the command line.
pub fn first_run(args: &[String], lang: Lang) -> Option<Exit> {
    if launch() != Launch::OwnConsole {
        return None;
    }
    let exit = match args {
        [_] => {
            print_intro(lang);
            Exit::Ok
        }
        [_, dropped] if droppable(Path::new(dropped)) => validate_dropped(dropped, lang),
        _ => return None,
    };
    wait_for_enter(lang);
    Some(exit)
}

/// A folder, or a YAML file: what a clerk drags onto the exe.
fn droppable(path: &Path) -> bool {
    path.is_dir()
        || (path.is_file()
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")))
}

fn validate_dropped(path: &str, lang: Lang) -> Exit {
    let args = vec![
        "shenbao".to_string(),
        "validate".to_string(),
        path.to_string(),
    ];
    match crate::cli::parse(args, lang) {
        Ok(cli) => super::run(cli),
        Err(error) => super::usage::report(&error, lang),
    }
}

const INTRO_ZH: &str = "\
shenbao（申报）——新型信息消费示范项目申报材料检查工具

这是一个命令行程序，需要在“命令提示符”或 PowerShell 窗口中输入命令使用，
双击只会显示这段说明。

一、打开命令窗口：在放申报材料的文件夹里，点击窗口上方的地址栏，输入 cmd 后按回车；
    或者按住 Shift 键在文件夹空白处点右键，选“在此处打开 PowerShell 窗口”
    （Windows 11 为“在终端中打开”）。

二、常用的三个命令（把 shenbao.exe 放在同一文件夹，或放进 PATH）：
    shenbao init 我的项目          新建申报文件 我的项目\\shenbao.yaml（带中文说明）
    shenbao validate 我的项目      检查填写内容，列出每个问题和修改方法
    shenbao form 我的项目          生成可打印的申报书 PDF

三、也可以把申报文件夹或 shenbao.yaml 直接拖到 shenbao.exe 图标上，立即检查。

更多命令：shenbao help；规则说明：shenbao explain 规则代码（例如 shenbao explain S003）。
";

const INTRO_EN: &str = "\
shenbao: checks applications to MIIT's 2021 call for new-type information-consumption
demonstration projects.

This is a command-line program: type its commands in a Command Prompt or PowerShell
window. Double-clicking it only shows this text.

1. Open a command window: in the folder with the application, click the address bar,
   type cmd and press Enter; or Shift + right-click inside the folder and choose
   \"Open PowerShell window here\" (\"Open in Terminal\" on Windows 11).

2. The three commands you need (with shenbao.exe in that folder, or on PATH):
    shenbao init my-project        create my-project\\shenbao.yaml, with explanations
    shenbao validate my-project    check it: every problem, and how to fix it
    shenbao form my-project        write the printable application form (PDF)

3. Or drag the application's folder, or its shenbao.yaml, onto shenbao.exe to check it.

More: shenbao help; a rule explained: shenbao explain CODE (e.g. shenbao explain S003).
";

fn print_intro(lang: Lang) {
    let text = match lang {
        Lang::Zh => INTRO_ZH,
        Lang::En => INTRO_EN,
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Keep the window open until Enter (or the end of standard input).
fn wait_for_enter(lang: Lang) {
    let prompt = Context { lang, color: false }.t(
        "\n按回车键关闭此窗口……",
        "\nPress Enter to close this window...",
    );
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(prompt.as_bytes());
    let _ = out.flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
}
