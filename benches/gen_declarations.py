#!/usr/bin/env python3
"""Write a corpus of valid, varied shenbao declarations for benchmarks.

    python3 benches/gen_declarations.py OUT_DIR [N=10000] [--seed S]

writes OUT_DIR/00000/shenbao.yaml ... OUT_DIR/<N-1>/shenbao.yaml, each folder
self-contained (its attachments are under OUT_DIR/NNNNN/attachments/, hard
links to one copy of the example files when the file system allows, copies
otherwise). The same seed gives byte-identical declarations.

About half the declarations start from one of the four passing examples
(examples/*/shenbao.yaml, read with a small loader for the block-YAML subset
they use, so dates stay strings) with a new company, people, district, credit
code, figures and dates substituted consistently through the text; the other
half are written from category templates for the six categories the examples
do not cover. Narrative sections are trimmed or extended so that file sizes
range over roughly 4-16 KB. Every declaration keeps the invariants the
examples document (examples/README.md): a `91` credit code whose region is
inside the recommender's area with correct GB 11714 and GB 32100 check
characters, established < start_date < launch_date < submission.date <=
2021-03-31 (or the recommender's earlier internal deadline), completed
investment <= total, every commitment true and signed by
the legal representative, narrative sections of at least 150 characters whose
figures match project.metrics. OUT_DIR/.gen-complete records N, the seed
and the generator's SHA-256 once every file is written.

Standard library only; Python 3.8+.
"""

import argparse
import hashlib
import datetime as dt
import json
import os
import random
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"

# --------------------------------------------------------------------------
# Credit codes: GB 32100-2015 with a GB 11714 organisation code inside.

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def org_check(body8):
    """GB 11714 check character for an 8-character organisation code body."""
    total = 0
    for ch, w in zip(body8, ORG_WEIGHTS):
        v = int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10
        total += v * w
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def uscc_check(body17):
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(body17, USCC_WEIGHTS))
    c = 31 - total % 31
    return USCC_ALPHABET[0 if c == 31 else c]


def uscc_valid(code):
    if len(code) != 18 or any(ch not in USCC_ALPHABET for ch in code):
        return False
    return uscc_check(code[:17]) == code[17] and org_check(code[8:16]) == code[16]


def make_credit_code(rng, region6):
    if rng.random() < 0.45:  # post-2015 registrations: MA + 6
        body = "MA" + "".join(rng.choice(USCC_ALPHABET) for _ in range(6))
    else:
        body = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
    org = body + org_check(body)
    code17 = "91" + region6 + org
    code = code17 + uscc_check(code17)
    assert uscc_valid(code), code
    return code


# --------------------------------------------------------------------------
# Regions (GB/T 2260, year-end 2020) and recommending bodies.

# code6, province, city, district, postal code, area code
REGIONS = [
    ("320102", "江苏省", "南京市", "玄武区", "210018", "025"),
    ("320104", "江苏省", "南京市", "秦淮区", "210001", "025"),
    ("320105", "江苏省", "南京市", "建邺区", "210019", "025"),
    ("320106", "江苏省", "南京市", "鼓楼区", "210009", "025"),
    ("320111", "江苏省", "南京市", "浦口区", "211800", "025"),
    ("320113", "江苏省", "南京市", "栖霞区", "210046", "025"),
    ("320114", "江苏省", "南京市", "雨花台区", "210012", "025"),
    ("320115", "江苏省", "南京市", "江宁区", "211100", "025"),
    ("320211", "江苏省", "无锡市", "滨湖区", "214071", "0510"),
    ("320213", "江苏省", "无锡市", "梁溪区", "214000", "0510"),
    ("320214", "江苏省", "无锡市", "新吴区", "214028", "0510"),
    ("320411", "江苏省", "常州市", "新北区", "213022", "0519"),
    ("320412", "江苏省", "常州市", "武进区", "213161", "0519"),
    ("320505", "江苏省", "苏州市", "虎丘区", "215011", "0512"),
    ("320506", "江苏省", "苏州市", "吴中区", "215100", "0512"),
    ("320507", "江苏省", "苏州市", "相城区", "215131", "0512"),
    ("320508", "江苏省", "苏州市", "姑苏区", "215031", "0512"),
    ("330105", "浙江省", "杭州市", "拱墅区", "310011", "0571"),
    ("330106", "浙江省", "杭州市", "西湖区", "310012", "0571"),
    ("330108", "浙江省", "杭州市", "滨江区", "310051", "0571"),
    ("330110", "浙江省", "杭州市", "余杭区", "311100", "0571"),
    ("330302", "浙江省", "温州市", "鹿城区", "325000", "0577"),
    ("330602", "浙江省", "绍兴市", "越城区", "312000", "0575"),
    ("330203", "浙江省", "宁波市", "海曙区", "315000", "0574"),
    ("330205", "浙江省", "宁波市", "江北区", "315020", "0574"),
    ("330206", "浙江省", "宁波市", "北仑区", "315800", "0574"),
    ("330211", "浙江省", "宁波市", "镇海区", "315200", "0574"),
    ("330212", "浙江省", "宁波市", "鄞州区", "315100", "0574"),
    ("440105", "广东省", "广州市", "海珠区", "510220", "020"),
    ("440106", "广东省", "广州市", "天河区", "510620", "020"),
    ("440112", "广东省", "广州市", "黄埔区", "510530", "020"),
    ("440604", "广东省", "佛山市", "禅城区", "528000", "0757"),
    ("440606", "广东省", "佛山市", "顺德区", "528300", "0757"),
    ("440402", "广东省", "珠海市", "香洲区", "519000", "0756"),
    ("440304", "广东省", "深圳市", "福田区", "518000", "0755"),
    ("440305", "广东省", "深圳市", "南山区", "518052", "0755"),
    ("440306", "广东省", "深圳市", "宝安区", "518101", "0755"),
    ("440307", "广东省", "深圳市", "龙岗区", "518172", "0755"),
    ("370102", "山东省", "济南市", "历下区", "250011", "0531"),
    ("370112", "山东省", "济南市", "历城区", "250100", "0531"),
    ("370602", "山东省", "烟台市", "芝罘区", "264000", "0535"),
    ("370702", "山东省", "潍坊市", "潍城区", "261000", "0536"),
    ("370202", "山东省", "青岛市", "市南区", "266001", "0532"),
    ("370211", "山东省", "青岛市", "黄岛区", "266500", "0532"),
    ("370212", "山东省", "青岛市", "崂山区", "266100", "0532"),
    ("350102", "福建省", "福州市", "鼓楼区", "350001", "0591"),
    ("350104", "福建省", "福州市", "仓山区", "350007", "0591"),
    ("350503", "福建省", "泉州市", "丰泽区", "362000", "0595"),
    ("350203", "福建省", "厦门市", "思明区", "361001", "0592"),
    ("350206", "福建省", "厦门市", "湖里区", "361006", "0592"),
    ("350211", "福建省", "厦门市", "集美区", "361021", "0592"),
    ("210202", "辽宁省", "大连市", "中山区", "116001", "0411"),
    ("210204", "辽宁省", "大连市", "沙河口区", "116021", "0411"),
    ("210211", "辽宁省", "大连市", "甘井子区", "116033", "0411"),
    ("510104", "四川省", "成都市", "锦江区", "610021", "028"),
    ("510105", "四川省", "成都市", "青羊区", "610031", "028"),
    ("510106", "四川省", "成都市", "金牛区", "610036", "028"),
    ("510107", "四川省", "成都市", "武侯区", "610041", "028"),
    ("510108", "四川省", "成都市", "成华区", "610051", "028"),
    ("510703", "四川省", "绵阳市", "涪城区", "621000", "0816"),
    ("420106", "湖北省", "武汉市", "武昌区", "430061", "027"),
    ("420111", "湖北省", "武汉市", "洪山区", "430070", "027"),
    ("420502", "湖北省", "宜昌市", "西陵区", "443000", "0717"),
    ("340102", "安徽省", "合肥市", "瑶海区", "230011", "0551"),
    ("340103", "安徽省", "合肥市", "庐阳区", "230001", "0551"),
    ("340104", "安徽省", "合肥市", "蜀山区", "230031", "0551"),
    ("340111", "安徽省", "合肥市", "包河区", "230041", "0551"),
    ("340202", "安徽省", "芜湖市", "镜湖区", "241000", "0553"),
    ("410102", "河南省", "郑州市", "中原区", "450007", "0371"),
    ("410105", "河南省", "郑州市", "金水区", "450003", "0371"),
    ("430104", "湖南省", "长沙市", "岳麓区", "410006", "0731"),
    ("430105", "湖南省", "长沙市", "开福区", "410008", "0731"),
    ("110101", "北京市", "北京市", "东城区", "100010", "010"),
    ("110102", "北京市", "北京市", "西城区", "100032", "010"),
    ("110105", "北京市", "北京市", "朝阳区", "100020", "010"),
    ("110106", "北京市", "北京市", "丰台区", "100071", "010"),
    ("110108", "北京市", "北京市", "海淀区", "100080", "010"),
    ("310104", "上海市", "上海市", "徐汇区", "200030", "021"),
    ("310105", "上海市", "上海市", "长宁区", "200050", "021"),
    ("310107", "上海市", "上海市", "普陀区", "200333", "021"),
    ("310112", "上海市", "上海市", "闵行区", "201100", "021"),
    ("310115", "上海市", "上海市", "浦东新区", "200120", "021"),
    ("120104", "天津市", "天津市", "南开区", "300100", "022"),
    ("120116", "天津市", "天津市", "滨海新区", "300450", "022"),
    ("500103", "重庆市", "重庆市", "渝中区", "400010", "023"),
    ("500107", "重庆市", "重庆市", "九龙坡区", "400050", "023"),
    ("500112", "重庆市", "重庆市", "渝北区", "401120", "023"),
    ("450103", "广西壮族自治区", "南宁市", "青秀区", "530022", "0771"),
    ("450107", "广西壮族自治区", "南宁市", "西乡塘区", "530001", "0771"),
    ("640104", "宁夏回族自治区", "银川市", "兴庆区", "750001", "0951"),
    ("640106", "宁夏回族自治区", "银川市", "金凤区", "750002", "0951"),
    ("150102", "内蒙古自治区", "呼和浩特市", "新城区", "010050", "0471"),
    ("150105", "内蒙古自治区", "呼和浩特市", "赛罕区", "010020", "0471"),
    ("659001", "新疆维吾尔自治区", "", "石河子市", "832000", "0993"),
]
REGION_BY_CODE = {r[0]: r for r in REGIONS}

