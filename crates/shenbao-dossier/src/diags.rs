//! Diagnostics of dossier verification (Z): what `shenbao verify` rejects;
//! and the errors of keys and packaging that stop a command (Z022 on).

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("dossier", "R5");

pub const NOT_A_ZIP: Rule = Rule {
    code: "Z001",
    name: "not-a-readable-zip",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "不是完整可读的 ZIP 文件（可能已截断或损坏）",
        en: "not a complete, readable ZIP file (truncated or damaged)",
    },
    why: Bilingual {
        zh: "申报材料包是 ZIP 文件。文件不完整（传输中断、U 盘拔出过早）或根本不是 ZIP 时，无法核验其中任何内容。",
        en: "A dossier is a ZIP file. When it is incomplete (an interrupted transfer, a USB stick pulled too early) or not a ZIP at all, nothing in it can be verified.",
    },
    bad: "$ head -c 100000 dossier.zip > copy.zip      # the copy stopped part way\n$ shenbao verify --trusted-key applicant.pub copy.zip",
    good: "$ cp dossier.zip copy.zip\n$ shenbao verify --trusted-key applicant.pub copy.zip",
    ..FAMILY
};

pub const JUNK: Rule = Rule {
    code: "Z002",
    name: "junk-before-archive",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "ZIP 数据前面附加了其他内容",
        en: "other data is prepended to the ZIP",
    },
    why: Bilingual {
        zh: "ZIP 之前的多余字节可能藏有可执行程序或用来迷惑不同的解压工具，shenbao 生成的材料包从不这样，一律拒绝。",
        en: "Extra bytes before a ZIP can hide an executable or make tools disagree about the content; shenbao never writes them, so they are refused.",
    },
    bad: "$ cat stub.exe dossier.zip > dossier-setup.zip      # a program put in front of the archive\n$ shenbao verify --trusted-key applicant.pub dossier-setup.zip",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip      # as shenbao package wrote it",
    ..FAMILY
};

pub const DUPLICATE: Rule = Rule {
    code: "Z003",
    name: "duplicate-entry",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "ZIP 中有两个同名条目",
        en: "two entries share a name",
    },
    why: Bilingual {
        zh: "同名条目会让不同工具解出不同的文件（有的取第一个，有的取最后一个），可以借此夹带被篡改的附件。",
        en: "Two entries with one name make tools extract different files (first or last wins), a way to smuggle in a modified attachment.",
    },
    bad: "$ shenbao verify --trusted-key applicant.pub dossier-twice.zip      # business-licence.pdf added again, with other content",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip      # as shenbao package wrote it",
    ..FAMILY
};

pub const UNSAFE_PATH: Rule = Rule {
    code: "Z004",
    name: "unsafe-entry-name",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "条目名称不安全（绝对路径、..、反斜杠、控制字符或 %）",
        en: "an entry name is unsafe (absolute, .., backslash, control character or %)",
    },
    why: Bilingual {
        zh: "解压时，绝对路径和 .. 可以把文件写到任意位置（“zip slip”），反斜杠、控制字符和 % 会让不同工具读出不同的名字。",
        en: "On extraction, absolute paths and .. write files anywhere (\"zip slip\"); backslashes, control characters and % make tools read different names.",
    },
    bad: "$ shenbao verify --trusted-key applicant.pub dossier-zip-slip.zip      # an entry ../../etc/cron.d/shenbao added",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip      # as shenbao package wrote it",
    ..FAMILY
};

pub const SYMLINK: Rule = Rule {
    code: "Z005",
    name: "symlink-entry",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "ZIP 中有符号链接条目",
        en: "the ZIP holds a symbolic link",
    },
    why: Bilingual {
        zh: "符号链接解压后可以指向材料包之外的文件，核验的就不再是包里的内容。",
        en: "A symlink, once extracted, can point outside the dossier, so what is verified would no longer be its content.",
    },
    bad: "$ shenbao verify --trusted-key applicant.pub dossier-symlink.zip      # business-licence.pdf made a link to /etc/passwd",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip      # regular files only, as shenbao package wrote it",
    ..FAMILY
};

