// The page's own words, in Chinese (the default) and English. The fields'
// titles and help come from the declaration schema, the findings' messages
// from the checks: both carry the two languages already.

export const WORDS = {
  title: ["新型信息消费示范项目申报 · shenbao", "Information-consumption demonstration projects · shenbao"],
  loading: ["正在启动……", "Starting…"],
  ready: ["就绪：无需联网，所有内容只在本机处理。", "Ready: nothing leaves this computer; no network is used."],
  startHeading: ["开始申报", "Start"],
  startText: [
    "新建一份申报信息，或打开已有的申报文件夹（含 shenbao.yaml 和附件）。填写时，每个问题会立即显示在对应栏目旁。",
    "Start a new declaration, or open an existing folder (shenbao.yaml and its attachments). Every problem appears beside its field as you type.",
  ],
  new: ["新建申报", "New declaration"],
  openFolder: ["打开文件夹", "Open folder"],
  openFiles: ["打开文件", "Open files"],
  openFilesHint: ["选择 shenbao.yaml 及其附件", "Pick shenbao.yaml and its attachments"],
  save: ["保存 shenbao.yaml", "Save shenbao.yaml"],
  print: ["打印申报书", "Print the form"],
  pack: ["打包签名", "Package and sign"],
  language: ["English", "中文"],
  asOf: ["检查日期", "Check as of"],
  form: ["表单", "Form"],
  raw: ["YAML 原文", "YAML text"],
  rawHelp: [
    "这里是将要保存的 shenbao.yaml 全文，可直接修改；表单中未改动的内容与注释原样保留。",
    "The full shenbao.yaml that will be saved; you may edit it here. What the form does not change keeps its text and comments.",
  ],
  summaryOk: ["检查通过：没有错误。", "Checked: no errors."],
  summaryCount: ["{e} 个错误，{w} 个警告", "{e} error(s), {w} warning(s)"],
  fixAll: ["安全修复 {n} 处（与 validate --fix 相同）", "Apply {n} safe fix(es) (as validate --fix)"],
  fixed: ["已修复 {n} 处。", "{n} fix(es) applied."],
  add: ["＋ 添加", "+ Add"],
  remove: ["删除", "Remove"],
  addFiles: ["＋ 添加附件文件", "+ Add attachment files"],
  pickFile: ["选择文件", "Pick file"],
  fileLoaded: ["文件已载入（{size}）", "file loaded ({size})"],
  fileMissing: ["尚未选择文件", "no file picked yet"],
  yes: ["是", "yes"],
  chooseOne: ["（请选择）", "(choose one)"],
  fitHeading: ["类别契合度", "Category fit"],
  fitDeclared: ["所报类别", "declared"],
  fitBest: ["最契合", "best fit"],
  fitNone: ["尚未填写项目文字，无法判断。", "No project text yet to judge by."],
  notLoaded: [
    "shenbao.yaml 无法解析，表单暂不可用；请在“YAML 原文”中按提示修改。",
    "shenbao.yaml cannot be parsed, so the form is unavailable; fix it in “YAML text” as the findings say.",
  ],
  editFailed: ["无法写入该栏目：{why}", "Could not write this field: {why}"],
  saved: ["已保存到所选文件夹：shenbao.yaml", "Saved to the chosen folder: shenbao.yaml"],
  downloaded: ["已下载 {name}", "Downloaded {name}"],
  savedAttachments: ["（以及 {n} 个新附件）", " (and {n} new attachment(s))"],
  downloadHint: [
    "浏览器不允许写回文件夹，已下载 shenbao.yaml；请把它与附件放在同一文件夹。",
    "This browser cannot write to the folder, so shenbao.yaml was downloaded; keep it beside the attachments.",
  ],
  blocked: ["有错误未解决，无法生成：", "There are errors to fix first:"],
  printHeading: ["申报书预览", "The application form"],
  openPdf: ["在新窗口打开并打印", "Open in a new window to print"],
  downloadPdf: ["下载 申报书.pdf", "Download 申报书.pdf"],
  close: ["关闭", "Close"],
  packHeading: ["打包签名", "Package and sign"],
  packText: [
    "用申报单位的秘密密钥签名。没有密钥时可在此生成：请妥善保管秘密密钥（.key），把公钥（.pub）交给推荐单位。",
    "The dossier is signed with the applicant's secret key. Without one, make it here: keep the secret key (.key) safe and give the public key (.pub) to the recommending office.",
  ],
  keyFile: ["秘密密钥文件（.key）", "Secret key file (.key)"],
  password: ["密钥密码", "Key password"],
  newKey: ["生成新密钥", "Make a new key"],
  newPassword: ["新密钥的密码（可留空）", "Password for the new key (may be empty)"],
  keyReady: ["密钥 {id} 已就绪", "Key {id} ready"],
  keyMade: ["已生成并下载密钥 {id}（shenbao.key、shenbao.pub）", "Key {id} made and downloaded (shenbao.key, shenbao.pub)"],
  packNow: ["生成签名申报包", "Make the signed dossier"],
  noKey: ["请先选择或生成密钥。", "Pick or make a key first."],
  wrongFile: ["这不是 shenbao.yaml 申报文件夹：未找到 shenbao.yaml。", "This is not a declaration folder: no shenbao.yaml in it."],
  line: ["第 {n} 行", "line {n}"],
};

export function word(lang, key, values = {}) {
  const pair = WORDS[key];
  let text = pair ? pair[lang === "en" ? 1 : 0] : key;
  for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

// A schema description is "中文 / English": the half for the language.
export function half(text, lang) {
  if (!text) return "";
  const at = text.indexOf(" / ");
  if (at < 0) return text;
  return lang === "en" ? text.slice(at + 3) : text.slice(0, at);
}

// A bilingual message from the checks ({ zh, en }).
export function says(text, lang) {
  if (!text) return "";
  if (typeof text === "string") return text;
  return lang === "en" ? text.en : text.zh;
}
