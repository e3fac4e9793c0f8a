#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, written to fuzz/corpus/TARGET/.

    python3 fuzz/seed.py [--shenbao BINARY]

From the repository: every YAML file under examples/, schemas/ and
tests/fixtures/ (and their Windows-line-break variants), the attachments under
examples/*/attachments, dossiers packaged from the examples by the shenbao
binary (keygen --no-password, package), and hostile inputs after those of the
tests (tests/hostile.rs, tests/dossier.rs, yaml/agreement_tests.rs), made here.
Files committed under fuzz/seeds/TARGET/ (findings kept as regressions) are
added as they are. Each seed is named by its SHA-1, as libFuzzer names
corpus files, so seeding again adds nothing twice. Standard library only.
"""

import argparse
import hashlib
import io
import os
import pathlib
import subprocess
import sys
import tempfile
import warnings
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
TARGETS = ["yaml_paths", "load_and_check", "verify", "attachment", "call_profile"]

# The attachment target's first byte: bit 0 set = not named .pdf, bit 1 set
# = padded past the size that is read whole.
PDF, OTHER, PDF_PADDED = b"\x00", b"\x01", b"\x02"


def add(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / hashlib.sha1(data).hexdigest()
    if not path.exists():
        path.write_bytes(data)


def yaml_files():
    found = []
    for base in ["examples", "schemas", "tests/fixtures"]:
        found += sorted((ROOT / base).rglob("*.yaml"))
    return found


# Small documents on the edges of the YAML fast path and of the loader's
# limits (cf. EDGES in crates/shenbao-load/src/yaml/agreement_tests.rs and
# tests/hostile.rs).
HOSTILE_YAML = [
    "",
    "# nothing\n",
    "- a\n- b\n",
    "hello\n",
    "a: b  \nc: \"x y\"  # c\nd: 'q''r'\n",
    "a: |-\n  line1\n\n  line2\n\nb: |\n  x\n  y\n\n\nc: 1\n",
    "k:\n  - a\n  -   b: 1\n      c: 2\n  - 'x' # c\nz: 0\n",
    "m:\n  a: |\n    x\n     y\n\n  b: 1\n",
    "a: |  # c\n  # not a comment\n  x: y\n",
    "a: b:c\nd: e#f\ng: -1\nh: -x\ni: ?x\nj: :x\n",
    "a: 010\nb: 0x1F\nc: 1e3\nd: .inf\ne: ~\nf: no\ng: 2021-03-31\nh: 1_000\n",
    "a/b~c: 1\n中文: 值\n",
    "a: &x 1\nb: *x\n",
    "a: &x [1, {b: 2}]\nc: *x\nd: !!str 12\n",
    "a: 1\na: 2\n",
    "applicant:\n  name: 甲公司\n  name: 乙公司\n",
    "project:\n\tname: x\n",
    "project:\n  name: \"unclosed\n  x: 1\n",
    "a: 1\n---\nb: 2\n",
    "---\na: 1\n...\n",
    "? [a]\n: b\n",
    "a: !custom x\n",
    "a: >\n  folded\n  text\n",
    "a: |+\n  x\n\n",
    "a: |2\n   x\n",
    "a: \"x\\ty\\u4e2d\"\n",
    "a: |\r\n  x\r\n\r\n  y\r\nb: b \r\nc: 'x'  # c\r\nd:\r\n- e\r\n",
    "a: b\rc: d\n",
    "a: b\u2028c: d\n",
    "a: b\u0085c\n",
    "\ufeffa: 1\n",
    "a: 9223372036854775808\nb: -9223372036854775809\nc: 1e400\n",
    "[" * 200,
    "a:\n" + "".join(" " * d + "a:\n" for d in range(1, 80)),
    "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9)),
    "a: &a x\nb: [" + ", ".join(["*a"] * 1100) + "]\n",
]

HOSTILE_BYTES = [
    b"schema: 1\nname: \xff\xfe\x00 x\n",
    "schema: 1\nproject:\n  name: 智能测温消杀机器人\n".encode("gbk"),
    "# 示例：类别 7\nname: 测温\n".encode("gbk"),
    "project:\n  name: 測溫機器人\n".encode("big5"),
    b"\xff\xfe" + "a: 1\nb: 中\n".encode("utf-16-le"),
    b"\xfe\xff" + "a: 1\n".encode("utf-16-be"),
    b"\xff\xfea\x00:",
    b"\xef\xbb\xbfschema: 1\n",
    b"a: \x00\n",
]


def seed_yaml():
    for path in yaml_files():
        text = path.read_bytes()
        targets = ["yaml_paths"]
        if path.name != "miit-xxxf-2021.yaml":
            targets.append("load_and_check")
        for target in targets:
            add(target, text)
            add(target, text.replace(b"\n", b"\r\n"))
    for text in HOSTILE_YAML:
        add("yaml_paths", text)
        add("load_and_check", text)
    for data in HOSTILE_BYTES:
        add("yaml_paths", data)
        add("load_and_check", data)
    # The declaration in GBK, as Windows editors in China save it.
    example = (ROOT / "examples/thermal-screening-robot/shenbao.yaml").read_text()
    add("load_and_check", example.encode("gb18030"))
    for path in sorted((ROOT / "schemas/calls").glob("*.yaml")):
        add("call_profile", path.read_bytes())


def pdf(body):
    return b"%PDF-1.4\n" + body


HOSTILE_PDFS = [
    b"",
    pdf(b"1 0 obj\n<<>>\nendobj\nxref\n0 1\nstartxref\n9\n%%EOF\n"),
    pdf(b"12 0 obj <</Type /XRef>>\nstartxref\n9\n%%EOF"),
    pdf(b"trailer <</Encrypt 3 0 R>>\nstartxref\n9\n%%EOF\n"),
    pdf(b"startxref\n999999\n%%EOF"),
    pdf(b"startxref\nx\n%%EOF"),
    pdf(b"startxref\n18446744073709551616\n%%EOF"),
    pdf(b"no end"),
    b"PK\x03\x04 a Word file named .pdf",
    b"\x89PNG\r\n\x1a\n",
]


def seed_attachments():
    for path in sorted(ROOT.glob("examples/**/attachments/*")):
        data = path.read_bytes()
        if path.suffix.lower() == ".pdf":
            add("attachment", PDF + data)
            add("attachment", PDF_PADDED + data)
            add("attachment", PDF + data[: len(data) // 2])
        else:
            add("attachment", OTHER + data)
    for data in HOSTILE_PDFS:
        add("attachment", PDF + data)
        add("attachment", PDF_PADDED + data)


def rewrite(dossier, edit):
    """The dossier's entries written again, through `edit(top, entries)`,
    which returns (ZipInfo or name, bytes) pairs."""
    with zipfile.ZipFile(io.BytesIO(dossier)) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    top = entries[0][0].filename.split("/")[0]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info, data in edit(top, entries):
            target.writestr(info, data)
    return out.getvalue()


def renamed(info, name, external_attr=None):
    copy = zipfile.ZipInfo(name, info.date_time)
    copy.compress_type = info.compress_type
    copy.external_attr = info.external_attr if external_attr is None else external_attr
    return copy


def hostile_dossiers(dossier):
    """After tests/dossier.rs: each is rejected with its code there."""
    warnings.filterwarnings("ignore", "Duplicate name", UserWarning)
    licence = "/data/attachments/business-licence.pdf"

    def find(top, entries, suffix):
        return next((i, d) for i, d in entries if i.filename == top + suffix)

    def dup(top, entries):
        return entries + [find(top, entries, licence)]

    def absolute(top, entries):
        info, data = find(top, entries, licence)
        return entries + [(renamed(info, "/tmp/evil.pdf"), data)]

    def dotdot(top, entries):
        info, data = find(top, entries, licence)
        return entries + [(renamed(info, top + "/../../evil.pdf"), data)]

    def symlink(top, entries):
        info, data = find(top, entries, licence)
        return entries + [(renamed(info, top + "/data/link", 0o120777 << 16), data)]

    def tampered(top, entries):
        return [
            (i, d.replace(b"2021", b"2022") if i.filename.endswith("shenbao.yaml") else d)
            for i, d in entries
        ]

    def dropped(top, entries):
        return [(i, d) for i, d in entries if not i.filename.endswith(".minisig")]

    made = [rewrite(dossier, edit) for edit in [dup, absolute, dotdot, symlink, tampered, dropped]]
    made += [
        dossier[: len(dossier) // 2],
        dossier[:-30],
        b"junk before the archive" + dossier,
        dossier + b"junk after the archive",
        b"PK\x05\x06" + b"\x00" * 18,
    ]
    return made


def run(binary, *args, cwd):
    return subprocess.run(
        [str(binary), *map(str, args)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        check=False,
    )


def seed_dossiers(binary):
    examples = sorted(p.parent for p in ROOT.glob("examples/*/shenbao.yaml"))
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        keygen = run(binary, "keygen", "--no-password", "-o", work / "applicant", cwd=work)
        if keygen.returncode != 0:
            sys.exit(f"seed: shenbao keygen failed:\n{keygen.stderr.decode()}")
        dossiers = []
        for example in examples:
            out = work / f"{example.name}.zip"
            made = run(binary, "package", "--key", work / "applicant.key", "-o", out, example, cwd=work)
            if made.returncode != 0:
                sys.exit(f"seed: shenbao package {example.name} failed:\n{made.stderr.decode()}")
            dossiers.append(out.read_bytes())
        for dossier in dossiers:
            add("verify", dossier)
        for data in hostile_dossiers(dossiers[0]):
            add("verify", data)


def seed_committed():
    committed = ROOT / "fuzz" / "seeds"
    for target in TARGETS:
        for path in sorted((committed / target).glob("*")):
            if path.is_file():
                add(target, path.read_bytes())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shenbao", help="the shenbao binary that packages the dossiers")
    args = parser.parse_args()
    seed_yaml()
    seed_attachments()
    if args.shenbao:
        seed_dossiers(pathlib.Path(args.shenbao).resolve())
    else:
        print("seed: no --shenbao binary given: no dossiers for verify", file=sys.stderr)
    seed_committed()
    for target in TARGETS:
        folder = CORPUS / target
        files = list(folder.glob("*")) if folder.exists() else []
        size = sum(f.stat().st_size for f in files)
        print(f"seed: {target}: {len(files)} files, {size // 1024} KiB")


if __name__ == "__main__":
    main()