pub const ENCRYPTED: Rule = Rule {
    code: "Z006",
    name: "encrypted-entry",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "ZIP 条目已加密",
        en: "a ZIP entry is encrypted",
    },
    why: Bilingual {
        zh: "加密的条目无法在不掌握密码的情况下核验，受理单位也无法打开。材料包不应加密，签名已保证其完整性。",
        en: "An encrypted entry cannot be verified without its password and the office cannot open it. Dossiers are not encrypted; the signature protects them.",
    },
    bad: "$ shenbao verify --trusted-key applicant.pub dossier-encrypted.zip      # business-licence.pdf encrypted with a password",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip      # as shenbao package wrote it",
    ..FAMILY
};

pub const METHOD: Rule = Rule {
    code: "Z007",
    name: "unsupported-compression",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "条目使用了不允许的压缩方法",
        en: "an entry uses a compression method that is not allowed",
    },
    why: Bilingual {
        zh: "只允许存储（不压缩）和 Deflate 两种方法：所有工具都支持，行为确定。",
        en: "Only stored and deflated entries are allowed: every tool supports them and they behave predictably.",
    },
    bad: "$ shenbao verify --trusted-key applicant.pub dossier-bzip2.zip      # business-licence.pdf compressed again with bzip2",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip      # stored and deflated entries, as shenbao package wrote it",
    ..FAMILY
};

pub const HEADER_MISMATCH: Rule = Rule {
    code: "Z008",
    name: "header-mismatch",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "条目的本地文件头与中央目录不一致",
        en: "an entry's local header disagrees with the central directory",
    },
    why: Bilingual {
        zh: "ZIP 的每个文件在本地文件头和中央目录中各记录一次。二者不一致时，不同工具会解出不同内容。",
        en: "Each file is described twice in a ZIP, in its local header and in the central directory; when they disagree, tools extract different content.",
    },
    bad: "$ shenbao verify --trusted-key applicant.pub dossier-header.zip      # the first file's name changed in its local header only",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip      # as shenbao package wrote it",
    ..FAMILY
};

pub const SIZE: Rule = Rule {
    code: "Z009",
    name: "entry-size-mismatch",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "条目的实际大小与声明不符，或压缩比异常（压缩炸弹）",
        en: "an entry's real size differs from its declared size, or its ratio is abnormal (a zip bomb)",
    },
    why: Bilingual {
        zh: "解压后远大于声明大小的条目（或压缩比上千倍的条目）可以耗尽磁盘和内存。shenbao 边读边计数，一旦超出即停止。",
        en: "An entry that inflates far beyond its declared size (or at a ratio in the thousands) can exhaust disk and memory; shenbao counts while reading and stops at the limit.",
    },
    bad: "$ shenbao verify --trusted-key applicant.pub dossier-bomb.zip      # an entry of 64 KB that unpacks to 64 MB",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip      # as shenbao package wrote it",
    ..FAMILY
};

pub const CRC: Rule = Rule {
    code: "Z010",
    name: "crc-mismatch",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "条目的 CRC 校验失败（数据已损坏）",
        en: "an entry fails its CRC check (the data is damaged)",
    },
    why: Bilingual {
        zh: "ZIP 为每个文件记录 CRC-32；不符说明文件在存储或传输中损坏。",
        en: "A ZIP records a CRC-32 for every file; a mismatch means it was damaged in storage or transfer.",
    },
    bad: "$ shenbao verify --trusted-key applicant.pub dossier-flipped.zip      # one byte of robot-photo.png damaged on the USB stick",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip      # as shenbao package wrote it",
    ..FAMILY
};

pub const NOT_A_BAG: Rule = Rule {
    code: "Z011",
    name: "not-a-bag",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "ZIP 不是 shenbao 材料包（缺少 BagIt 结构文件）",
        en: "the ZIP is not a shenbao dossier (BagIt files missing)",
    },
    why: Bilingual {
        zh: "材料包是 BagIt 包：一个顶层文件夹，内含 bagit.txt、bag-info.txt、data/、清单和签名。缺了这些，就无从核验。",
        en: "A dossier is a BagIt bag: one top folder with bagit.txt, bag-info.txt, data/, the manifests and the signature. Without them there is nothing to verify against.",
    },
    bad: "$ shenbao verify --trusted-key applicant.pub zipped-by-hand.zip      # shenbao.yaml and attachments/ zipped by hand",
    good: "$ shenbao package --key applicant.key -o dossier.zip .\n$ shenbao verify --trusted-key applicant.pub dossier.zip",
    ..FAMILY
};

