#!/usr/bin/env python3
"""Write signed dossiers of realistic size for the `intake` benchmark.

    python3 benches/gen_dossiers.py OUT_DIR [N=1000] [--mib 5] [--keys 8]
        [--seed 2021] [--jobs CORES] [--bin target/release/shenbao]

Generates N declarations with benches/gen_declarations.py into
OUT_DIR/declarations/, then, for each, adds two attachments of incompressible
bytes (a scanned-document PDF and a site photo as JPEG: together --mib MiB on
average, each dossier between 80 % and 120 % of it) and packages the folder
with `shenbao package` into OUT_DIR/dossiers/NNNNN.zip, signed by one of
--keys applicant keys (`shenbao keygen`; the secret keys in OUT_DIR/secret/,
the public ones in OUT_DIR/trusted/ for `intake --trusted-keys`). The large
files are deleted once packaged, so the disk holds each byte once (about
N x MIB MiB in all).

The attachments pass the call's attachment rules: the PDF has a header, one
stream object, a cross-reference table that `startxref` points at and
`%%EOF`; the JPEG starts with the JFIF markers and ends with EOI. Their bytes
come from random.Random seeded per dossier, so they do not deflate and
`package` stores them, as it stores real scans. The same seed gives the same
declarations and attachment bytes; the ZIPs differ only in their signatures'
keys (keygen is random).

The recommending bodies are the generator's 24 regions and six central
enterprises, so with N = 1000 most bodies are over their quota and intake's
checks across dossiers (quotas, routes, duplicates) have work.
OUT_DIR/.gen-complete records the parameters once every dossier is written.

Packaging runs --jobs dossiers at a time (default: every core). Standard
library only; Python 3.9+.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
# The generator's declarations are dated up to the call's deadline.
AS_OF = "2021-03-31"
ENTRY = """  - path: attachments/{name}
    kind: {kind}
    title: {title}
"""


def pdf_bytes(rng, size):
    """A one-stream PDF of exactly `size` bytes whose structure checks pass."""
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    obj_start = len(head)

    def tail_for(stream_len):
        body = b"1 0 obj\n<< /Length %d /Filter /DCTDecode >>\nstream\n" % stream_len
        end = b"\nendstream\nendobj\n"
        xref_at = obj_start + len(body) + stream_len + len(end)
        trailer = (b"xref\n0 2\n0000000000 65535 f \n%010d 00000 n \n"
                   b"trailer\n<< /Size 2 >>\nstartxref\n%d\n%%%%EOF\n" % (obj_start, xref_at))
        return body, end + trailer

    stream_len = size - len(head)
    for _ in range(3):  # the lengths' digits settle in a step or two
        body, rest = tail_for(stream_len)
        stream_len = size - len(head) - len(body) - len(rest)
    body, rest = tail_for(stream_len)
    data = head + body + rng.randbytes(stream_len) + rest
    assert len(data) == size and b"/Encrypt" not in data[:4 * MIB] + data[-4 * MIB:]
    return data


def jpeg_bytes(rng, size):
    """JFIF markers, incompressible scan data, EOI."""
    head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00"
    return head + rng.randbytes(size - len(head) - 2) + b"\xff\xd9"


def add_attachments(folder, seed, index, mib):
    rng = random.Random(f"{seed}-{index}")
    total = int(mib * MIB * rng.uniform(0.8, 1.2))
    pdf_size = int(total * rng.uniform(0.5, 0.8))
    files = [("site-survey-scan.pdf", "evidence", "现场核查扫描件", pdf_bytes(rng, pdf_size)),
             ("site-photo.jpg", "evidence", "项目现场照片", jpeg_bytes(rng, total - pdf_size))]
    yaml = folder / "shenbao.yaml"
    text = yaml.read_text(encoding="utf-8")
    entries = "".join(ENTRY.format(name=n, kind=k, title=t) for n, k, t, _ in files)
    assert text.count("\nattachments:\n") == 1, yaml
    yaml.write_text(text.replace("\nattachments:\n", "\nattachments:\n" + entries, 1), encoding="utf-8")
    for name, _, _, data in files:
        (folder / "attachments" / name).write_bytes(data)
    return [folder / "attachments" / n for n, *_ in files]


def package(args, index, key):
    folder = args.out_dir / "declarations" / f"{index:05d}"
    target = args.out_dir / "dossiers" / f"{index:05d}.zip"
    large = add_attachments(folder, args.seed, index, args.mib)
    env = dict(os.environ, SHENBAO_AS_OF=AS_OF, SHENBAO_LANG="en", NO_COLOR="1")
    run = subprocess.run([str(args.bin), "package", "--key", str(key), "-o", str(target), str(folder)],
                         env=env, capture_output=True, text=True)
    for path in large:
        path.unlink()
    if run.returncode != 0:
        raise RuntimeError(f"package {folder} failed:\n{run.stdout}{run.stderr}")
    return target.stat().st_size


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("n", type=int, nargs="?", default=1000)
    ap.add_argument("--mib", type=float, default=5.0)
    ap.add_argument("--keys", type=int, default=8)
    ap.add_argument("--seed", type=int, default=2021)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--bin", type=Path, default=REPO / "target" / "release" / "shenbao")
    args = ap.parse_args(argv)
    if args.n < 1 or args.keys < 1 or args.mib <= 0:
        ap.error("N, --keys and --mib must be positive")
    if not args.bin.is_file():
        ap.error(f"{args.bin} is missing: run `cargo build --release` first")

    marker = args.out_dir / ".gen-complete"
    marker.unlink(missing_ok=True)
    for sub in ("declarations", "dossiers", "secret", "trusted"):
        shutil.rmtree(args.out_dir / sub, ignore_errors=True)
        (args.out_dir / sub).mkdir(parents=True)
    subprocess.run([sys.executable, str(REPO / "benches" / "gen_declarations.py"),
                    str(args.out_dir / "declarations"), str(args.n), "--seed", str(args.seed)],
                   check=True, stdout=subprocess.DEVNULL)
    keys = []
    for k in range(args.keys):
        base = args.out_dir / "secret" / f"applicant-{k}"
        subprocess.run([str(args.bin), "keygen", "--no-password", "-o", str(base)],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.copyfile(f"{base}.pub", args.out_dir / "trusted" / f"applicant-{k}.pub")
        keys.append(Path(f"{base}.key"))

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        sizes = list(pool.map(lambda i: package(args, i, keys[i % len(keys)]), range(args.n)))
    total = sum(sizes)
    summary = (f"dossiers: {args.n} (seed {args.seed}, {args.keys} keys)\n"
               f"zip bytes: total {total}, mean {total / args.n / MIB:.2f} MiB, "
               f"min {min(sizes)}, max {max(sizes)}\n")
    sys.stdout.write(summary)
    marker.write_text(f"n={args.n} mib={args.mib} keys={args.keys} seed={args.seed}\n" + summary)


if __name__ == "__main__":
    main()
