//! Where a command may write. An output never replaces one of the command's
//! own inputs (compared by file identity, so `./k.key`, `k.key` and a link to
//! it are one file), and never replaces anything but a regular file: a
//! device node, a FIFO or a folder named as `-o` is refused, not turned into
//! a file.

use super::Failure;
use crate::diags;
use same_file::Handle;
use shenbao_diagnostic::{Diagnostic, Text};
use std::path::Path;

/// The target as it is now, to compare inputs with: `None` when nothing is
/// there yet (always safe to create).
pub struct Target<'a> {
    path: &'a Path,
    handle: Option<Handle>,
}

impl<'a> Target<'a> {
    /// Look at `path`: refused at once when it exists and is not a regular file.
    pub fn new(path: &'a Path) -> Result<Target<'a>, Failure> {
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            // Missing (or a dangling link): the write says what is wrong, if anything.
            Err(_) => return Ok(Target { path, handle: None }),
        };
        if !metadata.is_file() {
            let shown = shenbao_diagnostic::shown_path(path);
            let (zh, en) = if metadata.is_dir() {
                ("是一个文件夹", "is a folder")
            } else {
                ("是设备文件或命名管道", "is a device or a named pipe")
            };
            return Err(Failure::cannot_run(
                Diagnostic::new(
                    &diags::OUTPUT_NOT_A_FILE,
                    Text::new(
                        format!("输出 {shown} {zh}，不会被覆盖"),
                        format!("the output {shown} {en}; it is not replaced"),
                    ),
                )
                .help(Text::new(
                    "用 -o 给出一个文件名，例如 -o 输出/申报书.pdf",
                    "give -o a file name, such as -o out/form.pdf",
                )),
            ));
        }
        Ok(Target {
            path,
            handle: Handle::from_path(path).ok(),
        })
    }

    /// Refuse when the target is `input` (same file, by identity).
    pub fn refuse_input(&self, input: &Path, what: (&str, &str)) -> Result<(), Failure> {
        let Some(handle) = &self.handle else {
            return Ok(());
        };
        if Handle::from_path(input).is_ok_and(|other| other == *handle) {
            return self.refused(input, what);
        }
        Ok(())
    }

    fn refused(&self, input: &Path, what: (&str, &str)) -> Result<(), Failure> {
        {
            let (target, input) = (
                shenbao_diagnostic::shown_path(self.path),
                shenbao_diagnostic::shown_path(input),
            );
            Err(Failure::cannot_run(
                Diagnostic::new(
                    &diags::OUTPUT_IS_INPUT,
                    Text::new(
                        format!("输出 {target} 就是输入的{}（{input}），写入会毁掉它", what.0),
                        format!(
                            "the output {target} is the {} given as input ({input}); writing would destroy it",
                            what.1
                        ),
                    ),
                )
                .help(Text::new(
                    "为输出换一个文件名",
                    "choose another file name for the output",
                )),
            ))
        }
    }

    /// Refuse when the target is `input`, by identity or, when neither exists
    /// yet, by the path as written: two outputs of one run.
    pub fn refuse_output(&self, other: &Path, what: (&str, &str)) -> Result<(), Failure> {
        if self.handle.is_none() && self.path == other {
            return Target {
                path: self.path,
                handle: None,
            }
            .refused(other, what);
        }
        self.refuse_input(other, what)
    }

    /// Refuse when the target is any of `inputs`.
    pub fn refuse_inputs<'p>(
        &self,
        inputs: impl IntoIterator<Item = &'p Path>,
        what: (&str, &str),
    ) -> Result<(), Failure> {
        if self.handle.is_none() {
            return Ok(());
        }
        inputs
            .into_iter()
            .try_for_each(|input| self.refuse_input(input, what))
    }
}

/// The files a loaded declaration brings: itself and its attachments.
pub fn declaration_inputs(
    path: &Path,
    document: &shenbao_load::Document,
) -> Vec<std::path::PathBuf> {
    let mut inputs = vec![path.to_path_buf()];
    let dir = document.dir.as_deref().unwrap_or(Path::new("."));
    if let Some(items) = document
        .value
        .as_ref()
        .and_then(|v| v.get("attachments"))
        .and_then(|a| a.as_array())
    {
        for item in items {
            if let Some(attachment) = item.get("path").and_then(|p| p.as_str()) {
                inputs.push(dir.join(attachment));
            }
        }
    }
    inputs
}

/// The public keys (`*.pub`) a `--trusted-key` folder holds, as the key
/// loader reads them.
pub fn trusted_key_files(given: &[std::path::PathBuf]) -> Vec<std::path::PathBuf> {
    // What cannot be listed is reported when the keys are loaded.
    shenbao_dossier::keys::trusted_key_files(given).unwrap_or_default()
}

/// The call profile given with `--call`, when one is.
pub fn refuse_profile(target: &Target<'_>, call: Option<&Path>) -> Result<(), Failure> {
    target.refuse_inputs(call, ("申报通知配置", "call profile"))
}

/// `intake --csv/--pdf`: never over a dossier found, a trusted key, the
/// profile, or each other.
pub fn refuse_intake(
    args: &crate::cli::IntakeArgs,
    dossiers: &[std::path::PathBuf],
) -> Result<(), Failure> {
    let keys = trusted_key_files(&args.dossiers.trusted_key);
    let outputs: Vec<&Path> = args
        .csv
        .iter()
        .chain(&args.pdf)
        .map(|p| p.as_path())
        .collect();
    for (i, output) in outputs.iter().enumerate() {
        let target = Target::new(output)?;
        target.refuse_inputs(dossiers.iter().map(|p| p.as_path()), ("材料包", "dossier"))?;
        target.refuse_inputs(keys.iter().map(|p| p.as_path()), ("公钥", "public key"))?;
        refuse_profile(&target, args.dossiers.profile.call.as_deref())?;
        for other in &outputs[..i] {
            target.refuse_output(other, ("另一个输出", "other output"))?;
        }
    }
    Ok(())
}