pub const MISSING_FILE: Rule = Rule {
    code: "Z012",
    name: "file-missing",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "清单中列出的文件不在包内",
        en: "a file listed in the manifest is not in the dossier",
    },
    why: Bilingual {
        zh: "清单（manifest-sha256.txt）列出了包内每个文件；少了一个，说明材料被删改过。",
        en: "The manifest lists every file of the dossier; one missing means the dossier was altered.",
    },
    bad: "$ shenbao verify --trusted-key applicant.pub dossier-missing.zip      # business-licence.pdf deleted from the ZIP",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip      # as shenbao package wrote it",
    ..FAMILY
};

pub const EXTRA_FILE: Rule = Rule {
    code: "Z013",
    name: "file-not-in-manifest",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "包内有清单之外的文件",
        en: "the dossier holds a file the manifest does not list",
    },
    why: Bilingual {
        zh: "清单之外的文件没有签名保护，可能是事后夹带的。",
        en: "A file outside the manifest is not covered by the signature and may have been slipped in later.",
    },
    bad: "$ shenbao verify --trusted-key applicant.pub dossier-extra.zip      # data/attachments/award.pdf added to the ZIP later",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip      # as shenbao package wrote it",
    ..FAMILY
};

pub const HASH: Rule = Rule {
    code: "Z014",
    name: "hash-mismatch",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "文件的 SHA-256 与清单不符（已被修改）",
        en: "a file's SHA-256 differs from the manifest (it was modified)",
    },
    why: Bilingual {
        zh: "每个文件的 SHA-256 都记录在清单中，清单本身又由签名保护。不符说明文件在打包后被改动。",
        en: "Each file's SHA-256 is in the manifest, which the signature protects; a mismatch means the file changed after packaging.",
    },
    bad: "$ shenbao verify --trusted-key applicant.pub dossier-edited.zip      # business-licence.pdf edited after shenbao package",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip      # as shenbao package wrote it",
    ..FAMILY
};

pub const SIGNATURE: Rule = Rule {
    code: "Z015",
    name: "signature-invalid",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "签名缺失或验证失败",
        en: "the signature is missing or does not verify",
    },
    why: Bilingual {
        zh: "标签清单（tagmanifest-sha256.txt）由申报单位的 minisign 密钥签名，签名保护全部清单和 bag-info。签名不成立，就不能证明材料来自申报单位且未被改动。",
        en: "The tag manifest is signed with the applicant's minisign key and protects all manifests and bag-info; without a valid signature nothing proves where the dossier came from or that it is unchanged.",
    },
    bad: "$ shenbao verify --trusted-key applicant.pub dossier-retagged.zip      # bag-info.txt and tagmanifest-sha256.txt edited, not signed again",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip      # as shenbao package wrote it",
    ..FAMILY
};

pub const UNTRUSTED_KEY: Rule = Rule {
    code: "Z016",
    name: "untrusted-signer",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "签名密钥不在受信任的密钥之列",
        en: "the signing key is not among the trusted keys",
    },
    why: Bilingual {
        zh: "签名只证明材料出自持有该密钥的人。受理单位应事先从申报单位取得公钥，用 --trusted-key 指定；未指定时此处提示，指定了而不符时报错。",
        en: "A signature only proves the dossier came from whoever holds the key. Offices should obtain the applicant's public key beforehand and pass it with --trusted-key; without one this is a warning, with one a mismatch is an error.",
    },
    bad: "$ shenbao verify dossier.zip      # signed, but by whom?",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip      # the public key the applicant gave the office",
    ..FAMILY
};

pub const DECLARATION: Rule = Rule {
    code: "Z017",
    name: "declaration-invalid",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "包内的申报文件不能通过检查",
        en: "the declaration inside the dossier does not pass validation",
    },
    why: Bilingual {
        zh: "材料包里的 shenbao.yaml 会按申报指南重新检查；出现错误说明材料不是用有效的申报文件打包的（或检查规则已更新）。",
        en: "The shenbao.yaml inside the dossier is checked again against the call; errors mean it was not packaged from a valid declaration (or the rules have changed since).",
    },
    bad: "$ shenbao verify --call jiangsu.yaml --trusted-key applicant.pub dossier.zip      # dated 19 March; 江苏省's own deadline is 15 March",
    good: "# in shenbao.yaml:\nsubmission:\n  date: 2021-03-12\ncommitments:\n  date: 2021-03-11\n$ shenbao package --call jiangsu.yaml --key applicant.key -o dossier.zip .\n$ shenbao verify --call jiangsu.yaml --trusted-key applicant.pub dossier.zip",
    ..FAMILY
};