CENTRAL_ENTERPRISES = [
    "中国电子信息产业集团有限公司",
    "中国电子科技集团有限公司",
    "中国电信集团有限公司",
    "中国移动通信集团有限公司",
    "中国联合网络通信集团有限公司",
    "中国信息通信科技集团有限公司",
]

# kind, name, department (None: omitted), via, region-code prefixes, excluded prefixes
RECOMMENDERS = [
    ("province", "江苏省", "江苏省工业和信息化厅", None, ["32"], []),
    ("province", "浙江省", "浙江省经济和信息化厅", None, ["33"], ["3302"]),
    ("province", "广东省", "广东省工业和信息化厅", None, ["44"], ["4403"]),
    ("province", "山东省", "山东省工业和信息化厅", None, ["37"], ["3702"]),
    ("province", "福建省", "福建省工业和信息化厅", None, ["35"], ["3502"]),
    ("province", "四川省", "四川省经济和信息化厅", None, ["51"], []),
    ("province", "湖北省", "湖北省经济和信息化厅", None, ["42"], []),
    ("province", "安徽省", "安徽省经济和信息化厅", None, ["34"], []),
    ("province", "河南省", "河南省工业和信息化厅", None, ["41"], []),
    ("province", "湖南省", "湖南省工业和信息化厅", None, ["43"], []),
    ("municipality", "北京市", "北京市经济和信息化局", None, ["11"], []),
    ("municipality", "上海市", "上海市经济和信息化委员会", None, ["31"], []),
    ("municipality", "天津市", "天津市工业和信息化局", None, ["12"], []),
    ("municipality", "重庆市", "重庆市经济和信息化委员会", None, ["50"], []),
    ("separately_planned_city", "宁波市", "宁波市经济和信息化局", None, ["3302"], []),
    ("separately_planned_city", "深圳市", "深圳市工业和信息化局", None, ["4403"], []),
    ("separately_planned_city", "青岛市", "青岛市工业和信息化局", None, ["3702"], []),
    ("separately_planned_city", "厦门市", "厦门市工业和信息化局", None, ["3502"], []),
    ("separately_planned_city", "大连市", "大连市工业和信息化局", None, ["2102"], []),
    ("autonomous_region", "广西壮族自治区", "广西壮族自治区工业和信息化厅", None, ["45"], []),
    ("autonomous_region", "宁夏回族自治区", "宁夏回族自治区工业和信息化厅", None, ["64"], []),
    ("autonomous_region", "内蒙古自治区", "内蒙古自治区工业和信息化厅", None, ["15"], []),
    ("xpcc", "新疆生产建设兵团", "新疆生产建设兵团工业和信息化局", None, ["6590"], []),
    ("demonstration_city", "合肥市", "合肥市经济和信息化局", "安徽省", ["3401"], []),
    ("central_enterprise", None, None, None, [""], []),
]


def regions_for(prefixes, excluded=()):
    return [
        r for r in REGIONS
        if any(r[0].startswith(p) for p in prefixes) and not any(r[0].startswith(e) for e in excluded)
    ]


# --------------------------------------------------------------------------
# People, brands, streets.

