//! Online submission (R5): the registration in the call's system is recorded.

pub mod diags;

use super::Context;
use shenbao_diagnostic::{Diagnostic, Text};

const REGISTRATION: &str = "/submission/registration_id";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    if cx.str(REGISTRATION) == Some("not_yet") {
        let url = &cx.profile.online_system.url;
        out.push(
            Diagnostic::new(
                &diags::NOT_REGISTERED,
                Text::new(
                    format!("尚未在申报系统（{url}）注册并提交电子版"),
                    format!("not yet registered in the online system ({url})"),
                ),
            )
            .at(REGISTRATION)
            .help(Text::new(
                format!("在 {url} 注册、上传电子版后，把登记号写在 registration_id"),
                format!("register at {url}, upload the electronic version, then write the id in registration_id"),
            )),
        );
    }
}