pub const PAPER_CODE: Rule = Rule {
    code: "Z018",
    name: "paper-code-mismatch",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "纸质申报书（或推荐意见函）上的校验码与材料包不符",
        en: "the code on the paper form (or letter) does not match the dossier (or bundle)",
    },
    why: Bilingual {
        zh: "纸质申报书每页都印有由电子材料计算出的校验码，推荐意见函每页印有由所推荐材料包清单计算出的校验码。不符说明纸质版与电子版不是同一份材料。",
        en: "Every page of the paper form carries a code computed from the electronic files, and every page of a recommendation letter one computed from the bundle's list of dossiers; a mismatch means paper and electronic files are not the same.",
    },
    bad: "$ shenbao verify --trusted-key applicant.pub --paper-code 1Q7G-S91M-0GK8 dossier.zip      # the form says 1Q7G-S91M-0GKY",
    good: "$ shenbao verify --trusted-key applicant.pub --paper-code 1Q7G-S91M-0GKY dossier.zip",
    ..FAMILY
};

pub const FORWARDED_MISSING: Rule = Rule {
    code: "Z019",
    name: "forwarded-dossier-missing",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "推荐材料包所列的申报材料包找不到",
        en: "a dossier the recommendation bundle lists cannot be found",
    },
    why: Bilingual {
        zh: "推荐材料包只记录所推荐材料包的文件名和 SHA-256，材料包本身与它放在同一文件夹中一并报送。缺了哪一个，就无法核验该项目。",
        en: "A bundle records the file name and SHA-256 of each dossier it forwards; the dossiers travel beside it in the same folder. A missing one cannot be checked.",
    },
    bad: "$ shenbao recommend --office 江苏省 --key office.key --trusted-key keys -o outbox/江苏省推荐.zip dossier.zip\n$ shenbao verify --trusted-key office.pub --trusted-key applicant.pub outbox/江苏省推荐.zip      # dossier.zip is not beside it",
    good: "$ shenbao recommend --office 江苏省 --key office.key --trusted-key keys -o outbox/江苏省推荐.zip dossier.zip\n$ cp dossier.zip outbox/\n$ shenbao verify --trusted-key office.pub --trusted-key applicant.pub outbox/江苏省推荐.zip",
    ..FAMILY
};

pub const FORWARDED_CHANGED: Rule = Rule {
    code: "Z020",
    name: "forwarded-dossier-changed",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "申报材料包与推荐材料包记录的摘要不符",
        en: "a dossier differs from the digest the recommendation bundle records",
    },
    why: Bilingual {
        zh: "推荐单位签名时记下了每个材料包的 SHA-256。摘要不同，说明推荐之后材料包被替换或修改过，推荐意见不再适用于它。",
        en: "The office signed the SHA-256 of each dossier it forwards. A different digest means the dossier was replaced or changed after the recommendation, which then no longer covers it.",
    },
    bad: "$ cp dossier.zip outbox/\n$ shenbao recommend --office 江苏省 --key office.key --trusted-key keys -o outbox/江苏省推荐.zip outbox/dossier.zip\n# in shenbao.yaml:\napplicant:\n  contact:\n    name: 周静\n$ shenbao package --key applicant.key -o outbox/dossier.zip .      # packaged again after the office signed\n$ shenbao verify --trusted-key office.pub --trusted-key applicant.pub outbox/江苏省推荐.zip",
    good: "$ cp dossier.zip outbox/\n$ shenbao recommend --office 江苏省 --key office.key --trusted-key keys -o outbox/江苏省推荐.zip outbox/dossier.zip\n$ shenbao verify --trusted-key office.pub --trusted-key applicant.pub outbox/江苏省推荐.zip",
    ..FAMILY
};

pub const BUNDLE_NOT_DOSSIER: Rule = Rule {
    code: "Z021",
    name: "bundle-where-dossier-expected",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "此处需要申报材料包，却是推荐材料包",
        en: "a recommendation bundle where a dossier is expected",
    },
    why: Bilingual {
        zh: "推荐材料包（shenbao recommend 生成）只含推荐意见函、汇总表和所推荐材料包的摘要，不含申报内容，不能作为申报材料包受理。",
        en: "A recommendation bundle (written by shenbao recommend) holds the letter, the summary table and the dossiers' digests, not an application; it cannot be taken in as a dossier.",
    },
    bad: "$ shenbao recommend --office 江苏省 --key office.key --trusted-key keys -o inbox/江苏省推荐.zip dossier.zip\n$ shenbao intake --office 江苏省 --trusted-key keys inbox/      # the office's own bundle is in inbox/",
    good: "$ shenbao recommend --office 江苏省 --key office.key --trusted-key keys -o outbox/江苏省推荐.zip dossier.zip\n$ cp dossier.zip outbox/\n$ shenbao verify --trusted-key office.pub --trusted-key applicant.pub outbox/江苏省推荐.zip",
    ..FAMILY
};