SURNAMES = [
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"),
    ("马", "ma"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("林", "lin"),
    ("罗", "luo"), ("高", "gao"), ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"),
    ("唐", "tang"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"), ("彭", "peng"),
    ("曾", "zeng"), ("田", "tian"), ("董", "dong"), ("潘", "pan"), ("袁", "yuan"), ("蒋", "jiang"),
    ("蔡", "cai"), ("余", "yu"), ("杜", "du"), ("叶", "ye"), ("程", "cheng"), ("魏", "wei"),
    ("苏", "su"), ("丁", "ding"), ("沈", "shen"), ("任", "ren"), ("姚", "yao"), ("卢", "lu"),
    ("钟", "zhong"), ("崔", "cui"), ("谭", "tan"), ("陆", "lu"), ("范", "fan"), ("汪", "wang"),
    ("廖", "liao"), ("石", "shi"), ("金", "jin"), ("贾", "jia"), ("夏", "xia"), ("方", "fang"),
    ("邹", "zou"), ("熊", "xiong"), ("白", "bai"), ("孟", "meng"), ("秦", "qin"), ("邱", "qiu"),
    ("侯", "hou"), ("江", "jiang"), ("薛", "xue"), ("段", "duan"), ("雷", "lei"), ("龙", "long"),
    ("陶", "tao"), ("贺", "he"), ("顾", "gu"), ("龚", "gong"), ("邵", "shao"), ("钱", "qian"),
    ("戴", "dai"), ("严", "yan"), ("孔", "kong"), ("常", "chang"),
]
GIVEN = [
    ("立", "li"), ("衡", "heng"), ("婧", "jing"), ("清", "qing"), ("远", "yuan"), ("佳", "jia"),
    ("明", "ming"), ("川", "chuan"), ("蕾", "lei"), ("嘉", "jia"), ("宁", "ning"), ("悦", "yue"),
    ("晓", "xiao"), ("燕", "yan"), ("伟", "wei"), ("芳", "fang"), ("敏", "min"), ("静", "jing"),
    ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("杰", "jie"),
    ("涛", "tao"), ("超", "chao"), ("霞", "xia"), ("平", "ping"), ("文", "wen"), ("华", "hua"),
    ("建", "jian"), ("志", "zhi"), ("海", "hai"), ("鹏", "peng"), ("飞", "fei"), ("宇", "yu"),
    ("浩", "hao"), ("凯", "kai"), ("琳", "lin"), ("雪", "xue"), ("欣", "xin"), ("怡", "yi"),
    ("思", "si"), ("博", "bo"), ("辰", "chen"), ("航", "hang"), ("晨", "chen"), ("阳", "yang"),
    ("彤", "tong"), ("瑶", "yao"), ("颖", "ying"), ("楠", "nan"), ("哲", "zhe"), ("睿", "rui"),
    ("泽", "ze"), ("昊", "hao"), ("鑫", "xin"), ("斌", "bin"), ("峰", "feng"), ("辉", "hui"),
    ("俊", "jun"), ("亮", "liang"), ("毅", "yi"), ("诚", "cheng"), ("健", "jian"), ("晶", "jing"),
    ("莉", "li"), ("玲", "ling"), ("丹", "dan"), ("慧", "hui"), ("婷", "ting"), ("倩", "qian"),
    ("蓉", "rong"), ("梅", "mei"), ("岚", "lan"), ("翔", "xiang"), ("松", "song"), ("舟", "zhou"),
]
BRAND = [
    ("澄", "cheng"), ("衡", "heng"), ("明", "ming"), ("岚", "lan"), ("衍", "yan"), ("汇", "hui"),
    ("智", "zhi"), ("云", "yun"), ("启", "qi"), ("航", "hang"), ("星", "xing"), ("辰", "chen"),
    ("睿", "rui"), ("瀚", "han"), ("鼎", "ding"), ("信", "xin"), ("恒", "heng"), ("泰", "tai"),
    ("宇", "yu"), ("联", "lian"), ("创", "chuang"), ("博", "bo"), ("远", "yuan"), ("合", "he"),
    ("易", "yi"), ("锐", "rui"), ("捷", "jie"), ("聚", "ju"), ("安", "an"), ("景", "jing"),
    ("峰", "feng"), ("驰", "chi"), ("卓", "zhuo"), ("越", "yue"), ("凌", "ling"), ("朗", "lang"),
    ("晟", "sheng"), ("昱", "yu"), ("拓", "tuo"), ("微", "wei"), ("芯", "xin"), ("途", "tu"),
    ("迈", "mai"), ("享", "xiang"), ("麒", "qi"), ("鸿", "hong"), ("蓝", "lan"), ("青", "qing"),
    ("禾", "he"), ("嘉", "jia"), ("弘", "hong"), ("图", "tu"), ("数", "shu"), ("衡", "heng"),
]
STREETS = [
    "科技路", "创新大道", "软件园路", "学府路", "长江路", "人民路", "中山路", "建设路", "新华路",
    "文化路", "湖滨路", "高新大道", "信息路", "创业路", "云谷路", "智慧大道", "星光路", "天成路",
    "秀水街", "金桥路", "东湖路", "锦绣大道", "望江路", "青年路",
]
BUILDINGS = ["科技大厦", "创新中心", "信息港", "软件园", "数字产业园", "创业大厦", "国际广场", "智谷"]
TITLES = [
    "市场总监", "技术总监", "项目经理", "产品运营总监", "解决方案部总经理", "运营经理",
    "总经理助理", "战略发展部经理", "综合管理部主任", "研发中心主任", "董事会秘书",
]
PARTNER_TAILS = ["科技有限公司", "信息技术有限公司", "网络科技有限公司", "数据服务有限公司", "电子有限公司"]


def person(rng):
    s, sp = rng.choice(SURNAMES)
    n = rng.choice([1, 2, 2, 2])
    given = rng.sample(GIVEN, n)
    return s + "".join(g for g, _ in given), sp + "".join(p for _, p in given)


def brand(rng):
    """A two-character trade name (字号), its pinyin and initials: 澄衡, chengheng, CH."""
    a, b = rng.sample(BRAND, 2)
    while a[0] == b[0]:
        a, b = rng.sample(BRAND, 2)
    return a[0] + b[0], a[1] + b[1], (a[1][0] + b[1][0]).upper()


def address(rng, region):
    code6, prov, city, district, _, _ = region
    if prov == city:  # municipality
        head = city + district
    elif code6 == "659001":
        head = prov + district
    else:
        head = prov + city + district
    street = rng.choice(STREETS) + f" {rng.randint(1, 2999)} 号"
    tail = rng.choice([
        "",
        f" {rng.randint(1, 12)} 幢",
        f"{rng.choice(BUILDINGS)} {rng.choice('ABCD')} 座 {rng.randint(2, 28)} 层",
        f" {rng.randint(1, 9)} 号楼 {rng.randint(1, 20)} 层",
    ])
    return head + street + tail


def phone(rng, area):
    digits = 8 if len(area) == 3 or area in ("0510", "0512", "0571", "0574", "0551", "0591", "0592", "0531", "0532", "0731", "0371", "0757", "0755") else 7
    num = str(rng.randint(2, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(digits - 1))
    text = f"{area}-{num[:4]} {num[4:]}" if digits == 8 else f"{area}-{num}"
    if rng.random() < 0.15:
        text += "转" + str(rng.randint(800, 8999))
    return text


def mobile(rng):
    return rng.choice(["13", "15", "18", "17", "19"]) + str(rng.randint(0, 9)) + "".join(
        str(rng.randint(0, 9)) for _ in range(8))


# --------------------------------------------------------------------------
# Numbers and dates.

def fmt_num(v):
    """Figures as people write them: 1280, 96.4 (no trailing .0)."""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v)


def decimals_of(v):
    s = repr(v)
    return len(s.split(".")[1]) if "." in s else 0


def scale(v, k):
    """v scaled by k, keeping its number of decimals."""
    d = decimals_of(v)
    if d == 0:
        return max(1, int(round(v * k)))
    return round(v * k, d)


def iso(d):
    return d.isoformat()


def cn_date(d):
    return f"{d.year} 年 {d.month} 月 {d.day} 日"


def parse_date(s):
    return dt.date.fromisoformat(s)


LAST_DAY = dt.date(2021, 3, 31)
# Recommending bodies that collected applications earlier than the call's own
# deadline (the call profile's internal_deadlines).
INTERNAL_DEADLINES = {"湖北省": dt.date(2021, 3, 22)}


# --------------------------------------------------------------------------
# A loader for the block-YAML subset the examples use: mappings, sequences of
# scalars or mappings, |- literal blocks, plain and double-quoted scalars,
# comments. Dates stay strings (YAML 1.2 core schema).

class SubsetError(Exception):
    pass


def _strip_comment(s):
    out, q = [], None
    for i, ch in enumerate(s):
        if q:
            if ch == "\\" and q == '"':
                out.append(ch)
                continue
            if ch == q:
                q = None
        elif ch in "\"'" and (i == 0 or s[i - 1] in " :-"):
            q = ch
        elif ch == "#" and (i == 0 or s[i - 1] == " "):
            break
        out.append(ch)
    return "".join(out).rstrip()


def _scalar(s):
    s = _strip_comment(s).strip()
    if s.startswith('"'):
        return json.loads(s)
    if s.startswith("'"):
        return s[1:-1].replace("''", "'")
    if s in ("true", "True", "TRUE"):
        return True
    if s in ("false", "False", "FALSE"):
        return False
    if s in ("", "~", "null", "Null", "NULL"):
        return None
    if re.fullmatch(r"[-+]?[0-9]+", s):
        return int(s)
    if re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", s):
        return float(s)
    return s


def load_subset(text):
    lines = text.split("\n")

    def indent_of(line):
        return len(line) - len(line.lstrip(" "))

    def significant(i):
        while i < len(lines):
            stripped = lines[i].strip()
            if stripped and not stripped.startswith("#"):
                return i
            i += 1
        return i

    def block(i, ind):
        i = significant(i)
        if lines[i].lstrip().startswith("- ") or lines[i].strip() == "-":
            return seq(i, ind)
        return mapping(i, ind)

    def literal(i, ind):
        body = []
        while i < len(lines) and (not lines[i].strip() or indent_of(lines[i]) > ind):
            body.append(lines[i])
            i += 1
        while body and not body[-1].strip():
            body.pop()
        if not body:
            raise SubsetError("empty literal block")
        bi = indent_of(body[0])
        return "\n".join(l[bi:] for l in body), i

    def value_after(rest, i, ind):
        rest = _strip_comment(rest).strip()
        if rest in ("|-", "|"):
            text, i = literal(i + 1, ind)
            return (text if rest == "|-" else text + "\n"), i
        if rest == "":
            j = significant(i + 1)
            if j < len(lines) and indent_of(lines[j]) > ind:
                return block(j, indent_of(lines[j]))
            if j < len(lines) and indent_of(lines[j]) == ind and lines[j].lstrip().startswith("- "):
                return seq(j, ind)
            return None, i + 1
        return _scalar(rest), i + 1

    def mapping(i, ind):
        out = {}
        while True:
            i = significant(i)
            if i >= len(lines) or indent_of(lines[i]) < ind:
                return out, i
            line = lines[i]
            if indent_of(line) > ind:
                raise SubsetError(f"line {i + 1}: unexpected indentation")
            if line.lstrip().startswith("- "):
                return out, i
            m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*):(?: (.*)|)$", line)
            if not m:
                raise SubsetError(f"line {i + 1}: not a simple `key: value`: {line!r}")
            key = m.group(1)
            if key in out:
                raise SubsetError(f"line {i + 1}: duplicate key {key}")
            out[key], i = value_after(m.group(2) or "", i, ind)

    def seq(i, ind):
        out = []
        while True:
            i = significant(i)
            if i >= len(lines) or indent_of(lines[i]) != ind or not lines[i].lstrip().startswith("- "):
                return out, i
            content = lines[i].lstrip()[2:]
            if re.match(r"[A-Za-z_][A-Za-z0-9_]*:( |$)", content):
                lines[i] = " " * (ind + 2) + content  # the item's first key
                item, i = mapping(i, ind + 2)
                out.append(item)
            else:
                out.append(_scalar(content))
                i += 1

    doc, i = mapping(0, 0)
    if significant(i) < len(lines):
        raise SubsetError(f"line {i + 1}: not understood")
    return doc


# --------------------------------------------------------------------------
# The emitter: block style like the examples, |- for prose, plain scalars where
# YAML 1.1 and 1.2 both read them as the same string, double quotes otherwise.

LITERAL_KEYS = {"profile", "summary", "background", "content", "innovation", "results",
                "replicability", "safeguards"}
QUOTED_KEYS = {"credit_code", "postal_code", "phone", "mobile", "stock_code"}
KEY_COMMENTS = {"finance": "2020 年度，万元", "investment": "万元"}
TOP_BLANK_BEFORE = {"applicant", "project", "narrative", "recommender", "submission",
                    "attachments", "commitments"}


def _plain_ok(s):
    if not s or s != s.strip() or "\n" in s or "\t" in s:
        return False
    if s[0] in "-?:,[]{}#&*!|>'\"%@`":
        return False
    if ": " in s or " #" in s or s.endswith(":"):
        return False
    if re.fullmatch(r"(?i)(y|n|yes|no|on|off|true|false|null|~)", s):
        return False
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return True  # dates are strings under YAML 1.2, as in the examples
    if re.fullmatch(r"[-+.0-9][-+.0-9_:eExXoObB]*", s):
        return False  # would read as a number
    return True


def _scalar_text(key, v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return fmt_num(v)
    if isinstance(v, str):
        if key in QUOTED_KEYS or not _plain_ok(v):
            return json.dumps(v, ensure_ascii=False)
        return v
    raise TypeError(f"cannot emit {v!r}")


def emit(doc, header):
    out = [f"# {line}" if line else "#" for line in header]
    if out:
        out.append("")

    def field(key, v, ind, first_prefix=None):
        pad = " " * ind
        lead = first_prefix if first_prefix is not None else pad
        if isinstance(v, dict):
            head = f"{lead}{key}:"
            if key in KEY_COMMENTS and ind:
                head = f"{head:<21} # {KEY_COMMENTS[key]}"
            out.append(head)
            for k, x in v.items():
                field(k, x, ind + 2)
        elif isinstance(v, list):
            out.append(f"{lead}{key}:")
            for item in v:
                if isinstance(item, dict):
                    first = True
                    for k, x in item.items():
                        field(k, x, ind + 4, first_prefix=" " * (ind + 2) + "- " if first else None)
                        first = False
                else:
                    out.append(f"{pad}  - {_scalar_text(None, item)}")
        elif isinstance(v, str) and key in LITERAL_KEYS:
            out.append(f"{lead}{key}: |-")
            for line in v.split("\n"):
                out.append(f"{pad}  {line}" if line else "")
        else:
            out.append(f"{lead}{key}: {_scalar_text(key, v)}")

    for k, v in doc.items():
        if k in TOP_BLANK_BEFORE:
            out.append("")
        field(k, v, 0)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Prose: sentence handling and generic extension sentences per section.

def sentences(text):
    parts = re.findall(r"[^。；]+[。；]?", text)
    return [p for p in parts if p.strip()]


def trim_to(text, min_chars, rng):
    """The first sentences, at least min_chars long, ending with 。."""
    sents = sentences(text)
    out = ""
    for s in sents:
        out += s
        if len(out) >= min_chars and out[-1] in "。；":
            break
    if out.endswith("；"):
        out = out[:-1] + "。"
    return out


EXTEND = {
    "background": [
        "从行业发展看，随着数字经济规模持续扩大和居民消费结构升级，用户对产品和服务的个性化、便捷化和安全性提出了更高要求，传统业务模式在响应速度、服务覆盖和运营效率等方面已难以满足需要，亟需利用新一代信息技术加以改造提升。",
        "从区域需求看，{city}及周边地区人口密集、产业基础较好，但优质服务资源分布不均衡，基层和偏远地区用户获取服务的渠道有限，城乡之间、不同群体之间的数字化服务差距仍然明显，存在较大的市场空间和改进余地。",
        "从政策环境看，国家和地方先后出台加快新型基础设施建设、促进信息消费扩大升级、推动数字化转型等一系列政策措施，为项目实施提供了良好的政策保障，也对项目的示范带动作用提出了更高的要求。",
        "从企业自身看，{company}多年来深耕相关领域，积累了较为完整的技术储备、客户资源和运营经验，核心团队具有丰富的产品研发和项目实施经历，具备承担本项目并持续运营的能力。",
        "新冠肺炎疫情发生以来，线上办公、无接触服务和远程协作等需求快速增长，用户使用习惯加速转变，既暴露出既有服务体系在应急保障方面的短板，也为新型信息产品和服务的普及创造了有利条件。",
        "项目前期，公司组织技术、市场和运营人员开展了为期数月的专题调研，走访了政府部门、行业协会、重点客户和终端用户，系统梳理了用户痛点和业务需求，形成了需求分析报告和总体建设方案，为项目顺利实施奠定了基础。",
        "与此同时，行业内现有解决方案大多功能单一、标准不一，系统之间数据难以互通，建设和运维成本较高，中小用户难以承受，客观上需要一个开放、易用、可持续运营的整体解决方案。",
        "开展本项目，有利于发挥新一代信息技术对消费升级的带动作用，培育新的消费增长点，也有利于推动相关产业链上下游协同发展，形成技术、产品、服务和应用相互促进的良好局面。",
    ],
    "content": [
        "在技术架构上，项目采用“云—边—端”协同架构：终端侧负责数据采集和就近处理，边缘侧承担实时计算和本地缓存，云端提供统一的数据管理、模型训练和业务编排能力，各层之间通过标准化接口对接，便于后续扩展和升级。",
        "在数据治理上，项目建立了统一的数据标准和元数据管理体系，对采集的数据进行清洗、脱敏、分类分级和质量监控，按照最小必要原则确定数据使用范围，并通过日志审计实现数据全生命周期可追溯。",
        "在系统建设上，项目软件采用微服务和容器化部署方式，核心业务模块均支持水平扩展，关键节点实行双活部署，能够支撑业务量的快速增长；同时提供开放接口和开发工具包，便于合作伙伴接入和二次开发。",
        "在运营服务上，公司组建了专门的运营团队，建立了需求受理、方案设计、部署实施、培训交付和持续运维的标准化服务流程，通过在线客服、电话热线和现场服务相结合的方式为用户提供及时响应。",
        "在产品设计上，项目坚持以用户为中心，针对老年人、残障人士等群体开展适老化和无障碍改造，提供大字体、语音播报、一键求助等功能，降低使用门槛，让更多群体共享数字化发展成果。",
        "在商业模式上，项目采用基础服务与增值服务相结合的方式，基础功能以较低价格面向广大用户提供，增值服务按需订阅、按量计费，并通过与合作伙伴分成实现持续盈利，形成可持续的运营机制。",
        "项目实施分为需求调研、系统研发、试点应用和推广运营四个阶段，每个阶段均设置明确的里程碑和验收标准，由项目管理办公室统筹进度、质量和成本，确保各项建设内容按计划完成。",
        "在安全防护设计上，项目从物理环境、网络通信、计算环境和应用数据等层面落实安全防护措施，部署入侵检测、漏洞扫描和数据防泄漏系统，定期开展渗透测试和应急演练。",
    ],
    "innovation": [
        "此外，项目在研发过程中注重知识产权布局和标准制定，围绕核心技术申请了多项发明专利和软件著作权，并参与了相关团体标准的编制工作，提升了产品的技术壁垒和行业影响力。",
        "在模式创新方面，项目打破了传统的一次性销售模式，通过持续的数据服务和运营服务与用户建立长期合作关系，用户可以按需选择服务内容，降低了一次性投入和使用门槛。",
        "在业态创新方面，项目将线上渠道与线下服务网点有机结合，实现用户需求线上发起、服务资源线下匹配、服务过程全程可视、服务质量在线评价，推动形成线上线下融合的新型服务业态。",
        "在技术集成方面，项目综合运用人工智能、大数据、物联网、云计算和 5G 等技术，针对具体场景进行深度适配和工程化优化，解决了多源数据融合、实时处理和大规模并发访问等关键问题。",
        "在算法方面，项目团队基于大量真实业务数据持续迭代模型，建立了覆盖数据标注、模型训练、效果评估和灰度发布的完整流程，使核心算法的准确率和稳定性不断提升。",
        "在用户体验方面，项目引入用户画像和智能推荐机制，根据用户行为和偏好提供个性化的内容和服务，并通过用户反馈闭环持续改进产品功能和交互设计。",
    ],
    "results": [
        "在经济效益方面，项目带动了上下游配套企业的发展，促进了相关软硬件产品和服务的销售，为合作伙伴创造了新的业务增长点，同时也提升了公司的营业收入和盈利能力。",
        "在社会效益方面，项目提高了公共服务的可及性和便利性，减少了群众办事、就医或消费过程中的时间和交通成本，改善了用户的获得感和满意度，得到了主管部门和用户的广泛认可。",
        "项目还带动了当地就业，直接和间接新增就业岗位数百个，并通过岗位培训提升了从业人员的数字技能水平，为地方数字经济发展储备了人才。",
        "项目建设运营过程中，相关做法先后被地方媒体和行业媒体报道，并在多次行业交流会上作为典型案例进行分享，产生了较好的示范带动效应。",
        "第三方机构对项目开展的用户满意度调查显示，绝大多数受访用户认为项目提供的产品和服务方便易用、响应及时，愿意继续使用并推荐给他人。",
        "疫情防控期间，项目保持稳定运行，为保障用户正常生产生活需要发挥了积极作用，体现了新型信息产品和服务在应急状态下的支撑能力。",
    ],
    "replicability": [
        "项目在实施过程中总结形成了一套覆盖需求分析、方案设计、部署实施、运营维护和效果评估的工作方法，并编制了操作手册和培训教材，新用户可以参照执行，显著降低了推广复制的难度。",
        "项目采用模块化、标准化的产品设计，各功能模块可以按需组合、灵活配置，既能满足大型用户的定制化需求，也能以轻量化方式服务中小用户，适合在不同地区、不同规模的场景推广应用。",
        "下一步，公司将加大研发投入，持续完善产品功能，拓展应用场景，加强与地方政府、行业龙头企业和科研院所的合作，力争在更大范围内推广项目成果。",
        "公司计划依托项目成果建设开放创新中心，向中小企业和开发者开放技术能力和数据服务，带动更多市场主体参与，共同培育信息消费新业态新模式。",
        "项目形成的经验做法对同类地区和同类企业具有较强的借鉴意义，尤其适合在基础设施条件一般、专业人才相对不足的中西部地区和县域推广。",
    ],
    "safeguards": [
        "在组织保障方面，公司成立了由主要负责人任组长的项目领导小组，下设技术研发组、实施交付组、运营服务组和综合保障组，明确职责分工，定期召开协调会议，及时解决项目实施中的问题。",
        "在资金保障方面，项目资金以企业自筹为主，并积极争取银行贷款和地方政策支持，实行专款专用和全过程预算管理，确保资金及时足额到位。",
        "在技术保障方面，公司与高校和科研院所建立了长期合作关系，共同开展关键技术攻关，并建立了完善的研发管理体系和质量管理体系，保障项目技术方案的先进性和可靠性。",
        "在安全保障方面，公司严格落实网络安全法、数据安全和个人信息保护相关法律法规要求，建立了网络安全管理制度和应急响应机制，定期开展安全培训和应急演练。",
        "在人才保障方面，公司通过内部培养和外部引进相结合的方式，打造了一支结构合理、专业素质较高的项目团队，并建立了与项目绩效挂钩的激励机制。",
    ],
}
SECTIONS = ["background", "content", "innovation", "results", "replicability", "safeguards"]


# --------------------------------------------------------------------------
# Category templates for the six categories the examples do not cover.
# {m0}..{m3}: the metrics as written ("1280 台"); {launch}: 2020 年 3 月 16 日.

THEMES = {
    1: dict(
        name="数字创意内容和服务", industry="数字文化科技", domain="culture",
        projects=["{brand}5G+VR 数字文旅云展览服务平台", "基于超高清视频和虚拟现实的{city}数字文博沉浸式体验服务",
                  "{brand}数字创意内容云制作与分发服务平台"],
        keywords=["数字创意", "虚拟现实", "超高清视频", "云展览", "数字文旅", "5G", "沉浸式体验", "数字内容", "文化消费", "云渲染"],
        metrics=[("上线数字展览和虚拟展厅", (60, 400), 0, "个"), ("累计访问用户", (50, 900), 1, "万人次"),
                 ("数字内容资源", (2000, 20000), 0, "小时"), ("2020 年平台营业收入", (800, 9000), 0, "万元")],
        business="专注于数字文化内容制作、虚拟现实技术研发和文旅数字化运营服务",
        summary="项目利用 5G、超高清视频、虚拟现实和云渲染技术，建设面向博物馆、美术馆、景区和文化场馆的数字创意内容云平台，提供数字化采集、三维建模、云展览、线上导览和沉浸式互动体验服务，推动优秀文化资源数字化传播，丰富群众数字文化消费。平台已上线数字展览和虚拟展厅 {m0}，累计访问用户 {m1}。",
        background="近年来，群众对高品质数字文化内容的需求快速增长，但大量博物馆、美术馆和文化场馆的藏品、展览仍以线下展示为主，数字化程度不高，展览周期短、受众面窄，中小场馆缺乏数字化采集和内容制作能力。新冠肺炎疫情期间，文化场馆阶段性闭馆，“云看展”“云旅游”需求集中释放，暴露出数字内容供给不足的问题。《指南》“数字创意内容和服务”方向支持发展虚拟现实、超高清视频等数字创意内容和服务，本项目正是围绕这一需求实施的。",
        content="项目建设内容包括：（1）数字化采集中心，配置高精度三维扫描、全景拍摄和 8K 超高清拍摄设备，为文化场馆提供藏品和展陈的数字化采集服务；（2）数字内容云制作平台，提供三维建模、虚拟展厅搭建、云渲染和内容审核工具，已积累数字内容资源 {m2}；（3）云展览与分发平台，支持网页、小程序、VR 头显和大屏等多终端访问，提供线上导览、直播讲解和互动社区功能。运营上采用“场馆合作分成 + 内容授权 + 文创电商”的模式，公司负责平台的建设和运营。",
        innovation="一是轻量化三维重建和云渲染技术，使高精度三维展厅在普通手机上即可流畅浏览，加载时间缩短至 5 秒以内；二是“线上展览 + 线下体验 + 文创消费”一体化模式，线上访问直接导流至线下场馆和文创商城；三是面向中小场馆的低代码展厅搭建工具，场馆工作人员经简单培训即可自主发布数字展览，单个展览制作成本降低约 60%；四是基于用户行为数据的内容推荐，提升了内容触达率和用户黏性。",
        results="平台于 {launch}正式上线，截至 2021 年 2 月 28 日已上线数字展览和虚拟展厅 {m0}，累计访问用户 {m1}，积累数字内容资源 {m2}，合作文化场馆遍及全国多个省份。2020 年平台实现营业收入 {m3}，带动文创产品线上销售和场馆线下客流增长，疫情期间为场馆闭馆不闭展提供了有效支撑，丰富了群众的精神文化生活。",
        replicability="项目形成了“数字化采集—云端制作—多端分发—运营变现”的标准化服务流程和技术规范，平台以 SaaS 方式提供服务，中小文化场馆无需自建机房和技术团队即可在两周内上线数字展览，适合在全国各级博物馆、纪念馆、美术馆和旅游景区推广。下一步将拓展数字非遗、红色文化等内容方向，并探索沉浸式演艺等新业态，力争在 2021 年底前将合作场馆数量翻一番，带动更多文化机构开展数字化转型。",
    ),
    2: dict(
        name="线上线下融合服务", industry="网络科技", domain="retail",
        projects=["{brand}社区生鲜线上线下一体化智慧零售服务平台", "{city}便民生活圈线上线下融合服务平台",
                  "{brand}数字化门店与即时配送协同服务平台"],
        keywords=["线上线下融合", "智慧零售", "社区商业", "即时配送", "数字化门店", "小程序", "供应链", "便民服务", "无接触配送"],
        metrics=[("接入线下门店", (300, 3000), 0, "家"), ("注册用户", (20, 500), 1, "万人"),
                 ("累计订单", (100, 3000), 1, "万单"), ("2020 年平台交易额", (5000, 90000), 0, "万元")],
        business="专注于零售数字化、社区商业和即时配送服务",
        summary="项目面向社区便利店、生鲜门店和餐饮商户，建设集线上商城、门店数字化、智能仓储和即时配送于一体的线上线下融合服务平台，帮助实体门店开展线上销售、社群运营和到家服务，满足居民便捷消费需求。平台已接入线下门店 {m0}，注册用户 {m1}。",
        background="社区商业是居民日常消费的重要载体，但大量社区便利店、生鲜门店和小微商户仍以传统经营方式为主，缺少线上销售渠道和数字化管理工具，库存周转慢、损耗率高，难以应对大型电商平台的竞争。新冠肺炎疫情期间，居民对线上下单、无接触配送的需求急剧上升，实体门店数字化转型的紧迫性更加凸显。《指南》“线上线下融合服务”方向支持发展线上线下融合的新型消费模式，推动实体商业数字化转型，本项目据此实施。",
        content="项目建设内容包括：（1）门店数字化系统，为门店提供智能收银、会员管理、商品管理和经营分析工具；（2）线上商城和社群运营工具，支持小程序下单、社区拼团和直播带货；（3）智能仓储和即时配送系统，建设区域前置仓，通过算法调度实现 30 分钟送达；（4）供应链协同平台，对接上游产地和品牌商，实现集中采购和按需补货。运营上采用“软件服务费 + 交易佣金 + 供应链服务”的模式，平台累计处理订单 {m2}。",
        innovation="一是“门店即前置仓”模式，以社区门店为履约节点，线上订单就近分配、就近配送，配送成本较传统模式降低约 30%；二是基于销售数据的智能补货和动态定价算法，门店生鲜损耗率平均下降 40%；三是线上线下一体化会员体系，消费者在门店和线上的积分、权益互通；四是无接触配送和智能取货柜相结合，疫情期间保障了居民生活物资供应。",
        results="平台于 {launch}上线运营，截至 2021 年 2 月 28 日已接入线下门店 {m0}，注册用户 {m1}，累计处理订单 {m2}，2020 年平台交易额 {m3}。接入门店线上销售占比平均提升至 35% 以上，单店月均营业额增长 18%，带动配送、仓储等就业岗位 1000 余个。疫情期间平台保障了数十万户居民的生活物资供应，得到了社区和居民的好评。",
        replicability="项目形成了“数字化门店 + 前置仓 + 即时配送”的标准化解决方案，门店接入只需一台智能收银终端，三天内即可开通线上业务，适合在各地社区商业、县城商业街和乡镇集市推广。下一步将拓展餐饮、家政、维修等社区生活服务，建设“一刻钟便民生活圈”数字化服务平台，并向更多城市复制推广，计划到 2021 年底接入门店数量再增加一倍，让更多社区居民享受便捷的线上线下融合服务。",
    ),
    4: dict(
        name="数字惠民服务", industry="信息技术", domain="care",
        projects=["{brand}智慧养老与数字助老综合服务平台", "{city}居家养老智能呼叫与健康监测服务平台",
                  "面向老年人的{brand}适老化智能终端与服务平台"],
        keywords=["智慧养老", "适老化", "数字助老", "智能终端", "居家养老", "紧急呼叫", "健康监测", "数字惠民", "社区服务"],
        metrics=[("服务老年人", (1, 30), 1, "万人"), ("覆盖社区", (50, 900), 0, "个"),
                 ("累计提供上门服务", (5, 200), 1, "万人次"), ("2020 年平台服务收入", (500, 6000), 0, "万元")],
        business="专注于智慧养老、健康信息服务和社区数字化服务",
        summary="项目面向居家和社区老年人，建设集智能呼叫终端、健康监测设备、养老服务平台和线下服务网络于一体的智慧养老服务体系，提供紧急救助、健康管理、生活照料和数字助老培训等服务，帮助老年人跨越数字鸿沟。平台已服务老年人 {m0}，覆盖社区 {m1}。",
        background="我国人口老龄化程度不断加深，独居、空巢老年人数量持续增长，老年人在紧急救助、健康管理和日常生活照料方面的需求日益迫切。同时，许多老年人不会使用智能手机，在出行、就医、消费等场景中遇到“数字鸿沟”问题。现有养老服务资源分散，供需对接不畅，服务质量难以监管。《指南》“数字惠民服务”方向支持发展面向老年人等特殊群体的数字化服务和适老化产品，本项目即围绕上述需求实施。",
        content="项目建设内容包括：（1）适老化智能终端，包括一键呼叫电话、智能手环、跌倒报警器和智能烟感等设备，操作简单、语音提示清晰；（2）智慧养老服务平台，汇聚老年人基本信息、健康数据和服务需求，实现需求受理、服务派单、过程监管和满意度评价全流程管理；（3）线下服务网络，整合社区养老服务站、家政和医疗机构资源，提供上门服务；（4）数字助老课堂，开展智能手机使用培训。项目累计提供上门服务 {m2}。",
        innovation="一是“智能终端 + 平台 + 服务网络”一体化模式，终端数据实时接入平台，异常情况自动预警并派单处置，紧急呼叫平均响应时间缩短至 3 分钟以内；二是适老化交互设计，终端和应用均支持大字体、语音交互和亲属远程协助；三是基于健康数据的风险评估模型，实现慢病风险早发现、早干预；四是政府购买服务与市场化服务相结合，保障基本服务的同时提供个性化增值服务。",
        results="平台于 {launch}上线运行，截至 2021 年 2 月 28 日已服务老年人 {m0}，覆盖社区 {m1}，累计提供上门服务 {m2}，成功处置老年人紧急求助 3000 余次。2020 年平台实现服务收入 {m3}，带动社区养老服务从业人员就业 800 余人。数字助老课堂累计培训老年人 2 万余人次，老年人及家属满意度保持在 95% 以上。",
        replicability="项目形成了“政府引导、企业运营、社区参与”的智慧养老服务模式和标准化服务规范，平台支持按区县、街道分级部署，新社区接入周期约 2 周，适合在老龄化程度较高的城市社区和农村地区推广。下一步将接入更多医疗机构和康复服务资源，拓展认知症照护、助餐助浴等服务，并向周边城市复制推广，同时与高校合作编制智慧养老服务标准，培养专业化的养老服务人才队伍，推动形成可持续的运营机制。",
    ),
    5: dict(
        name="电子商务平台服务", industry="电子商务", domain="ec",
        projects=["{brand}县域农产品直播电商综合服务平台", "{city}跨境电商与数字贸易综合服务平台",
                  "{brand}产业带源头工厂电子商务服务平台"],
        keywords=["电子商务", "直播电商", "农产品上行", "跨境电商", "县域经济", "品牌培育", "供应链", "数字贸易", "乡村振兴"],
        metrics=[("入驻商家", (300, 5000), 0, "家"), ("带动农户和中小生产者", (2000, 60000), 0, "户"),
                 ("开展直播", (1000, 30000), 0, "场"), ("2020 年平台交易额", (1, 30), 1, "亿元")],
        business="专注于电子商务平台运营、直播电商服务和供应链管理",
        summary="项目面向县域特色产业和中小生产者，建设集商品上行、直播电商、品牌培育、供应链管理和人才培训于一体的电子商务综合服务平台，帮助农产品和产业带商品拓宽线上销售渠道，促进城乡消费双向流通。平台已入驻商家 {m0}，带动农户和中小生产者 {m1}。",
        background="县域特色农产品和产业带商品品质好、种类多，但长期存在品牌弱、渠道少、标准化程度低和物流成本高等问题，中小生产者缺少电商运营能力，难以对接全国大市场。近年来直播电商快速兴起，为县域商品上行提供了新的机遇，但也存在主播能力参差不齐、售后服务不完善、产品质量难以追溯等问题。《指南》“电子商务平台服务”方向支持发展电子商务平台，促进线上线下消费融合，本项目据此实施。",
        content="项目建设内容包括：（1）电商综合服务平台，提供商品上架、订单管理、营销推广和数据分析服务；（2）直播电商基地，建设直播间和选品中心，培育本地主播团队，已开展直播 {m2}；（3）供应链服务中心，建设产地仓和分拣包装线，统一质量标准和溯源编码；（4）电商人才培训，面向返乡青年和农户开展电商技能培训。运营上采用“平台服务费 + 供应链服务 + 品牌营销”的模式。",
        innovation="一是“产地仓 + 直播基地 + 平台”一体化模式，缩短流通环节，农户收入平均提升 20% 以上；二是商品质量溯源体系，消费者扫码即可查看产地、检测和物流信息；三是基于销售数据的选品和定价模型，帮助生产者按需生产，减少滞销；四是区域公共品牌培育机制，统一包装设计、质量标准和营销推广，提升县域商品品牌溢价能力，多个区域公共品牌的线上销售额实现成倍增长。",
        results="平台于 {launch}上线运营，截至 2021 年 2 月 28 日已入驻商家 {m0}，带动农户和中小生产者 {m1}，开展直播 {m2}，2020 年平台交易额 {m3}。培育本地主播和电商从业人员 1500 余人，带动仓储、物流和包装等就业岗位 2000 余个，多款县域特色商品成为线上畅销品，有力促进了乡村振兴和农民增收。",
        replicability="项目形成了“平台 + 基地 + 供应链 + 人才”的县域电商发展模式和标准化运营手册，可根据不同县域的产业特点快速复制，新县域从签约到上线平均约 1 个月，适合在中西部农产品主产区推广。下一步将拓展跨境电商业务，推动县域特色商品走向海外市场，并加强冷链物流能力建设，与地方政府共建县域电商公共服务中心，持续培育本地电商人才和区域公共品牌，把项目经验推广到更多县域。",
    ),
    6: dict(
        name="行业信息化服务", industry="工业互联网科技", domain="iiot",
        projects=["面向中小制造企业的{brand}工业互联网云服务平台", "{city}中小企业数字化转型公共服务平台",
                  "{brand}设备上云与智能运维行业信息化服务平台"],
        keywords=["工业互联网", "中小企业", "上云用云", "设备联网", "数字化转型", "SaaS", "智能制造", "行业信息化", "预测性维护"],
        metrics=[("服务企业", (200, 6000), 0, "家"), ("接入工业设备", (0.5, 20), 1, "万台"),
                 ("上线工业 APP", (30, 500), 0, "个"), ("2020 年平台服务收入", (800, 12000), 0, "万元")],
        business="专注于工业互联网平台、工业软件和制造业数字化转型服务",
        summary="项目面向中小制造企业，建设工业互联网云服务平台，提供设备联网、生产管理、质量追溯、能耗管理和预测性维护等 SaaS 应用，以低成本、轻量化方式帮助企业上云用云，提升生产效率和管理水平。平台已服务企业 {m0}，接入工业设备 {m1}。",
        background="中小制造企业是制造业的主体，但普遍存在信息化基础薄弱、资金和人才不足的问题，生产管理依靠纸质单据和人工经验，设备利用率低、质量问题难以追溯。传统工业软件价格高、实施周期长，中小企业“不敢转、不会转”。《指南》“行业信息化服务”方向支持面向重点行业提供信息化解决方案和服务，推动企业上云用云，本项目即围绕中小企业数字化转型需求实施。",
        content="项目建设内容包括：（1）工业互联网云平台，提供设备接入、数据采集、边缘计算和工业数据管理能力，支持 200 余种工业协议；（2）工业 APP 应用商店，已上线工业 APP {m2}，涵盖生产排程、质量管理、设备运维、能耗管理等场景；（3）智能网关和边缘终端，实现老旧设备低成本联网；（4）数字化转型服务中心，为企业提供诊断评估、方案设计和实施培训。运营上采用“按需订阅 + 按效付费”的模式。",
        innovation="一是轻量化上云方案，企业只需部署智能网关即可完成设备联网，单台设备联网成本降至 500 元以内；二是基于机理模型和机器学习的设备预测性维护，设备非计划停机时间平均减少 35%；三是低代码工业 APP 开发环境，企业技术人员可自主开发个性化应用；四是“平台 + 服务商 + 企业”的生态模式，汇聚本地服务商共同提供实施服务。",
        results="平台于 {launch}上线运营，截至 2021 年 2 月 28 日已服务企业 {m0}，接入工业设备 {m1}，上线工业 APP {m2}，2020 年平台实现服务收入 {m3}。上平台企业设备综合效率平均提升 15%，产品不良率平均下降 20%，能耗平均降低 8%，帮助一批中小企业在疫情期间快速复工复产，平台还被地方主管部门列为中小企业数字化转型推荐服务平台。",
        replicability="项目形成了“诊断评估—轻量上云—应用推广—持续优化”的中小企业数字化转型服务路径和行业解决方案包，覆盖机械加工、纺织服装、电子制造等多个行业，可在产业集群地区快速复制。下一步将建设行业级子平台，推动产业链上下游协同，并向更多产业集群推广，计划三年内服务企业数量翻两番，联合地方主管部门开展中小企业数字化转型诊断和培训，降低企业转型门槛。",
    ),
    8: dict(
        name="前沿科技信息产品", industry="智能科技", domain="ai",
        projects=["{brand}基于国产芯片的智能可穿戴健康监测终端", "{brand}多模态 AI 语音交互智能终端",
                  "面向家庭场景的{brand}智能服务机器人"],
        keywords=["人工智能", "可穿戴设备", "智能硬件", "物联网", "国产芯片", "健康监测", "语音交互", "AIoT", "智能家居"],
        metrics=[("累计销售智能终端", (5, 150), 1, "万台"), ("月活跃用户", (3, 120), 1, "万人"),
                 ("连接物联网设备", (10, 500), 1, "万台"), ("2020 年产品销售收入", (1000, 30000), 0, "万元")],
        business="专注于人工智能芯片应用、智能硬件和物联网产品研发",
        summary="项目研发基于国产芯片和人工智能算法的新型智能终端产品及配套 AIoT 云服务，支持语音交互、健康监测和智能家居控制，为家庭和个人用户提供便捷、安全的智能化体验，推动前沿信息技术产品走进日常生活。产品已累计销售智能终端 {m0}，月活跃用户 {m1}。",
        background="人工智能、物联网和新型传感技术快速发展，智能终端正从手机、电脑向可穿戴设备、智能家居和服务机器人等领域延伸，成为信息消费新的增长点。但目前市场上部分产品核心芯片依赖进口，功能同质化严重，设备之间互联互通困难，数据安全和隐私保护也存在隐患。《指南》“前沿科技信息产品”方向支持发展基于新一代信息技术的智能终端产品，本项目据此实施，重点突破核心芯片适配、端侧智能和多设备互联等关键问题。",
        content="项目建设内容包括：（1）研制基于国产低功耗 AI 芯片的智能终端，集成远场语音、生理参数传感和本地推理能力；（2）建设 AIoT 云服务，支持多品牌设备接入和统一控制，已连接物联网设备 {m2}；（3）开发配套手机应用和小程序，提供健康报告、设备管理和家庭成员关怀功能；（4）建设年产 100 万台的智能化生产线。运营上采用“硬件销售 + 增值服务订阅”的模式。",
        innovation="一是端侧 AI 推理，语音唤醒和健康异常识别在本地完成，响应时间小于 300 毫秒，减少用户数据上传；二是多协议融合接入技术，兼容主流物联网通信协议，实现跨品牌设备互联互通；三是基于国产芯片的软硬件协同优化，整机功耗降低 40%，待机时间显著延长；四是产品已获得发明专利和软件著作权多项，核心技术自主可控，整机通过了电磁兼容、电气安全和个人信息保护等第三方检测认证。",
        results="产品于 {launch}上市销售，截至 2021 年 2 月 28 日已累计销售智能终端 {m0}，月活跃用户 {m1}，连接物联网设备 {m2}，2020 年实现产品销售收入 {m3}。产品进入多家电商平台和线下连锁渠道，用户好评率 96% 以上，带动上游芯片、传感器和结构件配套企业新增产值数亿元，并为当地新增研发、生产和售后就业岗位数百个。",
        replicability="项目形成了基于国产芯片的智能终端参考设计和开放接入规范，向合作厂商开放硬件模组和软件开发工具包，可快速衍生出面向老人、儿童和家庭等不同人群的系列产品。下一步将拓展医疗健康、智慧社区等应用场景，推动产品进入海外市场，并持续扩大国产芯片的应用规模，联合产业链上下游企业共建开放实验室和测试认证中心，带动更多中小企业基于同一参考设计快速开发新产品，形成规模效应。",
    ),
}
THEMED_SAFEGUARDS = "公司成立由总经理牵头的项目领导小组，配备研发、产品、运营和售后团队；项目资金以企业自筹为主，已完成投资 {completed} 万元；系统通过网络安全等级保护第三级测评，严格落实数据安全和个人信息保护要求；建立 7×24 小时运维值守和应急响应机制，定期开展安全检查和应急演练，保障项目稳定运行；同时建立客户回访和投诉处理制度，持续提升服务质量和用户满意度。"
THEMED_PROFILE = "{company}成立于 {year} 年，注册资本 {capital} 万元，{business}，是国家高新技术企业。公司现有员工 {employees} 人，其中研发人员 {rd} 人，拥有发明专利 {patents} 项、软件著作权 {copyrights} 项，产品和服务已覆盖全国 {provinces} 个省份。"

# What each example fixes: the brand string(s) in its text, its e-mail domain
# suffix, the regions its narrative allows (its text names the city), the
# recommender choices, the product code derived from the brand.
EXAMPLE_SPECS = {
    "thermal-screening-robot": dict(brands=["澄衡"], domain="robot", product="CH-S3",
                                    regions=["3201", "3202", "3204", "3205"], recommenders=[("province", "江苏省")],
                                    industry="智能机器人"),
    "remote-diagnosis-platform": dict(brands=["明岚"], domain="med", product=None,
                                      regions=["3302"], recommenders=[("separately_planned_city", "宁波市")],
                                      industry="数字医疗科技"),
    "city-brain-platform": dict(brands=["数衍"], domain="city", product=None,
                                regions=["3401"], recommenders=[("demonstration_city", "合肥市")],
                                industry="城市智能科技"),
    "experience-centre": dict(brands=["蓉汇悦享", "蓉汇"], domain="yx", product=None,
                              regions=["5101"], recommenders=[("central_enterprise", None)],
                              industry="数字科技"),
}

LEGAL_FORMS = {
    "有限公司": ["有限责任公司（自然人投资或控股）", "有限责任公司（自然人投资或控股）", "其他有限责任公司",
             "有限责任公司（非自然人投资或控股的法人独资）"],
    "股份有限公司": ["股份有限公司（非上市、自然人投资或控股）", "股份有限公司（非上市）"],
    "listed": ["股份有限公司（上市、自然人投资或控股）", "股份有限公司（上市）"],
}


# --------------------------------------------------------------------------
# Building one declaration.

class Gen:
    def __init__(self, seed, index, examples):
        self.rng = random.Random(f"shenbao-bench:{seed}:{index}")
        self.index = index
        self.examples = examples

    # The parts every declaration draws the same way.
    def recommender_and_region(self, allowed_kinds=None, region_prefixes=None):
        rng = self.rng
        choices = [r for r in RECOMMENDERS if allowed_kinds is None or (r[0], r[1]) in allowed_kinds]
        kind, name, dept, via, prefixes, excluded = rng.choice(choices)
        if kind == "central_enterprise":
            name = rng.choice(CENTRAL_ENTERPRISES)
        pool = regions_for(region_prefixes or prefixes, excluded)
        region = rng.choice(pool)
        rec = {"kind": kind, "name": name}
        if via:
            rec["via"] = via
        if dept and rng.random() < 0.85:
            rec["department"] = dept
        return rec, region

    def dates(self, recommender, est_hint=None, start_hint=None, launch_hint=None):
        rng = self.rng
        last = INTERNAL_DEADLINES.get(recommender["name"], LAST_DAY)
        submission = dt.date(2021, 3, rng.randint(8, last.day))
        signed = submission - dt.timedelta(days=rng.choice([0, 1, 1, 2, 3, 5]))
        if launch_hint:
            launch = launch_hint + dt.timedelta(days=rng.randint(-25, 25))
        else:
            launch = dt.date(2019, 6, 1) + dt.timedelta(days=rng.randint(0, 540))
        if start_hint:
            start = min(start_hint + dt.timedelta(days=rng.randint(-30, 10)), launch - dt.timedelta(days=20))
        else:
            start = launch - dt.timedelta(days=rng.randint(90, 700))
        if est_hint:
            est = est_hint.replace(year=est_hint.year + rng.randint(-4, 1)) + dt.timedelta(days=rng.randint(-100, 100))
        else:
            est = dt.date(rng.randint(2003, 2018), 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        est = min(est, start - dt.timedelta(days=180))
        end = rng.choice([dt.date(2021, 6, 30), dt.date(2021, 9, 30), dt.date(2021, 10, 31),
                          dt.date(2021, 12, 31)]) if rng.random() < 0.85 else None
        assert est < start < launch < submission <= LAST_DAY and signed <= submission
        return est, start, launch, end, submission, signed

    def company(self, industry, city_prefix, brand_cn, listed=False, state_owned=False):
        rng = self.rng
        if state_owned:  # a central enterprise's subsidiary
            listed = False
            kind, form = "有限公司", rng.choice(["其他有限责任公司", "有限责任公司（非自然人投资或控股的法人独资）"])
        else:
            kind = "股份有限公司" if listed or rng.random() < 0.25 else "有限公司"
            form = rng.choice(LEGAL_FORMS["listed" if listed else kind])
        return f"{city_prefix}{brand_cn}{industry}{kind}", form

    def contact(self, area, brand_py, domain):
        rng = self.rng
        name, py = person(rng)
        c = {"name": name}
        if rng.random() < 0.9:
            c["title"] = rng.choice(TITLES)
        c["phone"] = phone(rng, area)
        if rng.random() < 0.85:
            c["mobile"] = mobile(rng)
        c["email"] = f"{py}@{brand_py}-{domain}.example.com"
        return c

    def finance(self, revenue_floor, base=None):
        rng = self.rng
        if base:
            revenue = round(max(base["revenue"] * rng.uniform(0.5, 2.2), revenue_floor * 1.3), 1)
        else:
            revenue = round(max(rng.uniform(800, 60000), revenue_floor * 1.3), 1)
        profit = round(revenue * rng.uniform(-0.08, 0.18), 1)
        rd = round(revenue * rng.uniform(0.05, 0.25), 1)
        return {"revenue": fmt_num_value(revenue), "profit": fmt_num_value(profit), "rd_expense": fmt_num_value(rd)}

    def registration(self, submission):
        return f"XFSF2021-{submission:%m%d}-{self.rng.randint(1, 999):04d}"

    def commitments(self, rep, signed):
        c = {"truthful": True, "social_responsibility": True, "consumer_rights": True,
             "public_interest": True, "signatory": rep}
        if self.rng.random() < 0.9:
            c["date"] = iso(signed)
        return c

    def size_plan(self):
        """How many extension sentences to add; None to trim, "minimal" to
        trim and leave out the optional fields too."""
        r = self.rng.random()
        if r < 0.08:
            return "minimal"
        if r < 0.22:
            return None
        if r < 0.65:
            return self.rng.randint(0, 4)
        return self.rng.randint(5, 32)

    def shape_narrative(self, narrative, plan, fill):
        rng = self.rng
        if plan is None or plan == "minimal":  # short: trim, drop the optional section
            for k in ("background", "content", "innovation", "replicability"):
                narrative[k] = trim_to(narrative[k], 150 + rng.randint(0, 40), rng)
            narrative.pop("safeguards", None)
            return
        picks = []
        for k in SECTIONS:
            if k in narrative:
                picks += [(k, s) for s in EXTEND[k]]
        rng.shuffle(picks)
        chosen = picks[:plan]
        for k in SECTIONS:
            extra = [s for (kk, s) in chosen if kk == k]
            if extra:
                narrative[k] = narrative[k] + "".join(s.format(**fill) for s in extra)

    # ---- from an example
    def from_example(self, name):
        rng = self.rng
        spec = EXAMPLE_SPECS[name]
        base = self.examples[name]
        doc = json.loads(json.dumps(base))  # deep copy
        a, p = doc["applicant"], doc["project"]

        rec, region = self.recommender_and_region(spec["recommenders"], spec["regions"])
        code6, prov, city, district, postal, area = region
        old_region = REGION_BY_CODE[a["credit_code"][2:8]]
        brand_cn, brand_py, initials = brand(rng)
        rep, _ = person(rng)
        listed = rng.random() < 0.08 and rec["kind"] != "central_enterprise"
        company, form = self.company(spec["industry"], city.rstrip("市"), brand_cn, listed,
                                     rec["kind"] == "central_enterprise")

        est, start, launch, end, submission, signed = self.dates(
            rec, parse_date(a["established"]), parse_date(p["start_date"]), parse_date(p["launch_date"]))

        subs = [(a["name"], company), (a["legal_representative"], rep)]
        if len(spec["brands"]) == 2:  # a four-character trade name and its short form
            subs.append((spec["brands"][0], brand_cn + brand(rng)[0]))
        subs.append((spec["brands"][-1], brand_cn))
        if spec["product"]:
            subs.append((spec["product"], f"{initials}-S{rng.randint(2, 9)}"))
        subs.append((old_region[3], district))
        if old_region[2] != city:
            subs.append((old_region[2].rstrip("市"), city.rstrip("市")))
        subs.append((cn_date(parse_date(p["launch_date"])), cn_date(launch)))

        # Figures: company, investment, metrics; every occurrence in the text follows.
        k_company = rng.uniform(0.5, 2.5)
        employees = max(30, int(a["employees"] * k_company))
        rd = max(8, min(employees - 5, int(a["rd_staff"] * k_company * rng.uniform(0.8, 1.2))))
        capital = rng.choice([500, 1000, 1500, 2000, 3000, 5000, 6000, 8000, 10000, 12000, 20000])
        total = int(round(p["investment"]["total"] * rng.uniform(0.5, 2.0), -1))
        completed = int(round(total * rng.uniform(0.45, 1.0), -1))
        regexes = [
            (r"成立于 \d{4} 年", f"成立于 {est.year} 年"),
            (r"注册资本 \d+ 万元", f"注册资本 {capital} 万元"),
            (r"员工 \d+ 人", f"员工 {employees} 人"),
            (r"(研发(与技术服务)?人员) \d+ 人", rf"\1 {rd} 人"),
            (r"已完成投资 \d+ 万元", f"已完成投资 {completed} 万元"),
        ]
        k_metric = rng.uniform(0.6, 1.8)
        figure_subs = {}
        revenue_floor = 0
        for m in p.get("metrics", []):
            v, unit = m["value"], m["unit"]
            if unit == "%":
                nv = round(min(99.9, v + rng.uniform(-4, 2.5)), 1)
            elif unit in ("分钟",):
                nv = max(5, int(v + rng.randint(-6, 6)))
            else:
                nv = scale(v, k_metric)
            old = f"{fmt_num(v)}%" if unit == "%" else f"{fmt_num(v)} {unit}"
            new = f"{fmt_num(nv)}%" if unit == "%" else f"{fmt_num(nv)} {unit}"
            figure_subs[old] = new
            m["value"] = nv
            if unit == "万元":
                revenue_floor = max(revenue_floor, nv)

        def rewrite(s):
            for old, new in subs:
                s = s.replace(old, new)
            for rx, rep_ in regexes:
                s = re.sub(rx, rep_, s)
            if figure_subs:
                rx = "|".join(re.escape(k) for k in sorted(figure_subs, key=len, reverse=True))
                s = re.sub(rf"(?<![0-9.])({rx})", lambda mm: figure_subs[mm.group(1)], s)
            return s

        def walk(v):
            if isinstance(v, dict):
                return {k: walk(x) for k, x in v.items()}
            if isinstance(v, list):
                return [walk(x) for x in v]
            if isinstance(v, str):
                return rewrite(v)
            return v

        metrics = p.get("metrics")
        doc = walk(doc)
        a, p, n = doc["applicant"], doc["project"], doc["narrative"]
        if metrics is not None:
            p["metrics"] = metrics  # values already set; names need no rewrite

        a["credit_code"] = make_credit_code(rng, code6)
        a["legal_form"] = form
        a["ownership"] = "国有" if rec["kind"] == "central_enterprise" else rng.choice(["民营"] * 8 + ["中外合资", "其他"])
        a["established"] = iso(est)
        a["registered_capital"] = capital
        a["address"] = address(rng, region)
        a["postal_code"] = postal
        a["contact"] = self.contact(area, brand_py, spec["domain"])
        a["employees"] = employees
        a["rd_staff"] = rd
        a["finance"] = self.finance(revenue_floor, base["applicant"]["finance"])
        self.set_listed(a, listed)

        p["start_date"] = iso(start)
        p["launch_date"] = iso(launch)
        if end:
            p["end_date"] = iso(end)
        else:
            p.pop("end_date", None)
        p["investment"] = {"total": total, "completed": completed}
        if rng.random() < 0.3:
            cat = p["category"]
            p["category"] = CATEGORY_NAMES[cat - 1] if isinstance(cat, int) else CATEGORY_NAMES.index(cat) + 1
        doc["recommender"] = rec
        doc["submission"] = {"date": iso(submission),
                             "channel": rng.choice(["ems", "confidential_exchange"]),
                             "registration_id": self.registration(submission)}
        # The legal representative as rewritten: a substitution made after the
        # name's own (a trade name inside it) can change it, and the signatory
        # must stay the same person.
        doc["commitments"] = self.commitments(a["legal_representative"], signed)
        fill = {"city": city.rstrip("市") if city else district, "company": company}
        self.vary_lists(p, rng)
        plan = self.size_plan()
        self.shape_narrative(n, plan, fill)
        header = [f"生成的基准测试申报（基于 examples/{name}），第 {self.index} 份。",
                  "企业、人员、数据均为虚构。All companies, people and figures are fictional."]
        attachments = [(x["path"], EXAMPLES / name / x["path"]) for x in doc["attachments"]]
        return self.finish(doc, header, attachments, plan)

    def set_listed(self, a, listed):
        a["listed"] = listed
        if listed:
            a["stock_code"] = self.rng.choice(["688", "300", "002", "603"]) + f"{self.rng.randint(1, 999):03d}"
            a["stock_code"] += ".SH" if a["stock_code"][0] == "6" else ".SZ"
        else:
            a.pop("stock_code", None)
        # keep the schema's order: listed, stock_code before profile
        profile = a.pop("profile")
        a["profile"] = profile

    def vary_lists(self, p, rng):
        kw = p["keywords"]
        keep = rng.randint(max(3, len(kw) - 4), len(kw))
        p["keywords"] = kw[:keep]
        if "partners" in p and rng.random() < 0.3:
            del p["partners"]

    # ---- from a category template
    def themed(self, number):
        rng = self.rng
        t = THEMES[number]
        rec, region = self.recommender_and_region()
        code6, prov, city, district, postal, area = region
        city_short = (city or district).rstrip("市")
        brand_cn, brand_py, _ = brand(rng)
        rep, _ = person(rng)
        listed = rng.random() < 0.08 and rec["kind"] != "central_enterprise"
        company, form = self.company(t["industry"], city_short, brand_cn, listed,
                                     rec["kind"] == "central_enterprise")
        est, start, launch, end, submission, signed = self.dates(rec)

        metrics, written = [], []
        as_of_year_end = "2020-12-31"
        for name, (lo, hi), d, unit in t["metrics"]:
            v = rng.uniform(lo, hi)
            v = int(round(v)) if d == 0 else round(v, d)
            metrics.append({"name": name, "value": v, "unit": unit,
                            "as_of": as_of_year_end if name.startswith("2020 年") else "2021-02-28"})
            written.append(f"{fmt_num(v)} {unit}")
        fill = {"brand": brand_cn, "city": city_short, "company": company, "launch": cn_date(launch),
                "m0": written[0], "m1": written[1], "m2": written[2], "m3": written[3]}
        total = rng.randint(80, 2000) * 10
        completed = int(round(total * rng.uniform(0.4, 1.0), -1))
        capital = rng.choice([500, 1000, 1500, 2000, 3000, 5000, 6000, 8000, 10000])
        employees = rng.randint(40, 1200)
        rd = int(employees * rng.uniform(0.2, 0.6))
        revenue_floor = metrics[3]["value"] * (10000 if metrics[3]["unit"] == "亿元" else 1)
        project_name = rng.choice(t["projects"]).format(**fill)
        applicant = {
            "name": company,
            "credit_code": make_credit_code(rng, code6),
            "legal_form": form,
            "ownership": "国有" if rec["kind"] == "central_enterprise" else rng.choice(["民营"] * 8 + ["中外合资", "其他"]),
            "established": iso(est),
            "registered_capital": capital,
            "address": address(rng, region),
            "postal_code": postal,
            "legal_representative": rep,
            "contact": self.contact(area, brand_py, t["domain"]),
            "employees": employees,
            "rd_staff": rd,
            "finance": self.finance(revenue_floor),
            "listed": False,
            "profile": THEMED_PROFILE.format(company=company, year=est.year, capital=capital, business=t["business"],
                                             employees=employees, rd=rd, patents=rng.randint(2, 30),
                                             copyrights=rng.randint(5, 120), provinces=rng.randint(3, 28)),
        }
        self.set_listed(applicant, listed)
        kw = list(t["keywords"])
        rng.shuffle(kw)
        project = {
            "name": project_name,
            "category": number if rng.random() < 0.7 else t["name"],
            "summary": t["summary"].format(**fill),
            "keywords": kw[:rng.randint(4, min(10, len(kw)))],
            "start_date": iso(start),
            "launch_date": iso(launch),
        }
        if end:
            project["end_date"] = iso(end)
        project["investment"] = {"total": total, "completed": completed}
        project["metrics"] = metrics
        if rng.random() < 0.7:
            partners = []
            for _ in range(rng.randint(1, 3)):
                partners.append(rng.choice(["", city_short]) + brand(rng)[0] + rng.choice(PARTNER_TAILS))
            project["partners"] = sorted(set(p for p in partners if len(p) >= 2))
        narrative = {k: t[k].format(**fill) for k in ("background", "content", "innovation", "results", "replicability")}
        narrative["safeguards"] = THEMED_SAFEGUARDS.format(completed=completed)
        plan = self.size_plan()
        self.shape_narrative(narrative, plan, fill)
        attachments = [
            {"path": "attachments/business-licence.pdf", "kind": "business_licence", "title": "营业执照副本复印件"},
            {"path": "attachments/financial-statement-2020.pdf", "kind": "financial_statement", "title": "2020 年度财务报表（摘要）"},
        ]
        files = [("attachments/business-licence.pdf", EXAMPLES / "thermal-screening-robot/attachments/business-licence.pdf"),
                 ("attachments/financial-statement-2020.pdf", EXAMPLES / "thermal-screening-robot/attachments/financial-statement-2020.pdf")]
        if rng.random() < 0.5:
            attachments.append({"path": "attachments/software-copyright.pdf", "kind": "ip_certificate",
                                "title": f"计算机软件著作权登记证书（{brand_cn}{t['name']}系统V{rng.randint(1, 5)}.0）"})
            files.append(("attachments/software-copyright.pdf", EXAMPLES / "remote-diagnosis-platform/attachments/software-copyright.pdf"))
        attachments.append({"path": "attachments/screenshot.png", "kind": "evidence", "title": "项目应用界面截图"})
        files.append(("attachments/screenshot.png", EXAMPLES / "remote-diagnosis-platform/attachments/platform-screenshot.png"))
        doc = {
            "schema": 1,
            "call": "miit-xxxf-2021",
            "applicant": applicant,
            "project": project,
            "narrative": narrative,
            "recommender": rec,
            "submission": {"date": iso(submission), "channel": rng.choice(["ems", "confidential_exchange"]),
                           "registration_id": self.registration(submission)},
            "attachments": attachments,
            "commitments": self.commitments(rep, signed),
        }
        if rng.random() < 0.2:
            del doc["call"]
        header = [f"生成的基准测试申报（类别 {number} {t['name']}），第 {self.index} 份。",
                  "企业、人员、数据均为虚构。All companies, people and figures are fictional."]
        return self.finish(doc, header, files, plan)

    def finish(self, doc, header, files, plan):
        """The smallest declarations: leave out what the schema does not
        require (but keep legal_form, which a 91 code needs)."""
        if plan == "minimal":
            a, p, n = doc["applicant"], doc["project"], doc["narrative"]
            doc.pop("call", None)
            a["contact"].pop("title", None)
            a["contact"].pop("mobile", None)
            if not a.get("listed"):
                a.pop("listed", None)
            for k in ("end_date", "partners", "metrics"):
                p.pop(k, None)
            p["keywords"] = p["keywords"][:3]
            n["results"] = trim_to(n["results"], 150 + self.rng.randint(0, 30), self.rng)
            a["profile"] = trim_to(a["profile"], 50, self.rng)
            p["summary"] = trim_to(p["summary"], 50, self.rng)
            doc["recommender"].pop("department", None)
            doc["attachments"] = doc["attachments"][:1]
            doc["commitments"].pop("date", None)
            header = header[:1]
        doc = integral_floats_as_ints(doc)  # 33.0 is written 33 and reads back as 33
        used = {x["path"] for x in doc["attachments"]}
        return doc, header, [(rel, src) for rel, src in files if rel in used]

    def make(self):
        if self.rng.random() < 0.5:
            return self.from_example(self.rng.choice(sorted(EXAMPLE_SPECS)))
        return self.themed(self.rng.choice(sorted(THEMES)))


CATEGORY_NAMES = ["数字创意内容和服务", "线上线下融合服务", "医疗教育服务", "数字惠民服务", "电子商务平台服务",
                  "行业信息化服务", "智能防控创新产品", "前沿科技信息产品", "智慧城市治理与服务平台", "信息消费体验中心"]


def integral_floats_as_ints(v):
    if isinstance(v, dict):
        return {k: integral_floats_as_ints(x) for k, x in v.items()}
    if isinstance(v, list):
        return [integral_floats_as_ints(x) for x in v]
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def fmt_num_value(x):
    return int(x) if float(x).is_integer() else x


# --------------------------------------------------------------------------
# Invariants, checked on every generated declaration before it is written.

def check_invariants(doc):
    a, p, n = doc["applicant"], doc["project"], doc["narrative"]
    code = a["credit_code"]
    assert uscc_valid(code) and code.startswith("91"), code
    assert code[2:8] in REGION_BY_CODE, code
    d = [parse_date(a["established"]), parse_date(p["start_date"])]
    if "launch_date" in p:
        d.append(parse_date(p["launch_date"]))
    d.append(parse_date(doc["submission"]["date"]))
    assert all(x < y for x, y in zip(d, d[1:])) and d[-1] <= LAST_DAY, d
    assert d[-1] <= INTERNAL_DEADLINES.get(doc["recommender"]["name"], LAST_DAY)
    assert doc["submission"]["registration_id"] != "not_yet"
    assert p["investment"]["completed"] <= p["investment"]["total"]
    assert a["rd_staff"] <= a["employees"]
    c = doc["commitments"]
    assert all(c[k] is True for k in ("truthful", "social_responsibility", "consumer_rights", "public_interest"))
    assert c["signatory"] == a["legal_representative"]
    for k, v in n.items():
        assert len(v) >= 150, (k, len(v))
    assert 50 <= len(p["summary"]) <= 1000
    assert len(p["keywords"]) == len(set(p["keywords"])) and 1 <= len(p["keywords"]) <= 10
    text = "".join(n.values()) + p["summary"]
    for m in p.get("metrics", []):
        written = f"{fmt_num(m['value'])}%" if m["unit"] == "%" else f"{fmt_num(m['value'])} {m['unit']}"
        assert written in text, (written, m)


# --------------------------------------------------------------------------

def place_attachments(folder, files, first_copies):
    for rel, src in files:
        dest = folder / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.exists():
            dest.unlink()
        key = str(src)
        if key in first_copies:
            try:
                os.link(first_copies[key], dest)
                continue
            except OSError:
                pass
        shutil.copyfile(src, dest)
        first_copies.setdefault(key, dest)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("n", type=int, nargs="?", default=10000)
    ap.add_argument("--seed", type=int, default=2021)
    args = ap.parse_args(argv)
    if args.n < 1 or args.n > 99999:
        ap.error("N must be 1..99999")

    examples = {}
    for name in EXAMPLE_SPECS:
        examples[name] = load_subset((EXAMPLES / name / "shenbao.yaml").read_text(encoding="utf-8"))
        check_invariants(examples[name])

    args.out_dir.mkdir(parents=True, exist_ok=True)
    marker = args.out_dir / ".gen-complete"
    if marker.exists():
        marker.unlink()
    sizes, cats = [], {}
    first_copies = {}
    for i in range(args.n):
        doc, header, files = Gen(args.seed, i, examples).make()
        check_invariants(doc)
        text = emit(doc, header)
        folder = args.out_dir / f"{i:05d}"
        folder.mkdir(exist_ok=True)
        data = text.encode("utf-8")
        (folder / "shenbao.yaml").write_bytes(data)
        place_attachments(folder, files, first_copies)
        sizes.append(len(data))
        c = doc["project"]["category"]
        c = c if isinstance(c, int) else CATEGORY_NAMES.index(c) + 1
        cats[c] = cats.get(c, 0) + 1
    mean = sum(sizes) / len(sizes)
    summary = (f"declarations: {args.n} (seed {args.seed})\n"
               f"shenbao.yaml bytes: mean {mean:.0f}, min {min(sizes)}, max {max(sizes)}, total {sum(sizes)}\n"
               f"categories: {', '.join(f'{k}:{cats[k]}' for k in sorted(cats))}\n")
    gen = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    marker.write_text(f"n={args.n} seed={args.seed} gen={gen}\n" + summary, encoding="utf-8")
    sys.stdout.write(summary)


if __name__ == "__main__":
    main()
