//! RFC 6901 JSON pointers: the address every rule uses for a value.

/// Append `segment` to `pointer`, escaping `~` and `/`.
pub fn push_escaped(pointer: &mut String, segment: &str) {
    for c in segment.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            _ => pointer.push(c),
        }
    }
}

/// `parent` + `/` + escaped `segment`.
pub fn join(parent: &str, segment: &str) -> String {
    let mut out = String::with_capacity(parent.len() + segment.len() + 1);
    out.push_str(parent);
    out.push('/');
    push_escaped(&mut out, segment);
    out
}

/// The pointer of the enclosing node ("" for the root or for "").
pub fn parent(pointer: &str) -> &str {
    pointer.rfind('/').map_or("", |i| &pointer[..i])
}

/// The pointer written the way users think of fields: `applicant.contact.email`,
/// `attachments[0].path`.
pub fn dotted(pointer: &str) -> String {
    let mut out = String::new();
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            out.push('[');
            out.push_str(&segment);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&segment);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_dotted_names() {
        assert_eq!(join("/a", "b/c~d"), "/a/b~1c~0d");
        assert_eq!(parent("/a/b~1c"), "/a");
        assert_eq!(parent(""), "");
        assert_eq!(dotted("/attachments/0/path"), "attachments[0].path");
        assert_eq!(
            dotted("/applicant/contact/email"),
            "applicant.contact.email"
        );
    }
}