/// What the rules of keys and packaging share: they stop the command.
const STOPS: Rule = Rule {
    clause: "",
    could_not_run: true,
    ..FAMILY
};

pub const KEY_WRONG_KIND: Rule = Rule {
    code: "Z022",
    name: "key-wrong-kind",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "给出的是另一种密钥：需要秘密密钥时给了公钥，或需要公钥时给了秘密密钥",
        en: "the other kind of key: a public key where the secret key is needed, or a secret key where a public key is",
    },
    why: Bilingual {
        zh: "`shenbao keygen` 写出一对文件：秘密密钥（.key）用于签名（package、recommend 的 --key），由申报单位或推荐单位自己保管；公钥（.pub）交给受理单位，用于核验（--trusted-key、--trusted-key、--office-key）。两者不能互换。",
        en: "`shenbao keygen` writes a pair: the secret key (.key) signs (--key of package and recommend) and stays with its owner; the public key (.pub) goes to the office and checks signatures (--trusted-key, --trusted-key, --office-key). One cannot stand in for the other.",
    },
    bad: "$ shenbao package --key applicant.pub -o d.zip .      # the public key, not the secret one",
    good: "$ shenbao package --key applicant.key -o d.zip .",
    ..STOPS
};

pub const KEY_UNREADABLE: Rule = Rule {
    code: "Z023",
    name: "key-unreadable",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "密钥文件无法读取（不存在、没有权限、是设备，或给出的文件夹中没有公钥）",
        en: "the key file cannot be read (missing, no permission, a device, or a folder given holds no public key)",
    },
    why: Bilingual {
        zh: "minisign 密钥是几百字节的文本文件。shenbao 只读取普通文件：设备（如 /dev/zero）和管道在读取之前就被拒绝，不会让命令卡住。`--trusted-key` 也可以给出存放公钥的文件夹，其中每个 .pub 文件都是一把受信任的公钥；文件夹中一个 .pub 也没有时同样报告此项。",
        en: "A minisign key is a text file of a few hundred bytes. shenbao reads only regular files: devices (such as /dev/zero) and pipes are refused before anything is read, so the command never hangs on them. `--trusted-key` may also name a folder, each .pub file in it a trusted key; a folder with no .pub file in it is reported here too.",
    },
    bad: "$ mkdir empty\n$ shenbao verify --trusted-key empty dossier.zip      # a folder with no key in it",
    good: "$ shenbao verify --trusted-key keys/applicant.pub dossier.zip",
    ..STOPS
};

pub const KEY_MALFORMED: Rule = Rule {
    code: "Z024",
    name: "key-malformed",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "文件不是 minisign 密钥（格式不对、被截断或已损坏）",
        en: "the file is not a minisign key (wrong format, cut short or damaged)",
    },
    why: Bilingual {
        zh: "minisign 密钥文件有一行注释和一行 base64 编码的密钥，算法标识、长度和校验和都有规定，整个文件不过几百字节（超过 4 KiB 的文件不读）。复制粘贴时截断、被编辑器改动或选错了文件，都无法使用。",
        en: "A minisign key file holds a comment line and a base64 line whose algorithm ids, length and checksum are fixed by the format, a few hundred bytes in all (files over 4 KiB are not read). A key cut short when pasted, changed by an editor, or the wrong file altogether cannot be used.",
    },
    bad: "$ shenbao verify --trusted-key shenbao.yaml dossier.zip",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip",
    ..STOPS
};

pub const KEY_WRONG_PASSWORD: Rule = Rule {
    code: "Z025",
    name: "key-wrong-password",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "密码不对，无法解开秘密密钥",
        en: "the password does not open the secret key",
    },
    why: Bilingual {
        zh: "秘密密钥用生成时设置的密码加密保存（scrypt）。密码不对时解出的密钥校验和不符，无法签名。密码来自环境变量 SHENBAO_PASSWORD，或在终端中输入。",
        en: "The secret key is stored encrypted with the password chosen when it was made (scrypt); with another password its checksum does not match and nothing can be signed. The password comes from SHENBAO_PASSWORD or is typed on the terminal.",
    },
    bad: "$ SHENBAO_PASSWORD=正确的口令 shenbao keygen -o locked\n$ SHENBAO_PASSWORD=猜的口令 shenbao package --key locked.key -o d.zip .",
    good: "$ SHENBAO_PASSWORD=正确的口令 shenbao keygen -o locked\n$ SHENBAO_PASSWORD=正确的口令 shenbao package --key locked.key -o d.zip .",
    ..STOPS
};

pub const KEY_PASSWORD_MISSING: Rule = Rule {
    code: "Z026",
    name: "key-password-missing",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "需要密钥的密码，但无处可得（没有终端，也没有 SHENBAO_PASSWORD）",
        en: "the key's password is needed but cannot be had (no terminal, no SHENBAO_PASSWORD)",
    },
    why: Bilingual {
        zh: "有密码保护的秘密密钥要先输入密码才能签名，生成新密钥时也要设置密码。在脚本或定时任务中运行时没有终端可以输入，此时请用环境变量 SHENBAO_PASSWORD 提供密码；生成自动化用的密钥可以加 --no-password。",
        en: "A password-protected secret key needs its password before it can sign, and a new key needs one to be set. A script or scheduled job has no terminal to type it on: give the password in SHENBAO_PASSWORD, or make keys for automation with --no-password.",
    },
    bad: "$ shenbao keygen -o locked      # from a script: no terminal to ask on, no SHENBAO_PASSWORD",
    good: "$ shenbao keygen --no-password -o unlocked      # or set SHENBAO_PASSWORD",
    ..STOPS
};

pub const ATTACHMENT_UNREADABLE: Rule = Rule {
    code: "Z027",
    name: "attachment-unreadable",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "打包时附件无法读取，或在打包过程中被改动",
        en: "an attachment could not be read while packaging, or changed while it was packaged",
    },
    why: Bilingual {
        zh: "材料包记录每个附件的 SHA-256，纸质申报书上的校验码也由它们算出。附件在打包时读不出来，或在打包过程中被改写、截断（例如还在复制或同步中），打出的包就与文件不符，所以不生成材料包。",
        en: "A dossier records every attachment's SHA-256, from which the paper form's code is computed too. An attachment that cannot be read, or that is rewritten or cut short while it is packaged (still being copied or synced, say), would not match the dossier, so none is written.",
    },
    bad: "$ shenbao package --key applicant.key -o d.zip .      # while attachments/business-licence.pdf is still being copied in",
    good: "$ shenbao package --key applicant.key -o d.zip .      # once every attachment is in place",
    ..STOPS
};

pub const BAG_NOT_WRITTEN: Rule = Rule {
    code: "Z028",
    name: "dossier-not-written",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "材料包写入失败（磁盘已满或文件过大）",
        en: "the dossier could not be written (the disk is full, or the file too large)",
    },
    why: Bilingual {
        zh: "材料包先写入目标文件夹中的临时文件，写完才改名为目标文件。写入中途失败（磁盘或 U 盘已满、文件超过文件系统或系统限制）时删除临时文件，不留下半个材料包。",
        en: "A dossier is written to a temporary file in the target folder and renamed when complete. When writing fails half way (a full disk or USB stick, a file larger than the file system or the system allows) the temporary file is removed: no half dossier is left.",
    },
    bad: "$ prlimit --fsize=100000 shenbao package --key applicant.key -o d.zip .      # room for 100 KB only, as on a full USB stick",
    good: "$ shenbao package --key applicant.key -o d.zip .",
    ..STOPS
};

pub const KEY_NOT_GENERATED: Rule = Rule {
    code: "Z029",
    name: "key-not-generated",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "系统没有提供随机数，无法生成密钥",
        en: "the system gave no random numbers, so no key could be generated",
    },
    why: Bilingual {
        zh: "新密钥和密钥加密用的盐取自操作系统的随机数源。随机数源不可用时不生成任何密钥，以免产生可被猜出的密钥。",
        en: "A new key, and the salt that encrypts it, come from the operating system's random source. When it is unavailable no key is made, rather than one that could be guessed.",
    },
    bad: "$ shenbao keygen --no-password -o new      # on a system whose random source fails",
    good: "$ shenbao keygen --no-password -o new",
    ..STOPS
};

pub const TOO_MANY_FILES: Rule = Rule {
    code: "Z030",
    name: "too-many-files",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "材料包中的文件或清单行数超过上限",
        en: "the dossier holds more files or manifest lines than allowed",
    },
    why: Bilingual {
        zh: "一份材料包只有申报文件、申报书和附件（附件不超过 200 个）。条目或清单行数远超于此的 ZIP 不是 shenbao 生成的，可能意在耗尽受理单位电脑的内存或时间，因此不再读取其余内容。",
        en: "A dossier holds the declaration, the form and the attachments (at most 200). A ZIP with far more entries or manifest lines was not made by shenbao and may be meant to exhaust an office's memory or time, so nothing more of it is read.",
    },
    bad: "$ shenbao verify --trusted-key applicant.pub dossier-long-manifest.zip",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip",
    ..FAMILY
};

pub const NOT_CANONICAL: Rule = Rule {
    code: "Z031",
    name: "not-canonical",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "ZIP 容器不是 shenbao package 生成的规范形式",
        en: "the ZIP container is not in the canonical form shenbao package writes",
    },
    why: Bilingual {
        zh: "shenbao 生成的材料包每个字段都是固定的（版本、标志、时间、权限、偏移、目录大小、无附加字节、顶层文件夹即材料包编号）。任何一处不同，都可能让不同的解压工具解出不同的内容，或说明文件被改动过，因此一律拒绝，并指出是哪个字段、哪个条目。",
        en: "Every field of a dossier shenbao writes is fixed (versions, flags, times, modes, offsets, the directory's size, nothing after the end record, the top folder named by the dossier id). Any difference can make extraction tools disagree about the content, or shows the file was altered, so it is refused, naming the field and the entry.",
    },
    bad: "$ cp dossier.zip dossier-appended.zip\n$ printf 'x' >> dossier-appended.zip      # one byte after the end record\n$ shenbao verify --trusted-key applicant.pub dossier-appended.zip",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip      # as shenbao package wrote it",
    ..FAMILY
};

pub const CONTENTS: Rule = Rule {
    code: "Z032",
    name: "contents-invalid",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "材料包缺少申报书，或含有申报文件未列出的文件",
        en: "the dossier lacks its form, or holds a file the declaration does not list",
    },
    why: Bilingual {
        zh: "shenbao package 把申报文件、生成的申报书和所列附件（只有这些）放入材料包。签名只证明文件出自密钥持有人，不证明内容合规：缺少申报书、申报书不是完好的 PDF，或多出未列出的文件（例如可执行程序），说明材料包不是按规定打包的。所列附件则与申报文件一起按附件规则重新检查（见 Z017）。",
        en: "shenbao package puts the declaration, the form it renders and the listed attachments, and nothing else, into a dossier. A signature proves who made the files, not that they follow the call: a missing form, a form that is not a sound PDF, or an extra file nobody listed (a program, say) means the dossier was not made as the call requires. The listed attachments are checked again with the declaration, by the attachment rules (see Z017).",
    },
    bad: "$ shenbao verify --trusted-key applicant.pub dossier-no-form.zip      # signed by the applicant, without 申报书.pdf",
    good: "$ shenbao verify --trusted-key applicant.pub dossier.zip",
    ..FAMILY
};

pub const RULES: &[Rule] = &[
    NOT_A_ZIP,
    JUNK,
    DUPLICATE,
    UNSAFE_PATH,
    SYMLINK,
    ENCRYPTED,
    METHOD,
    HEADER_MISMATCH,
    SIZE,
    CRC,
    NOT_A_BAG,
    MISSING_FILE,
    EXTRA_FILE,
    HASH,
    SIGNATURE,
    UNTRUSTED_KEY,
    DECLARATION,
    PAPER_CODE,
    FORWARDED_MISSING,
    FORWARDED_CHANGED,
    BUNDLE_NOT_DOSSIER,
    KEY_WRONG_KIND,
    KEY_UNREADABLE,
    KEY_MALFORMED,
    KEY_WRONG_PASSWORD,
    KEY_PASSWORD_MISSING,
    ATTACHMENT_UNREADABLE,
    BAG_NOT_WRITTEN,
    KEY_NOT_GENERATED,
    TOO_MANY_FILES,
    NOT_CANONICAL,
    CONTENTS,
];
